import StratMarket

extension BookView {
  /// Returns the displayed quantity at `price` on `side`: 0 when the side has no level there,
  /// nil when the price lies beyond the last level the view shows (a depth-limited view cannot
  /// tell). Binary search over the levels, which are sorted best first.
  @inlinable
  func displayedQuantity(_ side: Side, at price: Int64) -> Int64? {
    let count = levelCount(side)
    guard count > 0 else { return 0 }
    var low = 0
    var high = count
    // Find the first level not better than `price`.
    while low < high {
      let middle = (low + high) / 2
      guard let level = level(side, middle) else {
        high = middle
        continue
      }
      let isBetter = side == .buy ? level.price > price : level.price < price
      if isBetter { low = middle + 1 } else { high = middle }
    }
    guard low < count, let level = level(side, low) else { return nil }
    return level.price == price ? level.quantity : 0
  }
}
