/// The aggregated price levels of one instrument (both sides), as `OrderBook` and `BookSet`
/// keep them; orders themselves live in the owner's order map.
public final class LevelBook: BookView {
  @usableFromInline var bids = LevelLadder(isBid: true)
  @usableFromInline var asks = LevelLadder(isBid: false)

  /// Creates an empty book.
  public init() {}

  /// Number of price levels on `side`.
  @inlinable
  public func levelCount(_ side: Side) -> Int { side == .buy ? bids.count : asks.count }

  /// The `index`-th best level of `side` (0 = best); nil past the last level.
  @inlinable
  public func level(_ side: Side, _ index: Int) -> BookLevel? {
    side == .buy ? bids.level(index) : asks.level(index)
  }

  /// The total visible quantity resting at `price` on `side` (0 when no level).
  @inlinable
  public func quantity(_ side: Side, at price: Int64) -> Int64 {
    side == .buy ? bids.quantity(at: price) : asks.quantity(at: price)
  }

  @inlinable @inline(__always)
  func add(_ side: Side, price: Int64, quantity: Int64) {
    if side == .buy {
      bids.add(price: price, quantity: quantity)
    } else {
      asks.add(price: price, quantity: quantity)
    }
  }

  @inlinable @inline(__always)
  func reduce(_ side: Side, price: Int64, quantity: Int64, removesOrder: Bool) {
    if side == .buy {
      _ = bids.reduce(price: price, quantity: quantity, removesOrder: removesOrder)
    } else {
      _ = asks.reduce(price: price, quantity: quantity, removesOrder: removesOrder)
    }
  }

  func removeAll() {
    bids.removeAll()
    asks.removeAll()
  }
}
