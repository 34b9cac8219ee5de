import Foundation
import StratDiagnostics

/// Inputs that are not regular files (a pipe from `<(cat f.csv)`, a `mkfifo` FIFO, a device such
/// as `/dev/zero`): each is read once, into memory, at most `limit` bytes, and kept for the rest
/// of the process under its path, so that detecting a format and then reading it (two opens of
/// the path) see the same bytes; a FIFO opened twice would block or read nothing the second time.
///
/// Regular files never come here: they are read (or mapped) directly, with no size limit.
public enum StreamedInput {
  /// The most bytes read from one non-regular input: 1 GiB. More is `data.io.too-large`; for
  /// larger inputs, write them to a file first.
  public static let limit = 1 << 30

  private static let lock = NSLock()
  nonisolated(unsafe) private static var inputs: [String: [UInt8]] = [:]

  /// True when `path` exists and is not a regular file or a folder (so it must be read once).
  static func isStream(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let type = info.st_mode & S_IFMT
    return type != S_IFREG && type != S_IFDIR
  }

  /// The bytes of the non-regular input at `path`, read on first use; `limit` bounds them.
  static func bytes(of path: String, limit: Int = StreamedInput.limit) throws(Diagnostic) -> [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    if let known = inputs[path] { return known }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CSVDiagnostics.unreadable(path: path, reason: FileBytes.lastError()) }
    defer { close(fd) }
    let bytes = try FileBytes.readAll(fd, path: path, sizeHint: 1 << 16, limit: limit)
    inputs[path] = bytes
    return bytes
  }

  /// The diagnostic for an input that goes on past `limit` bytes.
  static func tooLarge(path: String, limit: Int) -> Diagnostic {
    Diagnostic(
      id: "data.io.too-large",
      message: "expected at most \(limit >> 20) MiB from a pipe or device; found more in `\(path)`",
      at: DataLocation(path: path, byteOffset: limit),
      notes: [
        "input that is not a regular file is read into memory once; write a larger input to a file first"
      ])
  }
}

/// A byte stream over a whole input held in memory (a `StreamedInput`).
final class MemoryByteStream: ByteStream {
  let name: String
  private let bytes: [UInt8]
  private var position = 0

  init(_ bytes: [UInt8], name: String) {
    self.bytes = bytes
    self.name = name
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    let n = min(buffer.count, bytes.count - position)
    guard n > 0 else { return 0 }
    bytes.withUnsafeBytes { raw in
      buffer.baseAddress!.copyMemory(from: raw.baseAddress! + position, byteCount: n)
    }
    position += n
    return n
  }
}

/// A stream that hands out a few bytes already read (a format probe) before the rest of its
/// source, so that probing never needs a second open.
final class PrefixedByteStream: ByteStream {
  let name: String
  private var prefix: [UInt8]
  private let source: ByteStream

  init(prefix: [UInt8], source: ByteStream) {
    self.prefix = prefix
    self.source = source
    name = source.name
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    guard !prefix.isEmpty else { return try source.read(into: buffer) }
    let n = min(buffer.count, prefix.count)
    prefix.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
    prefix.removeFirst(n)
    return n
  }
}
