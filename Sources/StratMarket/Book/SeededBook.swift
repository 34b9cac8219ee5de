/// An `OrderBook` plus, per price, the quantity no known order accounts for: what a feed that
/// starts mid-day or shows only the top levels (LOBSTER) leaves undetermined.
///
/// Such quantity is seeded from a reference (LOBSTER's orderbook row) and then tracked like any
/// other: a cancel, delete or execution of an order the book never saw comes off the unexplained
/// quantity at the message's price and side (LOBSTER messages carry both).
public final class SeededBook: BookView {
  /// The order-by-order book of the orders the messages added. Read it; change it only through
  /// `apply` and `setQuantity`, which keep the level cache right.
  public let book: OrderBook
  /// The best `cached` positive levels of each side (bids, then asks), valid while `changes`
  /// equals the side's `cachedAt`. Masked levels (known orders whose quantity a reference took
  /// off, `setQuantity`) gather at the best end of a book rebuilt from a cut feed, and every
  /// read walked them all; a step reads the top levels a dozen times between two changes.
  let cache = UnsafeMutablePointer<BookLevel>.allocate(capacity: 2 * SeededBook.cached)
  var cachedCount = [0, 0]
  var cachedAt = [-1, -1]
  var cachedAll = [false, false]
  var changes = 0
  static let cached = 16
  /// Where each side's first positive level was found, so a refill skips the masked levels
  /// better than it (see `LevelHint`).
  var hints = [LevelHint(), LevelHint()]
  var unexplained = [SignedLevels(isBid: true), SignedLevels(isBid: false)]
  /// Messages about orders the book never saw, taken off the unexplained quantity.
  public private(set) var unknownOrderMessages = 0

  /// True when levels are set from a reference (LOBSTER's orderbook rows) as they enter the
  /// visible depth: then a message's stated size is what comes off its level (see
  /// `settleSize`). A book built from messages alone keeps ITCH's rule (a delete takes the
  /// whole known order), which is right there, since no row took the unseen part off.
  public let takesStatedSizes: Bool
  /// False for a feed whose messages about an unseen order do not say where it rested (ITCH:
  /// C's price is the execution's and its side is not sent): then they are counted and change
  /// no level, since taking them off the execution price on a guessed side is made up.
  public let locatesUnknownOrders: Bool

  /// Creates an empty book.
  public init(takesStatedSizes: Bool = false, locatesUnknownOrders: Bool = true) {
    book = OrderBook()
    self.takesStatedSizes = takesStatedSizes
    self.locatesUnknownOrders = locatesUnknownOrders
  }

  deinit { cache.deallocate() }

  /// Applies one message; an unknown order's cancel, delete or execution reduces the
  /// unexplained quantity at its price. Returns what the order book could not apply.
  @discardableResult
  public func apply(_ event: OrderEvent) -> BookIssue? {
    changes &+= 1
    touched(event.side, event.price)
    // One lookup of the order serves the level hint and the stated-size rule.
    let order = book.order(event.orderID)
    if let order {
      touched(order.side, order.price)
      touched(order.side, event.price)
    }
    let known = takesStatedSizes && statesItsSize(event) ? order : nil
    let issue = book.apply(event)
    if let known { settleSize(of: event, known: known) }
    if let issue, issue.kind == .unknownOrder, event.price != 0 {
      switch event.kind {
      case .cancel, .delete, .execute:
        unknownOrderMessages += 1
        guard locatesUnknownOrders else { break }
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
    changes &+= 1
    touched(side, price)
    let delta = quantity &- self.quantity(side, at: price)
    unexplained[Int(side.rawValue)].adjust(price: price, by: delta)
  }
}
