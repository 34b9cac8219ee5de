import Foundation

/// A file read once through one descriptor, refused before reading when it is not a regular
/// file (a FIFO dropped into the strategies folder would block the reader forever) or larger
/// than the caller's limit (bounded memory whatever lies in the folder). Its mode comes from the
/// same descriptor, so what was checked is what was read.
struct BoundedFile {
  let bytes: [UInt8]
  /// The permission bits (`st_mode & 0o7777`).
  let mode: UInt32

  enum Failure: Error, Equatable {
    /// The file does not exist (ENOENT).
    case missing
    case unreadable(reason: String)
    case notRegular
    case tooLarge(size: Int)
  }

  static func read(path: String, limit: Int) throws(Failure) -> BoundedFile {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw errno == ENOENT ? .missing : .unreadable(reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .unreadable(reason: String(cString: strerror(errno)))
    }
    guard status.st_mode & S_IFMT == S_IFREG else { throw .notRegular }
    let size = Int(status.st_size)
    guard size <= limit else { throw .tooLarge(size: size) }
    // One byte more than fstat said: a file that grew since is refused, never cut silently.
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var filled = 0
    while filled < bytes.count {
      let count = bytes.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(filled))
      }
      if count < 0, errno == EINTR { continue }
      guard count >= 0 else { throw .unreadable(reason: String(cString: strerror(errno))) }
      if count == 0 { break }
      filled += count
    }
    guard filled <= size else { throw .unreadable(reason: "it grew while it was read") }
    return BoundedFile(bytes: Array(bytes.prefix(filled)), mode: UInt32(status.st_mode) & 0o7777)
  }
}
