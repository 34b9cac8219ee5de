import Foundation

/// Runs the built `stratc` executable as a user's script would, capturing output and status.
enum Stratc {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    /// True when the process ended by a signal rather than an exit.
    var crashed: Bool
  }

  /// The package root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The stratc binary next to the test bundle (same build configuration).
  static let binary: URL = {
    let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    while dir.path != "/" {
      let candidate = dir.appendingPathComponent("stratc")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return root.appendingPathComponent(".build/debug/stratc")
  }()

  /// Runs stratc with `arguments` (and optional stdin-free input files) from the package root,
  /// or from `directory` when given.
  static func run(_ arguments: [String], in directory: String? = nil) throws -> Run {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory.map { URL(fileURLWithPath: $0) } ?? root
    // Output goes to files, so that large outputs can never block the process on a full pipe.
    let outPath = temporaryDirectory() + ".out"
    let errPath = temporaryDirectory() + ".err"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
      try? FileManager.default.removeItem(atPath: outPath)
      try? FileManager.default.removeItem(atPath: errPath)
    }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    try process.run()
    process.waitUntilExit()
    let outData = FileManager.default.contents(atPath: outPath) ?? Data()
    let errData = FileManager.default.contents(atPath: errPath) ?? Data()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self),
      crashed: process.terminationReason == .uncaughtSignal)
  }

  /// Writes `bytes` to a fresh temporary file with the given extension and returns its path.
  static func temporaryFile(_ bytes: [UInt8], suffix: String = ".strat") throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("stratc-e2e-\(UUID().uuidString)\(suffix)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// A fresh temporary directory path (not yet created).
  static func temporaryDirectory() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("stratc-out-\(UUID().uuidString)").path
  }
}
