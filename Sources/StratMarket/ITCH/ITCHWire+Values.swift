extension ITCHWire {
  static let nanosPerDay: UInt64 = 86_400_000_000_000

  /// True for the types `valueProblem` looks at (A, F, P, C, U, R): a quick test for the fast path.
  @inline(__always)
  var mayHoldImpossibleValue: Bool {
    if u48(5) >= Self.nanosPerDay { return true }
    switch type {
    case 0x41, 0x46, 0x50, 0x43, 0x55, 0x52: return true
    default: return false
    }
  }

  /// What is wrong with a value of this framed message that no market has, or nil: a zero price
  /// on an order or a trade (A, F, U, P, C: ITCH prices are unsigned, so zero is the only
  /// impossible one), a side other than B or S (A, F, P), a time past the day (any type), or
  /// a stock directory (R) symbol outside `MarketSymbol`'s alphabet.
  /// (field, found) for the diagnostic; the length is checked by the caller.
  func valueProblem() -> (field: String, offset: Int, found: String)? {
    // Every message's time counts nanoseconds from the day's midnight.
    if u48(5) >= Self.nanosPerDay { return ("a time within the day (below 86,400 s)", 5, "\(u48(5)) ns") }
    switch type {
    case 0x41, 0x46, 0x50:  // A, F, P: side at 19 (B or S), price at 32
      if u8(19) != 0x42 && u8(19) != 0x53 { return ("a side of B or S", 19, "byte 0x\(String(u8(19), radix: 16))") }
      return u32(32) == 0 ? ("a price above 0", 32, "0") : nil
    case 0x43:  // C: execution price at 32
      return u32(32) == 0 ? ("an execution price above 0", 32, "0") : nil
    case 0x55:  // U: new price at 31
      return u32(31) == 0 ? ("a price above 0", 31, "0") : nil
    case 0x52:  // R: stock at 11
      let symbol = ITCHSymbol(raw: u64(11)).text
      guard !MarketSymbol.isValid(symbol) else { return nil }
      return ("a stock symbol of \(MarketSymbol.rule)", 11, "`\(symbol.unicodeScalars.map { $0.value < 0x20 || $0.value >= 0x7F ? "?" : String($0) }.joined())`")
    default:
      return nil
    }
  }
}
