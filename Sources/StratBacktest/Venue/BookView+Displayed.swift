import StratMarket

extension BookView {
  /// Returns the displayed quantity at `price` on `side`: 0 when the scan passes the price
  /// without finding it, nil when the price lies beyond the last level the view shows (a
  /// depth-limited view cannot tell). Scans from the best level.
  @inlinable
  func displayedQuantity(_ side: Side, at price: Int64) -> Int64? {
    var index = 0
    while let level = level(side, index) {
      if level.price == price { return level.quantity }
      if side == .buy ? level.price < price : level.price > price { return 0 }
      index += 1
    }
    return index == 0 ? 0 : nil
  }
}
