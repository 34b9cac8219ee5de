/// One aggregated price level of a book.
public struct BookLevel: Sendable, Hashable {
  /// Price in 1e-8 units (`Price.raw`).
  public var price: Int64
  /// Total visible quantity resting at the price.
  public var quantity: Int64
  /// Number of visible orders resting at the price.
  public var orders: Int32

  public init(price: Int64, quantity: Int64, orders: Int32) {
    self.price = price
    self.quantity = quantity
    self.orders = orders
  }
}

/// Read access to one instrument's aggregated book: what strategies, the tick store and the
/// simulated venue need of a book, whoever built it.
public protocol BookView {
  /// Number of price levels on `side`.
  func levelCount(_ side: Side) -> Int
  /// The `index`-th best level of `side` (0 = best); nil past the last level.
  func level(_ side: Side, _ index: Int) -> BookLevel?
  /// The quantity resting at `price` on `side`, 0 when there is no such level. Books answer it
  /// directly; the default scans the levels from the best.
  func quantity(_ side: Side, at price: Int64) -> Int64
}

extension BookView {
  public func quantity(_ side: Side, at price: Int64) -> Int64 {
    var index = 0
    while let level = level(side, index) {
      if level.price == price { return level.quantity }
      if side == .buy ? level.price < price : level.price > price { return 0 }
      index += 1
    }
    return 0
  }

  /// The best bid level, if any.
  public var bestBid: BookLevel? { level(.buy, 0) }
  /// The best ask level, if any.
  public var bestAsk: BookLevel? { level(.sell, 0) }
}
