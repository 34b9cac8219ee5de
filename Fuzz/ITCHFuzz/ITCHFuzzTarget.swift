// The decoders the fuzzer drives; shared with the corpus replay test, which compiles it too.

/// Runs every decoder over one input; returns how many messages and bytes came out, so the
/// work cannot be optimised away and replay tests can print it.
enum ITCHFuzzTarget {
  @discardableResult
  static func run(_ input: UnsafeRawBufferPointer) -> Int {
    var total = 0
    for policy in MalformedInputPolicy.allCases {
      if let reader = try? ITCHFileReader(
        stream: BufferByteStream(input),
        policy: policy,
        bufferCapacity: 0
      ) {
        total += (try? reader.forEachWire { _ in }) ?? 0
      }
      if let reader = try? ITCHFileReader(
        stream: BufferByteStream(input),
        policy: policy,
        bufferCapacity: 0
      ) {
        while let message = try? reader.next() { total += Int(message.typeCode & 1) }
      }
      var decoder = MoldUDP64Decoder(name: "fuzz", policy: policy)
      total += (try? decoder.decode(input).messages.count) ?? 0
      let capture = MoldUDP64FileReader(stream: BufferByteStream(input), policy: policy)
      while let packet = try? capture.next() { total += packet.messages.count }
    }
    total += inflate(input)
    // The same bytes as raw DEFLATE data behind a valid gzip header, so that arbitrary input
    // reaches the block decoder and not only the magic check.
    let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
    let wrapped = header + Array(input)
    total += wrapped.withUnsafeBytes { inflate($0) }
    return total
  }

  /// Decompresses `input` as gzip until it ends, fails or has produced 64 MB.
  private static func inflate(_ input: UnsafeRawBufferPointer) -> Int {
    let gzip = GzipByteStream(source: BufferByteStream(input))
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4_096, alignment: 8)
    defer { buffer.deallocate() }
    var produced = 0
    while produced < 64 << 20, let n = try? gzip.read(into: buffer), n > 0 { produced += n }
    return produced
  }
}
