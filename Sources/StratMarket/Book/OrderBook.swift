/// The order-by-order book of one instrument: every resting order (id → side, price, remaining
/// quantity) and the price levels they add up to (price, total quantity, order count).
///
/// Applies add, cancel, delete, execute and replace; hidden trades, crosses and trading-state
/// messages do not change it. A message that cannot be applied as written (unknown order,
/// over-cancel, …) is returned as a `BookIssue` and counted, never trapped. The instrument
/// number of events is ignored: use `BookSet` for multi-instrument streams.
///
/// Built for speed: orders in an open-addressing table, levels in arrays with the best at the
/// end, all in one value mutated in place; applying a message allocates nothing and touches no
/// reference count once the table and arrays have grown.
public final class OrderBook: BookView {
  @usableFromInline var state: BookState<LadderPair>
  /// Messages that could not be applied as written, by kind.
  public private(set) var issues = BookIssueCounts()

  /// Creates an empty book sized for about `expectedOrders` resting orders (it grows past that).
  public init(expectedOrders: Int = 1 << 12) {
    state = BookState(orders: OrderMap(capacity: expectedOrders), levels: LadderPair())
  }

  deinit { state.orders.deallocate() }

  /// Applies one message; returns the issue when it could not be applied as written.
  @inlinable @discardableResult
  public func apply(_ event: OrderEvent) -> BookIssue? {
    let issue = state.apply(event)
    if let issue { record(issue) }
    return issue
  }

  @usableFromInline
  func record(_ issue: BookIssue) { issues.record(issue.kind) }

  /// Number of resting orders.
  public var orderCount: Int { state.orders.count }

  /// The resting order `id` (side, price, remaining quantity), if any.
  public func order(_ id: UInt64) -> (side: Side, price: Int64, quantity: Int64)? {
    let slot = state.orders.find(id)
    guard slot >= 0 else { return nil }
    let e = state.orders.entries[slot]
    return (e.side, e.price, e.quantity)
  }

  /// Number of price levels on `side`.
  @inlinable
  public func levelCount(_ side: Side) -> Int { state.levels.ladder(side).count }

  /// The `index`-th best level of `side` (0 = best); nil past the last level.
  @inlinable
  public func level(_ side: Side, _ index: Int) -> BookLevel? {
    side == .buy ? state.levels.bids.level(index) : state.levels.asks.level(index)
  }

  /// The total visible quantity resting at `price` on `side` (0 when no level).
  @inlinable
  public func quantity(_ side: Side, at price: Int64) -> Int64 {
    side == .buy ? state.levels.bids.quantity(at: price) : state.levels.asks.quantity(at: price)
  }

  /// Empties the book (orders, levels and issue counts).
  public func removeAll() {
    state.orders.removeAll()
    state.levels.bids.removeAll()
    state.levels.asks.removeAll()
    issues = BookIssueCounts()
  }
}
