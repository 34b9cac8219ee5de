import StratDiagnostics

/// Reads a replay capture of MoldUDP64: the packets of a session in arrival order, each preceded
/// by its length as a 2-byte big-endian number (the UDP payload length a capture tool records).
/// This is the layout `MoldUDP64Encoder.capture` writes; pcap files must be converted first.
public final class MoldUDP64FileReader {
  /// The packet decoder, with its gap and skip counts and diagnostics.
  public private(set) var decoder: MoldUDP64Decoder
  /// Packets returned so far.
  public private(set) var packetCount = 0

  private let stream: ByteStream
  private let packet = UnsafeMutableRawPointer.allocate(byteCount: 1 << 16, alignment: 8)
  private var offset = 0

  /// Reads packets from `stream`.
  public init(stream: ByteStream, policy: MalformedInputPolicy = .stop) {
    self.stream = stream
    decoder = MoldUDP64Decoder(name: stream.name, policy: policy)
  }

  deinit { packet.deallocate() }

  /// Opens `path`, decompressing gzip files as they are read.
  public convenience init(path: String, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError)
  {
    self.init(stream: try ByteStreams.open(path: path), policy: policy)
  }

  /// The next packet; nil at the end of the capture. A capture that ends inside a length or a
  /// packet throws `data.moldudp64.truncated`.
  public func next() throws(MarketDataError) -> MoldUDP64Packet? {
    let start = offset
    let lengthBytes = try read(2)
    if lengthBytes == 0 { return nil }
    guard lengthBytes == 2 else {
      throw truncated(expected: 2, found: lengthBytes, at: start, what: "packet length")
    }
    let length = Int(ITCHWire(packet).u16(0))
    let got = try read(length)
    guard got == length else {
      throw truncated(expected: length, found: got, at: start + 2, what: "MoldUDP64 packet")
    }
    packetCount += 1
    return try decoder.decode(UnsafeRawBufferPointer(start: packet, count: length), at: start + 2)
  }

  /// Reads up to `count` bytes into the front of `packet`; fewer only at the end of the stream.
  private func read(_ count: Int) throws(MarketDataError) -> Int {
    var filled = 0
    while filled < count {
      let got = try stream.read(
        into: UnsafeMutableRawBufferPointer(start: packet + filled, count: count - filled)
      )
      if got == 0 { break }
      filled += got
    }
    offset += filled
    return filled
  }

  private func truncated(expected: Int, found: Int, at: Int, what: String) -> MarketDataError {
    MarketDataError(diagnostics: [
      ITCHDiagnostics.moldTruncated(
        expected: expected,
        found: found,
        path: stream.name,
        offset: at,
        what: what
      )
    ])
  }
}
