import Foundation

/// The shim headers (Shim/, a resource of this module) that every kernel directory carries.
public enum HLSShim {
  /// The headers a kernel includes, in the order they are written.
  public static let headers = ["ap_int.h", "ap_fixed.h", "hls_stream.h"]

  /// The folder holding the bundled headers.
  public static var folder: URL? { Bundle.module.url(forResource: "Shim", withExtension: nil) }

  /// Copies the headers into `directory/shim/`; returns the paths written.
  @discardableResult
  public static func copy(into directory: URL) throws -> [URL] {
    guard let folder else { throw CocoaError(.fileNoSuchFile) }
    let shim = directory.appendingPathComponent("shim")
    try FileManager.default.createDirectory(at: shim, withIntermediateDirectories: true)
    return try headers.map { name in
      let target = shim.appendingPathComponent(name)
      try? FileManager.default.removeItem(at: target)
      try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: target)
      return target
    }
  }

  /// Writes `files` and the shim (as `shim/`) into `directory`; returns the names written.
  @discardableResult
  public static func write(_ files: [(name: String, text: String)], into directory: URL) throws -> [String] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for file in files {
      try Data(file.text.utf8).write(to: directory.appendingPathComponent(file.name), options: .atomic)
    }
    try copy(into: directory)
    return files.map(\.name) + headers.map { "shim/" + $0 }
  }
}
