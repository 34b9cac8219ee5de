import CSHA256

/// SHA-256 (FIPS 180-4): the hashes a compiled strategy carries (its source's and its code's)
/// and the run id's digests of input files, which may be hundreds of megabytes, so blocks are
/// compressed in place from the caller's bytes, with no copy and no allocation per block, by
/// the CPU's SHA instructions when it has them (CSHA256), else by the loop below.
public enum SHA256 {
  /// The digest of `bytes` as 64 lowercase hex digits.
  public static func hex<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var hasher = SHA256Hasher()
    hasher.update(bytes)
    return hasher.finalizeHex()
  }

  /// The 32-byte digest of `bytes`.
  public static func digest<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
    var hasher = SHA256Hasher()
    hasher.update(bytes)
    return hasher.finalize()
  }
}

/// An incremental SHA-256: feed bytes in any number of pieces, then finalize once.
public struct SHA256Hasher: Sendable {
  private var h: [UInt32] = SHA256Hasher.initial
  /// The bytes of an unfinished block (fewer than 64).
  private var pending: [UInt8] = []
  private var length: UInt64 = 0
  /// True to compress in Swift even where the CPU has SHA instructions (for tests).
  private let portable: Bool

  /// Starts an empty hash; `portable` keeps to the Swift loop.
  public init(portable: Bool = false) {
    self.portable = portable
    pending.reserveCapacity(64)
  }

  /// Adds `bytes` to the message.
  public mutating func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    let contiguous: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
    if contiguous == nil { Array(bytes).withUnsafeBytes { update($0) } }
  }

  /// Adds the bytes of `buffer` to the message.
  public mutating func update(_ buffer: UnsafeRawBufferPointer) {
    guard var p = buffer.baseAddress, buffer.count > 0 else { return }
    var left = buffer.count
    length &+= UInt64(left)
    if !pending.isEmpty {
      let take = min(64 - pending.count, left)
      pending.append(contentsOf: UnsafeRawBufferPointer(start: p, count: take))
      (p, left) = (p + take, left - take)
      guard pending.count == 64 else { return }
      pending.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: 1) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = left / 64
    if whole > 0 { compress(blocks: p, count: whole) }
    pending.append(contentsOf: UnsafeRawBufferPointer(start: p + whole * 64, count: left - whole * 64))
  }

  /// The 32-byte digest of everything added.
  public mutating func finalize() -> [UInt8] {
    let bits = length &* 8
    var tail = pending
    tail.append(0x80)
    while tail.count % 64 != 56 { tail.append(0) }
    for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    tail.withUnsafeBytes { compress(blocks: $0.baseAddress!, count: tail.count / 64) }
    pending.removeAll()
    return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
  }

  /// The digest as 64 lowercase hex digits.
  public mutating func finalizeHex() -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self)
  }

  /// Compresses `count` 64-byte blocks starting at `blocks` into the state.
  private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
    if !portable {
      let done = h.withUnsafeMutableBufferPointer {
        csha256_compress($0.baseAddress!, blocks.assumingMemoryBound(to: UInt8.self), count) == 1
      }
      if done { return }
    }
    var state = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
    Self.k.withUnsafeBufferPointer { k in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        for block in 0..<count {
          Self.compress(&state, blocks + block * 64, w.baseAddress!, k.baseAddress!)
        }
      }
    }
    h = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
  }

  private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

  @inline(__always)
  private static func compress(
    _ state: inout State, _ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>,
    _ k: UnsafePointer<UInt32>
  ) {
    for t in 0..<16 { w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self)) }
    for t in 16..<64 {
      let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
      let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
      w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
    }
    var (a, b, c, d, e, f, g, hh) = state
    for t in 0..<64 {
      let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
      let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
      (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
    }
    state = (
      state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f,
      state.6 &+ g, state.7 &+ hh
    )
  }

  @inline(__always)
  private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { x >> n | x << (32 - n) }

  private static let initial: [UInt32] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]

  private static let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]
}
