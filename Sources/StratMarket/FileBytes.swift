import Foundation
import StratDiagnostics

/// Gives read access to whole files, read into memory with plain POSIX calls. Not memory-mapped
/// on purpose: a mapped file truncated by another process during a run would fault the process,
/// and reading costs only milliseconds per million rows.
enum FileBytes {
  /// Runs `body` over the bytes of the file at `path`; the pointer is valid only inside `body`.
  /// A pipe or device is read once (`StreamedInput`), with `check` watching its start.
  static func withBytes<T>(
    path: String,
    symbol: String?,
    check: StartCheck? = nil,
    _ body: (UnsafePointer<UInt8>?, Int) throws(Diagnostic) -> T
  ) throws(Diagnostic) -> T {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw CSVDiagnostics.missingFile(path: path, symbol: symbol)
    }
    if isFolder.boolValue { throw CSVDiagnostics.folderNotFile(path: path, symbol: symbol ?? "?") }
    if StreamedInput.isStream(path) {
      return try run(body, over: try StreamedInput.bytes(of: path, check: check))
    }
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

  /// Checks the start of an input while it is still being read: returns true once it has seen
  /// enough to accept it, throws as soon as it can refuse it.
  typealias StartCheck = (UnsafePointer<UInt8>, Int) throws(Diagnostic) -> Bool

  /// Reads everything from the regular file `fd` (its size is a hint: it may grow meanwhile).
  static func readAll(_ fd: Int32, path: String, sizeHint: Int) throws(Diagnostic) -> [UInt8] {
    // The first `sizeHint` bytes go into uninitialised storage: zeroing it first was one more
    // pass over the whole file (a memset of 45 MB per bench file).
    let capacity = max(sizeHint, 0) + 4_096
    var failed = false
    var bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
      count = 0
      while count < buffer.count {
        let got = Foundation.read(fd, buffer.baseAddress! + count, buffer.count - count)
        if got < 0 && errno == EINTR { continue }
        if got < 0 { failed = true }
        if got <= 0 { return }
        count += got
      }
    }
    if failed { throw CSVDiagnostics.unreadable(path: path, reason: lastError()) }
    guard bytes.count == capacity else { return bytes }
    var filled = bytes.count
    while true {
      // Array(repeating:) is a memset even in debug builds; repeatElement is not.
      if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: bytes.count)) }
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
