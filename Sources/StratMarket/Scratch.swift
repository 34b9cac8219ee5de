/// 32 bytes of stack space for formatting one value, appended to a byte array in one piece (one
/// uniqueness and capacity check per value instead of one per byte).
struct Scratch {
  var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  /// Runs `write` on 32 bytes of scratch and appends the bytes it reports writing.
  @inline(__always)
  static func append(to out: inout [UInt8], _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
    var scratch = Scratch()
    withUnsafeMutableBytes(of: &scratch) { raw in
      let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
      let count = write(base)
      out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }
  }
}
