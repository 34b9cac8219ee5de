import StratDiagnostics

/// Decompresses a gzip (RFC 1952) stream as it is read: one or more members, each a header,
/// DEFLATE data and a trailer whose CRC-32 and length are checked. Memory is fixed (a 64 KB
/// input buffer and a 288 KB window) whatever the size of the file.
///
/// Errors are `data.gzip.*` diagnostics located at the byte offset in the compressed stream.
public final class GzipByteStream: ByteStream {
  private enum Phase { case header, body, finished }

  /// The name of the wrapped stream, used in error locations.
  public let name: String
  private var inflater: Inflater
  private var phase = Phase.header
  private var readPosition = 0
  private var crc: UInt32 = 0
  private var memberSize: UInt32 = 0
  private var members = 0

  /// Wraps `source`, which must hold gzip data from its first byte.
  public init(source: ByteStream) {
    name = source.name
    inflater = Inflater(source: source)
  }

  deinit { inflater.deallocate() }

  /// The number of gzip members fully read so far.
  public var memberCount: Int { members }

  /// Fills `buffer` with decompressed bytes; 0 only after the last member's trailer.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(MarketDataError) -> Int {
    guard buffer.count > 0 else { return 0 }
    while true {
      let ready = inflater.outPosition - readPosition
      if ready > 0 {
        let n = min(ready, buffer.count)
        buffer.baseAddress!.copyMemory(from: inflater.window + readPosition, byteCount: n)
        readPosition += n
        return n
      }
      if phase == .finished { return 0 }
      if inflater.isWindowFull {
        inflater.slide()
        readPosition = inflater.outPosition
      }
      try advance()
    }
  }

  /// Does the next step: a member header, or more of a member's data and maybe its trailer.
  private func advance() throws(MarketDataError) {
    switch phase {
    case .header:
      if try readHeader() {
        inflater.startStream()
        crc = 0
        memberSize = 0
        phase = .body
      } else {
        phase = .finished
      }
    case .body:
      let start = inflater.outPosition
      let ended = try inflater.run()
      let produced = inflater.outPosition - start
      crc = CRC32.update(crc, inflater.window + start, produced)
      memberSize &+= UInt32(truncatingIfNeeded: produced)
      if ended {
        try checkTrailer()
        members += 1
        phase = .header
      }
    case .finished:
      return
    }
  }

  /// Reads one byte of a header or trailer; the end of the stream is a truncation.
  private func byte(inside: String) throws(MarketDataError) -> UInt8 {
    guard let byte = try inflater.input.nextByte() else {
      throw inflater.fail { GzipDiagnostics.truncated(path: $0, offset: $1, inside: inside) }
    }
    return byte
  }

  /// Reads a little-endian 32-bit trailer field.
  private func word(inside: String) throws(MarketDataError) -> UInt32 {
    var value: UInt32 = 0
    for shift in stride(from: 0, to: 32, by: 8) {
      value |= UInt32(try byte(inside: inside)) << UInt32(shift)
    }
    return value
  }

  /// Reads a member header; false at a clean end of the stream after at least one member.
  private func readHeader() throws(MarketDataError) -> Bool {
    inflater.input.alignToByte()
    let start = inflater.input.offset
    guard let first = try inflater.input.nextByte() else {
      if members > 0 { return false }
      throw inflater.fail { GzipDiagnostics.truncated(path: $0, offset: $1, inside: "gzip header") }
    }
    let second = try byte(inside: "gzip header")
    guard first == 0x1F && second == 0x8B else {
      throw MarketDataError(diagnostics: [
        GzipDiagnostics.badMagic(path: name, offset: start, found: (first, second))
      ])
    }
    let method = try byte(inside: "gzip header")
    let flags = try byte(inside: "gzip header")
    guard method == 8 && flags & 0xE0 == 0 else {
      let what = method != 8 ? "method \(method)" : "reserved flag bits \(flags & 0xE0)"
      throw MarketDataError(diagnostics: [
        GzipDiagnostics.badHeader(path: name, offset: start + 2, what: what)
      ])
    }
    for _ in 0..<6 { _ = try byte(inside: "gzip header") }  // MTIME, XFL, OS
    try skipOptionalFields(flags: flags)
    return true
  }

  /// Skips FEXTRA, FNAME, FCOMMENT and FHCRC when their flags are set.
  private func skipOptionalFields(flags: UInt8) throws(MarketDataError) {
    if flags & 0x04 != 0 {
      let low = Int(try byte(inside: "gzip extra field"))
      let length = low | Int(try byte(inside: "gzip extra field")) << 8
      for _ in 0..<length { _ = try byte(inside: "gzip extra field") }
    }
    if flags & 0x08 != 0 { while try byte(inside: "gzip file name") != 0 {} }
    if flags & 0x10 != 0 { while try byte(inside: "gzip comment") != 0 {} }
    if flags & 0x02 != 0 { for _ in 0..<2 { _ = try byte(inside: "gzip header CRC") } }
  }

  /// Checks the member trailer's CRC-32 and ISIZE against the output.
  private func checkTrailer() throws(MarketDataError) {
    inflater.input.alignToByte()
    let start = inflater.input.offset
    let storedCRC = try word(inside: "gzip trailer")
    let storedSize = try word(inside: "gzip trailer")
    if storedCRC != crc {
      throw MarketDataError(diagnostics: [
        GzipDiagnostics.crcMismatch(path: name, offset: start, stored: storedCRC, computed: crc)
      ])
    }
    if storedSize != memberSize {
      throw MarketDataError(diagnostics: [
        GzipDiagnostics.sizeMismatch(
          path: name,
          offset: start + 4,
          stored: storedSize,
          computed: memberSize
        )
      ])
    }
  }
}
