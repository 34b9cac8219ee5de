extension IRConstant {
  /// The one NaN the state record and decisions hold (WindowSemantics.md): every f64 a backend
  /// writes where a host can see it is a number or this.
  public static let canonicalNaNBits: UInt64 = 0x7FF8_0000_0000_0000

  /// The constant as it sits in a register: f64 bits, two's-complement i64, bool as 0 or 1.
  public var bits: UInt64 {
    switch self {
    case .f64(let value): value.bitPattern
    case .i64(let value): UInt64(bitPattern: value)
    case .bool(let value): value ? 1 : 0
    }
  }

  /// The constant as a state field holds it: an f64 NaN is the canonical one.
  public var canonicalBits: UInt64 {
    if case .f64(let value) = self, value.isNaN { return Self.canonicalNaNBits }
    return bits
  }
}
