import StratMarket

extension MatchingBook {
  /// Where order `orderID` stands.
  public func status(of orderID: UInt64) -> OrderStatus {
    let slot = index.find(orderID)
    if slot >= 0 {
      let o = pool[slot].pointee
      return .resting(
        side: o.side,
        price: Price(raw: o.price),
        remaining: o.remaining,
        owner: o.owner
      )
    }
    return sequences.wasIssued(orderID) ? .final : .unknown
  }

  /// The `depth`-th best level of `side` (0 = the touch), nil past the last.
  public func level(_ side: Side, _ depth: Int) -> BookLevel? {
    guard let l = (side == .buy ? bids : asks).level(depth: depth) else { return nil }
    return BookLevel(price: l.pointee.price, quantity: l.pointee.quantity, orders: l.pointee.orders)
  }

  /// Number of price levels on `side`.
  public func levelCount(_ side: Side) -> Int { side == .buy ? bids.count : asks.count }

  /// The best bid, if any.
  public var bestBid: BookLevel? { level(.buy, 0) }
  /// The best ask, if any.
  public var bestAsk: BookLevel? { level(.sell, 0) }
}
