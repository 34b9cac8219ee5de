/// The visible book after each event, as a feed that publishes it supplies (LOBSTER's orderbook
/// file): `levels` levels per side, flat, so a day of snapshots is a few arrays, not a row object
/// per event. A level with quantity 0 is empty.
public struct BookSnapshots: Sendable {
  /// Levels per side in each snapshot.
  public let levels: Int
  /// Per snapshot, per level: ask price, ask quantity, bid price, bid quantity (prices raw 1e-8).
  public private(set) var values: [Int64] = []

  public init(levels: Int) { self.levels = levels }

  /// Snapshots already in the flat layout (`values.count` a multiple of `4 * levels`).
  init(levels: Int, values: [Int64]) {
    self.levels = levels
    self.values = values
  }

  /// Makes room for `count` snapshots in all.
  public mutating func reserve(_ count: Int) { values.reserveCapacity(count * 4 * levels) }

  /// Number of snapshots.
  @inlinable
  public var count: Int { levels == 0 ? 0 : values.count / (4 * levels) }

  /// Appends the snapshot after the next event: the occupied levels, best first.
  public mutating func append(asks: [BookLevel], bids: [BookLevel]) {
    for k in 0..<levels {
      let ask = k < asks.count ? asks[k] : nil
      let bid = k < bids.count ? bids[k] : nil
      // Four appends, not `+= [...]`: that allocated an array per level.
      values.append(ask?.price ?? 0)
      values.append(ask?.quantity ?? 0)
      values.append(bid?.price ?? 0)
      values.append(bid?.quantity ?? 0)
    }
  }

  /// Level `index` (0 = best) of `side` in snapshot `row`, nil when it is empty or too deep.
  @inlinable
  public func level(row: Int, side: Side, index: Int) -> BookLevel? {
    guard index >= 0, index < levels, row >= 0, row < count else { return nil }
    let base = (row * levels + index) * 4 + (side == .sell ? 0 : 2)
    let quantity = values[base + 1]
    return quantity > 0 ? BookLevel(price: values[base], quantity: quantity, orders: 0) : nil
  }
}
