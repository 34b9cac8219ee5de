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
  private let cache = UnsafeMutablePointer<BookLevel>.allocate(capacity: 2 * SeededBook.cached)
  private var cachedCount = [0, 0]
  private var cachedAt = [-1, -1]
  private var cachedAll = [false, false]
  private var changes = 0
  private static let cached = 16
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

  deinit { cache.deallocate() }

  /// Applies one message; an unknown order's cancel, delete or execution reduces the
  /// unexplained quantity at its price. Returns what the order book could not apply.
  @discardableResult
  public func apply(_ event: OrderEvent) -> BookIssue? {
    changes &+= 1
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
    changes &+= 1
    let delta = quantity &- self.quantity(side, at: price)
    unexplained[Int(side.rawValue)].adjust(price: price, by: delta)
  }

  /// The levels of `side` with a positive total, best first, at most `limit` of them, and only
  /// prices at or better than `bound` when given. Order counts are the known orders only.
  public func levels(_ side: Side, limit: Int = .max, within bound: Int64? = nil) -> [BookLevel] {
    var out: [BookLevel] = []
    walk(side, within: bound) { level in
      out.append(level)
      return out.count < limit
    }
    return out
  }

  /// Number of levels with a positive total on `side`.
  public func levelCount(_ side: Side) -> Int {
    let s = fillCache(side)
    if cachedAll[s] { return cachedCount[s] }
    var count = 0
    walk(side, within: nil) { _ in
      count += 1
      return true
    }
    return count
  }

  /// The `index`-th best level with a positive total on `side`: from the cache for the top
  /// levels, else by walking them.
  public func level(_ side: Side, _ index: Int) -> BookLevel? {
    guard index >= 0 else { return nil }
    let s = fillCache(side)
    if index < cachedCount[s] { return cache[s * Self.cached + index] }
    if cachedAll[s] { return nil }
    var seen = 0
    var found: BookLevel?
    walk(side, within: nil) { level in
      if seen == index {
        found = level
        return false
      }
      seen += 1
      return true
    }
    return found
  }

  /// Refills `side`'s cache when the book changed since; returns the side's index.
  @inline(__always)
  private func fillCache(_ side: Side) -> Int {
    let s = Int(side.rawValue)
    guard cachedAt[s] != changes else { return s }
    var count = 0
    let base = cache + s * Self.cached
    var all = true
    walk(side, within: nil) { level in
      guard count < Self.cached else {
        all = false
        return false
      }
      base[count] = level
      count += 1
      return true
    }
    cachedCount[s] = count
    cachedAll[s] = all
    cachedAt[s] = changes
    return s
  }

  /// Visits the levels of `side` with a positive total (known orders merged with unexplained
  /// quantity at the same price), best first, at or better than `bound`, until `visit` says stop.
  @inline(__always)
  private func walk(_ side: Side, within bound: Int64?, _ visit: (BookLevel) -> Bool) {
    let extra = unexplained[Int(side.rawValue)]
    let isBid = side == .buy
    @inline(__always) func better(_ a: Int64, _ b: Int64) -> Bool { isBid ? a > b : a < b }
    @inline(__always) func inside(_ p: Int64) -> Bool {
      guard let bound else { return true }
      return p == bound || better(p, bound)
    }
    var i = 0
    var j = 0
    while true {
      let known = book.level(side, i).flatMap { inside($0.price) ? $0 : nil }
      let other = j < extra.count && inside(extra.entry(j).price) ? extra.entry(j) : nil
      guard known != nil || other != nil else { return }
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
      if level.quantity > 0, !visit(level) { return }
    }
  }
}
