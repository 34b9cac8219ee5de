import StratMarket

extension BookView {
  /// Returns the displayed quantity at `price` on `side`, 0 when no level has that price (the
  /// book's own lookup: a scan of the levels would cost O(depth) per resting order and event).
  @inlinable
  func displayedQuantity(_ side: Side, at price: Int64) -> Int64 {
    quantity(side, at: price)
  }
}
