import StratMarket

package extension BookView {
  /// Returns the displayed quantity at `price` on `side`: 0 when the book shows levels past the
  /// price without it, nil when the price lies beyond the last level the view shows (a
  /// depth-limited view cannot tell). Uses the book's own lookup, not a scan per call.
  @inlinable
  package func displayedQuantity(_ side: Side, at price: Int64) -> Int64? {
    let quantity = quantity(side, at: price)
    if quantity > 0 { return quantity }
    let count = levelCount(side)
    guard count > 0, let last = level(side, count - 1) else { return 0 }
    return (side == .buy ? price < last.price : price > last.price) ? nil : 0
  }
}
