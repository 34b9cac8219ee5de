/// A tiny seeded generator (SplitMix64) so that every random test can be replayed from its seed.
struct SplitMix64 {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound` (bound > 0).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// True with probability 1 / `oneIn`.
  mutating func chance(_ oneIn: Int) -> Bool { below(oneIn) == 0 }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// A double in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
