/// One row of a LOBSTER orderbook file: the top levels of both sides after one message.
/// Prices are `Price.raw` (1e-8 units); LOBSTER's dummy levels are left out, so a side may
/// have fewer levels than the file.
public struct LOBSTERBookRow: Sendable, Hashable {
  /// LOBSTER's price for an empty ask level (×10000 units).
  public static let emptyAskPrice: Int64 = 9_999_999_999
  /// LOBSTER's price for an empty bid level (×10000 units).
  public static let emptyBidPrice: Int64 = -9_999_999_999

  /// Occupied ask levels, best (lowest) first.
  public var asks: [BookLevel]
  /// Occupied bid levels, best (highest) first.
  public var bids: [BookLevel]

  /// Creates a row from occupied levels, best first.
  public init(asks: [BookLevel] = [], bids: [BookLevel] = []) {
    self.asks = asks
    self.bids = bids
  }

  /// The occupied levels of `side`, best first.
  public func levels(_ side: Side) -> [BookLevel] { side == .buy ? bids : asks }

  /// Appends the top `levels` levels of `book` in LOBSTER's orderbook layout (ask price, ask
  /// size, bid price, bid size per level; prices ×10000; dummy values for empty levels) and a
  /// newline. Prices that are not whole 1e-4 units are truncated toward zero.
  public static func appendCSV(of book: some BookView, levels: Int, to out: inout [UInt8]) {
    for i in 0..<levels {
      let ask = book.level(.sell, i)
      let bid = book.level(.buy, i)
      if i > 0 { out.append(0x2C) }
      appendInteger(ask.map { $0.price / 10_000 } ?? emptyAskPrice, to: &out)
      out.append(0x2C)
      appendInteger(ask?.quantity ?? 0, to: &out)
      out.append(0x2C)
      appendInteger(bid.map { $0.price / 10_000 } ?? emptyBidPrice, to: &out)
      out.append(0x2C)
      appendInteger(bid?.quantity ?? 0, to: &out)
    }
    out.append(0x0A)
  }

  /// Appends `value` in decimal.
  @inlinable
  public static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(0x2D) }
    var magnitude = value.magnitude
    var digits = 1
    var rest = magnitude
    while rest >= 10 {
      rest /= 10
      digits += 1
    }
    let start = out.count
    out.append(contentsOf: repeatElement(0x30, count: digits))
    var i = start + digits - 1
    repeat {
      out[i] = 0x30 + UInt8(magnitude % 10)
      magnitude /= 10
      i -= 1
    } while magnitude > 0
  }
}
