import StratMarket

extension BookView {
  /// Returns the displayed quantity at `price` on `side`, 0 when no level has that price. Scans
  /// from the best level and stops at the first level past the price.
  @inlinable
  func displayedQuantity(_ side: Side, at price: Int64) -> Int64 {
    var index = 0
    while let level = level(side, index) {
      if level.price == price { return level.quantity }
      if side == .buy ? level.price < price : level.price > price { return 0 }
      index += 1
    }
    return 0
  }
}
