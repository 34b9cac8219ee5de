/// One book per instrument number for a multi-instrument stream (an ITCH day). Order ids are
/// unique across the whole feed (ITCH order references are unique per day), so one order table
/// serves every instrument; an add is filed under its event's instrument, and later messages
/// about the order find the instrument through the order.
public final class BookSet {
  @usableFromInline var state: BookState<LadderTable>
  /// Messages that could not be applied as written, by kind.
  public private(set) var issues = BookIssueCounts()

  /// Creates an empty set sized for about `expectedOrders` resting orders.
  public init(expectedOrders: Int = 1 << 16) {
    state = BookState(orders: OrderMap(capacity: expectedOrders), levels: LadderTable())
  }

  deinit { state.orders.deallocate() }

  /// Applies one message to the book of its instrument; returns the issue when it could not be
  /// applied as written.
  @inlinable @discardableResult
  public func apply(_ event: OrderEvent) -> BookIssue? {
    let issue = state.apply(event)
    if let issue { record(issue) }
    return issue
  }

  @usableFromInline
  func record(_ issue: BookIssue) { issues.record(issue.kind) }

  /// The book of `instrument` as it is now (empty if it has seen no order). A view: it reads
  /// the set, so it follows later messages.
  public func book(_ instrument: UInt32) -> InstrumentBook {
    InstrumentBook(set: self, instrument: instrument)
  }

  /// Instrument numbers that have had an order, ascending.
  public var instruments: [UInt32] {
    let table = state.levels
    var out = table.near.indices.compactMap { table.present[$0] ? UInt32($0) : nil }
    out += table.far.keys.sorted()
    return out
  }

  /// Number of resting orders across all instruments.
  public var orderCount: Int { state.orders.count }

  @usableFromInline
  func ladder(_ instrument: UInt32, _ side: Side) -> LevelLadder? {
    state.levels.pair(instrument)?.ladder(side)
  }
}

/// One instrument's book inside a `BookSet`.
public struct InstrumentBook: BookView {
  /// The set the book lives in.
  public let set: BookSet
  /// The instrument number.
  public let instrument: UInt32

  /// Number of price levels on `side`.
  public func levelCount(_ side: Side) -> Int { set.ladder(instrument, side)?.count ?? 0 }

  /// The `index`-th best level of `side` (0 = best); nil past the last level.
  public func level(_ side: Side, _ index: Int) -> BookLevel? {
    set.ladder(instrument, side)?.level(index)
  }
}
