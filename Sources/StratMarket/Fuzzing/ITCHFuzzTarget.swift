// What Fuzz/ITCHFuzz drives, and ITCHFuzzCorpusTests replays: one code path for both.

import StratDiagnostics

/// Runs the ITCH framing reader (both policies, wire and decoded), the MoldUDP64 packet
/// decoder and capture reader, the live receiver's sequencer, and the gzip inflater over one input. Returns the ids of the
/// diagnostics thrown or recorded, the expected outcome for bad input; a trap is a bug.
enum ITCHFuzzTarget {
  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    for policy in MalformedInputPolicy.allCases {
      do {
        let reader = try ITCHFileReader(
          stream: BufferByteStream(input),
          policy: policy,
          bufferCapacity: 0
        )
        _ = try reader.forEachWire { _ in }
        ids += reader.diagnostics.map(\.id)
        let again = try ITCHFileReader(
          stream: BufferByteStream(input),
          policy: policy,
          bufferCapacity: 0
        )
        while try again.next() != nil {}
      } catch { ids += error.diagnostics.map(\.id) }
      var decoder = MoldUDP64Decoder(name: "fuzz", policy: policy)
      do { _ = try decoder.decode(input) } catch { ids += error.diagnostics.map(\.id) }
      let capture = MoldUDP64FileReader(stream: BufferByteStream(input), policy: policy)
      do { while try capture.next() != nil {} } catch { ids += error.diagnostics.map(\.id) }
    }
    ids += sequencer(input)
    ids += inflate(input)
    // The same bytes as raw DEFLATE data behind a valid gzip header, so that arbitrary input
    // reaches the block decoder and not only the magic check.
    let wrapped: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + Array(input)
    ids += wrapped.withUnsafeBytes { inflate($0) }
    return ids
  }

  /// Decompresses `input` as gzip until it ends, fails or has produced 64 MB.
  static func inflate(_ input: UnsafeRawBufferPointer) -> [String] {
    let gzip = GzipByteStream(source: BufferByteStream(input))
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4_096, alignment: 8)
    defer { buffer.deallocate() }
    var produced = 0
    do {
      while produced < 64 << 20 {
        let n = try gzip.read(into: buffer)
        if n == 0 { break }
        produced += n
      }
    } catch { return error.diagnostics.map(\.id) }
    return []
  }
}
