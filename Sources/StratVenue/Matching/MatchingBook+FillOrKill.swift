import StratMarket

extension MatchingBook {
  /// True when `quantity` would trade in full at once within `limit`: the other owners' orders
  /// in priority order add up to it before the limit, and before an own order where self-match
  /// prevention would stop the incoming order (`.cancelIncoming`, `.cancelBoth`); under
  /// `.cancelResting` own orders are cancelled and give nothing. Walks orders, not levels, so
  /// it costs the orders it would trade with (plus own ones), as matching does.
  func canFill(_ owner: UInt32, _ side: Side, _ limit: Int64, _ quantity: Int64) -> Bool {
    let opposite = side == .buy ? asks : bids
    var needed = quantity
    var depth = 0
    while let level = opposite.level(depth: depth) {
      let price = level.pointee.price
      if side == .buy ? price > limit : price < limit { return false }
      var slot = level.pointee.head
      while slot >= 0 {
        let order = pool[slot].pointee
        if order.owner != owner {
          needed -= order.remaining
          if needed <= 0 { return true }
        } else if selfMatchPolicy != .cancelResting {
          return false
        }
        slot = order.next
      }
      depth += 1
    }
    return false
  }
}
