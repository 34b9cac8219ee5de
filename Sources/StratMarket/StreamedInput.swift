import Foundation
import StratDiagnostics

/// Inputs that are not regular files (a pipe from `<(cat f.csv)`, a `mkfifo` FIFO, a device such
/// as `/dev/zero`): each is opened once and what is read from it is kept for the rest of the
/// process under its path, at most `limit` bytes, so that detecting a format and then reading it
/// (two opens of the path) see the same bytes; a FIFO opened twice would block or read nothing
/// the second time. Bytes are read as a reader asks for them, so a format probe of `/dev/zero`
/// reads 4 KB, not the limit.
///
/// Regular files never come here: they are read (or mapped) directly, with no size limit.
public enum StreamedInput {
  /// The most bytes read from one non-regular input: 1 GiB. More is `data.io.too-large`; for
  /// larger inputs, write them to a file first.
  public static let limit = 1 << 30

  private static let lock = NSLock()
  nonisolated(unsafe) private static var sources: [String: Source] = [:]

  /// One opened input and the bytes read from it so far.
  final class Source: @unchecked Sendable {
    let path: String
    let limit: Int
    private let descriptor: Int32
    private(set) var bytes: [UInt8] = []
    private var ended = false
    /// The buffer each `read` fills before its bytes are appended.
    private var chunk: [UInt8] = []

    init(path: String, limit: Int) throws(Diagnostic) {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else { throw CSVDiagnostics.unreadable(path: path, reason: FileBytes.lastError()) }
      self.path = path
      self.limit = limit
      descriptor = fd
    }

    deinit { close(descriptor) }

    /// Reads until more than `count` bytes are held or the input ends; false at the end.
    func fill(beyond count: Int) throws(Diagnostic) -> Bool {
      while bytes.count <= count && !ended {
        if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: 1 << 16) }
        if bytes.count > limit { throw StreamedInput.tooLarge(path: path, limit: limit) }
        let got = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress!, $0.count) }
        if got < 0 && errno == EINTR { continue }
        if got < 0 { throw CSVDiagnostics.unreadable(path: path, reason: FileBytes.lastError()) }
        if got == 0 { ended = true }
        bytes.append(contentsOf: chunk[0..<got])
      }
      if bytes.count > limit { throw StreamedInput.tooLarge(path: path, limit: limit) }
      return bytes.count > count
    }
  }

  /// True when `path` exists and is not a regular file or a folder (so it must be read once).
  static func isStream(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else { return false }
    let type = info.st_mode & S_IFMT
    return type != S_IFREG && type != S_IFDIR
  }

  /// The source of the non-regular input at `path`, opened on first use.
  static func source(of path: String, limit: Int = StreamedInput.limit) throws(Diagnostic) -> Source {
    lock.lock()
    defer { lock.unlock() }
    if let known = sources[path] { return known }
    let source = try Source(path: path, limit: limit)
    sources[path] = source
    return source
  }

  /// The bytes read so far from the non-regular input at `path`, nil when it was never opened
  /// (so that a caller hashing inputs after a run never reads a pipe a second time).
  public static func heldBytes(of path: String) -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    return sources[path]?.bytes
  }

  /// True when `path` exists and is not a regular file or a folder (so it must be read once).
  public static func isPipeOrDevice(_ path: String) -> Bool { isStream(path) }

  /// Every byte of the non-regular input at `path`; `check` sees the bytes read so far after
  /// each read until it accepts them, so that an endless device that is not the expected format
  /// stops early.
  static func bytes(
    of path: String, limit: Int = StreamedInput.limit, check: FileBytes.StartCheck? = nil
  ) throws(Diagnostic) -> [UInt8] {
    let input = try source(of: path, limit: limit)
    var accepted = check == nil
    var count = input.bytes.count
    while try input.fill(beyond: count) {
      count = input.bytes.count
      if !accepted, let check {
        let held = input.bytes
        let verdict: Result<Bool, Diagnostic> = held.withUnsafeBufferPointer { buffer in
          do throws(Diagnostic) { return .success(try check(buffer.baseAddress!, buffer.count)) } catch {
            return .failure(error)
          }
        }
        accepted = try verdict.get()
      }
    }
    return input.bytes
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

/// A byte stream over a `StreamedInput` source, from its first byte: every open of the path
/// gets one, and all of them share the bytes read.
final class HeldByteStream: ByteStream {
  let name: String
  private let source: StreamedInput.Source
  private var position = 0

  init(_ source: StreamedInput.Source) {
    self.source = source
    name = source.path
  }

  /// True when the input starts with the gzip magic 1f 8b (read without moving the stream);
  /// false too when it cannot be read, which `read` then reports.
  var startsWithGzipMagic: Bool {
    guard (try? source.fill(beyond: 1)) == true else { return false }
    return source.bytes[0] == 0x1F && source.bytes[1] == 0x8B
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    do throws(Diagnostic) {
      guard try source.fill(beyond: position) else { return 0 }
    } catch {
      throw MarketDataError(diagnostics: [error])
    }
    let n = min(buffer.count, source.bytes.count - position)
    source.bytes.withUnsafeBytes { raw in
      buffer.baseAddress!.copyMemory(from: raw.baseAddress! + position, byteCount: n)
    }
    position += n
    return n
  }
}
