/// An `OrderBook` plus, per price, the quantity no known order accounts for: what a feed that
/// starts mid-day or shows only the top levels (LOBSTER) leaves undetermined.
///
/// Such quantity is seeded from a reference (LOBSTER's orderbook row) and then tracked like any
/// other: a cancel, delete or execution of an order the book never saw comes off the unexplained
/// quantity at the message's price and side (LOBSTER messages carry both).
public final class SeededBook: BookView {
  /// The order-by-order book of the orders the messages added.
  public let book: OrderBook
  private var unexplained = [SignedLevels(isBid: true), SignedLevels(isBid: false)]
  /// Messages about orders the book never saw, taken off the unexplained quantity.
  public private(set) var unknownOrderMessages = 0

  /// True when levels are set from a reference (LOBSTER's orderbook rows) as they enter the
  /// visible depth: then a message's stated size is what comes off its level (see
  /// `settleSize`). A book built from messages alone keeps ITCH's rule (a delete takes the
  /// whole known order), which is right there, since no row took the unseen part off.
  public let takesStatedSizes: Bool

  /// Creates an empty book.
  public init(takesStatedSizes: Bool = false) {
    book = OrderBook()
    self.takesStatedSizes = takesStatedSizes
  }

  /// Applies one message; an unknown order's cancel, delete or execution reduces the
  /// unexplained quantity at its price. Returns what the order book could not apply.
  @discardableResult
  public func apply(_ event: OrderEvent) -> BookIssue? {
    let known = takesStatedSizes && statesItsSize(event) ? book.order(event.orderID) : nil
    let issue = book.apply(event)
    if let known { settleSize(of: event, known: known) }
    if let issue, issue.kind == .unknownOrder, event.price != 0 {
      switch event.kind {
      case .cancel, .delete, .execute:
        unknownOrderMessages += 1
        unexplained[Int(event.side.rawValue)].adjust(price: event.price, by: -event.quantity)
      default: break
      }
    }
    return issue
  }

  /// True for a cancel, delete or execution that states its price and size, as LOBSTER's do
  /// (ITCH deletes carry neither).
  private func statesItsSize(_ event: OrderEvent) -> Bool {
    switch event.kind {
    case .cancel, .delete, .execute: return event.price != 0 && event.quantity > 0
    default: return false
    }
  }

  /// LOBSTER's book takes a message's own size off the level, whatever the order had left: a
  /// delete stating less than the known order left part of it out of view (the row the level
  /// re-entered with already counted that), and one stating more took quantity the messages
  /// never showed. The difference between what the order book took and the stated size goes
  /// to the unexplained quantity, so that the level drops by exactly the stated size.
  private func settleSize(
    of event: OrderEvent,
    known: (side: Side, price: Int64, quantity: Int64)
  ) {
    let left = book.order(event.orderID)?.quantity ?? 0
    let taken = known.quantity - left
    guard taken != event.quantity else { return }
    unexplained[Int(known.side.rawValue)].adjust(price: known.price, by: taken - event.quantity)
  }

  /// The total quantity at `price` on `side`: known orders plus unexplained quantity.
  public func quantity(_ side: Side, at price: Int64) -> Int64 {
    book.quantity(side, at: price) &+ unexplained[Int(side.rawValue)].quantity(at: price)
  }

  /// Makes the total quantity at `price` on `side` equal `quantity` by setting the unexplained
  /// part (used when a reference shows a level the messages did not determine).
  public func setQuantity(_ side: Side, at price: Int64, to quantity: Int64) {
    let delta = quantity &- self.quantity(side, at: price)
    unexplained[Int(side.rawValue)].adjust(price: price, by: delta)
  }

  /// The levels of `side` with a positive total, best first, at most `limit` of them, and only
  /// prices at or better than `bound` when given. Order counts are the known orders only.
  public func levels(_ side: Side, limit: Int = .max, within bound: Int64? = nil) -> [BookLevel] {
    let extra = unexplained[Int(side.rawValue)]
    let better: (Int64, Int64) -> Bool = side == .buy ? { $0 > $1 } : { $0 < $1 }
    func inside(_ p: Int64) -> Bool { bound.map { p == $0 || better(p, $0) } ?? true }
    var out: [BookLevel] = []
    var i = 0
    var j = 0
    while out.count < limit {
      let known = book.level(side, i).flatMap { inside($0.price) ? $0 : nil }
      let other = j < extra.count && inside(extra.entry(j).price) ? extra.entry(j) : nil
      guard known != nil || other != nil else { break }
      var level: BookLevel
      if let k = known, other == nil || better(k.price, other!.price) || k.price == other!.price {
        level = k
        i += 1
        if let o = other, o.price == k.price {
          level.quantity &+= o.quantity
          j += 1
        }
      } else {
        level = BookLevel(price: other!.price, quantity: other!.quantity, orders: 0)
        j += 1
      }
      if level.quantity > 0 { out.append(level) }
    }
    return out
  }

  /// Number of levels with a positive total on `side`.
  public func levelCount(_ side: Side) -> Int { levels(side).count }

  /// The `index`-th best level with a positive total on `side`.
  public func level(_ side: Side, _ index: Int) -> BookLevel? {
    let top = levels(side, limit: index + 1)
    return index < top.count ? top[index] : nil
  }
}
