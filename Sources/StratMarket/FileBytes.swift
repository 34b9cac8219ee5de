import Foundation
import StratDiagnostics

/// Gives read access to whole files, read into memory with plain POSIX calls. Not memory-mapped
/// on purpose: a mapped file truncated by another process during a run would fault the process,
/// and reading costs only milliseconds per million rows.
enum FileBytes {
  /// Runs `body` over the bytes of the file at `path`; the pointer is valid only inside `body`.
  static func withBytes<T>(
    path: String,
    symbol: String?,
    _ body: (UnsafePointer<UInt8>?, Int) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw CSVDiagnostics.missingFile(path: path, symbol: symbol)
    }
    if isFolder.boolValue { throw CSVDiagnostics.folderNotFile(path: path, symbol: symbol ?? "?") }
    if StreamedInput.isStream(path) { return try run(body, over: try StreamedInput.bytes(of: path)) }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw CSVDiagnostics.unreadable(path: path, reason: lastError()) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw CSVDiagnostics.unreadable(path: path, reason: lastError())
    }
    let size = Int(info.st_size)
    return try run(body, over: try readAll(fd, path: path, sizeHint: size))
  }

  /// Runs `body` over `bytes`.
  private static func run<T>(
    _ body: (UnsafePointer<UInt8>?, Int) throws(Diagnostic) -> T, over bytes: [UInt8]
  ) throws(Diagnostic) -> T {
    let result: Result<T, Diagnostic> = bytes.withUnsafeBufferPointer { buffer in
      do throws(Diagnostic) {
        return .success(try body(buffer.baseAddress, buffer.count))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Reads everything from `fd`, whatever kind of file it is (regular, pipe, special); more
  /// than `limit` bytes is `data.io.too-large`.
  static func readAll(_ fd: Int32, path: String, sizeHint: Int, limit: Int = .max) throws(Diagnostic)
    -> [UInt8]
  {
    var bytes = [UInt8](repeating: 0, count: min(max(sizeHint, 0), limit) + 4_096)
    var filled = 0
    while true {
      if filled > limit { throw StreamedInput.tooLarge(path: path, limit: limit) }
      if filled == bytes.count {
        // Array(repeating:) is a memset even in debug builds; repeatElement is not.
        bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - filled)))
      }
      let got = bytes.withUnsafeMutableBytes { raw in
        Foundation.read(fd, raw.baseAddress! + filled, raw.count - filled)
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw CSVDiagnostics.unreadable(path: path, reason: lastError())
      }
      if got == 0 { break }
      filled += got
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// The text of the current `errno`.
  static func lastError() -> String {
    String(cString: strerror(errno))
  }
}
