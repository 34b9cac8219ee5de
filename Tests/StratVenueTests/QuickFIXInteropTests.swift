import Foundation
import Testing

/// Runs scripts/quickfix-interop/run.sh (QuickFIX's initiator against strat-venue --acceptance)
/// when Python's `quickfix` package is installed; otherwise says it skipped.
@Suite struct QuickFIXInteropTests {
  /// The package root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The strat-venue binary next to the test bundle (same build configuration).
  static let venueBinary: URL = {
    var directory = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent("strat-venue")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return root.appendingPathComponent(".build/debug/strat-venue")
  }()

  /// Runs `arguments` with the environment given added; returns the status and the output.
  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.currentDirectoryURL = root
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("qf-interop-\(UUID().uuidString).out")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    let handle = try FileHandle(forWritingTo: output)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
  }

  @Test func quickFIXInitiatorTradesWithOurAcceptor() throws {
    let (probe, _) = try Self.run(["python3", "-c", "import quickfix"])
    guard probe == 0 else {
      print("QuickFIXInteropTests: skipped: quickfix not installed (python3 -m pip install quickfix==1.16.0)")
      return
    }
    let (status, output) = try Self.run(
      ["bash", "scripts/quickfix-interop/run.sh"], environment: ["STRAT_VENUE": Self.venueBinary.path])
    print(output)
    #expect(status == 0, "run.sh failed:\n\(output)")
    #expect(output.contains("PASS quickfix-initiator -> strat-venue acceptor"), "\(output)")
  }
}
