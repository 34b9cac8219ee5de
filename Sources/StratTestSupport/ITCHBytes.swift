import Foundation

/// Framed ITCH 5.0 messages written by hand (NASDAQ's framing: 2-byte length, message).
public struct ITCHBytes {
  public init() {}

  public var bytes: [UInt8] = []

  public static func be(_ v: UInt64, _ n: Int) -> [UInt8] {
    (0..<n).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64(n - 1 - $0))) }
  }

  public mutating func message(_ type: Character, locate: UInt16, time: UInt64, _ body: [UInt8]) {
    let m =
      [UInt8(ascii: type.unicodeScalars.first!)] + Self.be(UInt64(locate), 2) + [0, 0]
      + Self.be(time, 6) + body
    bytes += Self.be(UInt64(m.count), 2) + m
  }

  public mutating func directory(locate: UInt16, _ symbol: String) {
    let stock = Array(symbol.utf8) + Array(repeating: 0x20, count: 8 - symbol.utf8.count)
    message(
      "R",
      locate: locate,
      time: 1,
      stock + Array("QN".utf8) + Self.be(100, 4) + Array("NCZ PNN1N".utf8) + [0, 0, 0, 0, 0x4E]
    )
  }

  public mutating func add(
    locate: UInt16,
    ref: UInt64,
    sell: Bool,
    shares: UInt32,
    price: UInt32,
    time: UInt64 = 10,
    mpid: Bool = false
  ) {
    message(
      mpid ? "F" : "A",
      locate: locate,
      time: time,
      Self.be(ref, 8) + [sell ? 0x53 : 0x42] + Self.be(UInt64(shares), 4) + Array("ALC     ".utf8)
        + Self.be(UInt64(price), 4) + (mpid ? Array("MPID".utf8) : [])
    )
  }

  public mutating func delete(locate: UInt16, ref: UInt64, time: UInt64 = 10) {
    message("D", locate: locate, time: time, Self.be(ref, 8))
  }

  public mutating func execute(locate: UInt16, ref: UInt64, shares: UInt32, time: UInt64 = 10) {
    message(
      "E",
      locate: locate,
      time: time,
      Self.be(ref, 8) + Self.be(UInt64(shares), 4) + Self.be(1, 8)
    )
  }

  /// C: an execution at `price`, printable (Y) or not (N).
  public mutating func execute(
    locate: UInt16,
    ref: UInt64,
    shares: UInt32,
    price: UInt32,
    printable: Bool,
    time: UInt64 = 10
  ) {
    message(
      "C",
      locate: locate,
      time: time,
      Self.be(ref, 8) + Self.be(UInt64(shares), 4) + Self.be(1, 8) + [printable ? 0x59 : 0x4E]
        + Self.be(UInt64(price), 4)
    )
  }

  public mutating func cancel(locate: UInt16, ref: UInt64, shares: UInt32, time: UInt64 = 10) {
    message("X", locate: locate, time: time, Self.be(ref, 8) + Self.be(UInt64(shares), 4))
  }

  public mutating func replace(
    locate: UInt16,
    ref: UInt64,
    new: UInt64,
    shares: UInt32,
    price: UInt32,
    time: UInt64 = 10
  ) {
    message(
      "U",
      locate: locate,
      time: time,
      Self.be(ref, 8) + Self.be(new, 8) + Self.be(UInt64(shares), 4) + Self.be(UInt64(price), 4)
    )
  }

  /// Writes the bytes to `feed.itch` in `dir`; returns its path.
  public func file(in dir: URL) throws -> String {
    let url = dir.appendingPathComponent("feed.itch")
    try Data(bytes).write(to: url)
    return url.path
  }

  /// R for three wanted stocks and one other, then `messages` of A F E C X D U over them: near
  /// prices so that levels are shared and the best moves, refs reused and unknown now and then.
  public static func randomFlow(seed: UInt64, messages: Int) -> ITCHBytes {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    var feed = ITCHBytes()
    let locates: [UInt16] = [2, 5, 9, 4]
    for (locate, symbol) in zip(locates, ["ALC", "BOB", "CHAR", "ZED"]) {
      feed.directory(locate: locate, symbol)
    }
    var refs: [UInt64] = []
    var nextRef: UInt64 = 1
    var time: UInt64 = 34_200_000_000_000
    for _ in 0..<messages {
      time += UInt64(1 + next(1_000_000))
      let locate = locates[next(4)]
      // Bids at or below 10.0000 and asks above, so that the inside levels move often.
      let sell = next(2) == 1
      let price = UInt32(sell ? 100_000 + 100 * (1 + next(3)) : 100_000 - 100 * next(3))
      let shares = UInt32(next(50) == 0 ? 0 : 1 + next(500))
      // A recent ref most of the time (likely still resting); now and then one never added.
      let ref =
        refs.isEmpty || next(20) == 0
        ? UInt64(1_000_000 + next(1_000)) : refs[refs.count - 1 - next(min(refs.count, 40))]
      switch next(16) {
      case 0..<6:
        let fresh = next(30) == 0 && !refs.isEmpty ? ref : nextRef
        nextRef += 1
        refs.append(fresh)
        feed.add(
          locate: locate,
          ref: fresh,
          sell: sell,
          shares: shares,
          price: price,
          time: time,
          mpid: next(4) == 0
        )
      case 6..<8: feed.execute(locate: locate, ref: ref, shares: shares, time: time)
      case 8..<10:
        feed.execute(
          locate: locate,
          ref: ref,
          shares: shares,
          price: price,
          printable: next(2) == 1,
          time: time
        )
      case 10..<12: feed.cancel(locate: locate, ref: ref, shares: shares, time: time)
      case 12..<14: feed.delete(locate: locate, ref: ref, time: time)
      default:
        let fresh = next(10) == 0 && !refs.isEmpty ? refs[next(refs.count)] : nextRef
        nextRef += 1
        refs.append(fresh)
        feed.replace(locate: locate, ref: ref, new: fresh, shares: shares, price: price, time: time)
      }
    }
    return feed
  }
}
