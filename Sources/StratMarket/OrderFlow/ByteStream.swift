import Foundation
import StratDiagnostics

/// A source of bytes read in chunks, so that decoders stream and memory does not grow with the
/// size of a file. Decoders keep their own position count for error locations.
public protocol ByteStream: AnyObject {
  /// The name used in error locations (usually the file path).
  var name: String { get }
  /// Fills `buffer` from the start with up to `buffer.count` bytes; returns how many were read,
  /// 0 only at the end of the stream.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int
}

/// A plain file read with POSIX `read`.
public final class FileByteStream: ByteStream {
  public let name: String
  private let descriptor: Int32

  /// Opens `path` for reading; a missing, unreadable or folder path is a `data.io.*` error.
  public init(path: String) throws(MarketDataError) {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw MarketDataError(diagnostics: [CSVDiagnostics.missingFile(path: path, symbol: nil)])
    }
    if isFolder.boolValue {
      throw MarketDataError(diagnostics: [
        CSVDiagnostics.folderNotFile(path: path, symbol: (path as NSString).lastPathComponent)
      ])
    }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw MarketDataError(diagnostics: [
        CSVDiagnostics.unreadable(path: path, reason: FileBytes.lastError())
      ])
    }
    name = path
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// True when the first two bytes are the gzip magic 1f 8b; read with `pread`, so the stream
  /// still starts at byte 0.
  var startsWithGzipMagic: Bool {
    var magic: (UInt8, UInt8) = (0, 0)
    let got = withUnsafeMutableBytes(of: &magic) { pread(descriptor, $0.baseAddress, 2, 0) }
    return got == 2 && magic == (0x1F, 0x8B)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    while true {
      let got = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
      if got >= 0 { return got }
      if errno == EINTR { continue }
      throw MarketDataError(diagnostics: [
        CSVDiagnostics.unreadable(path: name, reason: FileBytes.lastError())
      ])
    }
  }
}
