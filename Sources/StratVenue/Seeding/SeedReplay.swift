import StratMarket

/// Seeds the venue with a replayed day (LOBSTER, ITCH or the tick store, read by
/// `BookFeed.load`) so that paper trading meets real liquidity beside its own orders.
///
///   day's OrderEvents ─▶ advance(to: venue time) ─▶ MatchingEngine (seed owner's orders) ─▶ events
///        add → a day limit order of `seedOwner`            ▲ client orders trade with them
///        cancel / delete → the seeded order shrinks or goes │
///        execute → an IOC of `takerOwner` at the order's price (the real day's aggressor)
///        replace → the old seeded order goes, the new one enters
///
/// Clamping: a seeded order keeps `min(what rests on the venue, what the day says is left)`.
/// When clients took part of it, a later cancel, delete or execution of the day takes off only
/// what is still there (counted in `counts.clamped`); an execution first trades with whatever
/// has priority at that price on the venue (a client order ahead in the queue is filled by the
/// real aggressor), then the seeded order is clamped to the day's remaining. Events about
/// orders the venue never saw (added before the file starts, or refused) are skipped and
/// counted. One thread (the venue's).
public final class SeedReplay {
  /// The owner of the seeded orders.
  public static let seedOwner: UInt32 = 0xFFFF_FFFF
  /// The owner of the day's aggressors (executions).
  public static let takerOwner: UInt32 = 0xFFFF_FFFE

  /// What the replay did with the day's events.
  public struct Counts: Sendable, Hashable {
    public var applied = 0
    /// Trades, crosses, trading-state messages and other instruments: not book changes here.
    public var ignored = 0
    /// Events about an order the venue never saw.
    public var unknownOrders = 0
    /// Adds the venue refused (off its tick, too large, book full).
    public var rejected = 0
    /// Cancels, deletes and executions that found less than the day said (clients took it).
    public var clamped = 0
    /// Seeded levels cancelled because the day's own book (LOBSTER's orderbook file) no longer
    /// shows them: orders whose cancel fell outside the levels the message file covers.
    public var staleLevels = 0
  }

  /// One seeded order: its venue id now, and what the day says it has left.
  struct Seeded {
    var venueID: UInt64
    var locate: UInt16
    var side: Side
    var price: Int64
    var dayRemaining: Int64
  }

  public let engine: MatchingEngine
  public internal(set) var counts = Counts()
  private let day: [OrderEvent]
  private let locates: [UInt32: UInt16]
  private let snapshots: BookSnapshots?
  private var position = 0
  var seededOrders: [UInt64: Seeded] = [:]
  private let scratch = MatchingEvents(capacity: 256)

  /// Replays `day` into `engine`; `locates` maps the feed's instrument numbers to the venue's
  /// locate codes (events of other instruments are ignored). `snapshots`, the day's book after
  /// each event (a one-instrument LOBSTER day with its orderbook file), lets the replay drop
  /// seeded orders the day no longer shows at its touch.
  public init(
    day: [OrderEvent],
    into engine: MatchingEngine,
    locates: [UInt32: UInt16],
    snapshots: BookSnapshots? = nil
  ) {
    self.day = day
    self.snapshots = snapshots.flatMap { $0.count == day.count ? $0 : nil }
    self.engine = engine
    self.locates = locates
    seededOrders.reserveCapacity(1 << 16)
  }

  /// The time of the next event of the day, nil once all are applied.
  public var nextTime: Int64? { position < day.count ? day[position].timeNanos : nil }

  /// Applies every event of the day up to and including `timeNanos`; after each one that
  /// changed a book, calls `each` with its locate and events (publish them, tell clients).
  public func advance(to timeNanos: Int64, _ each: (UInt16, MatchingEvents) -> Void) {
    while position < day.count, day[position].timeNanos <= timeNanos {
      let event = day[position]
      position += 1
      scratch.removeAll()
      guard let locate = apply(event, into: scratch) else { continue }
      dropStale(row: position - 1, locate: locate, into: scratch)
      if !scratch.isEmpty { each(locate, scratch) }
    }
  }

  /// Applies one event of the day; returns the locate it touched, nil when it was skipped.
  func apply(_ event: OrderEvent, into events: MatchingEvents) -> UInt16? {
    guard let locate = locates[event.instrument] else {
      counts.ignored += 1
      return nil
    }
    switch event.kind {
    case .add: add(event, locate, events)
    case .cancel, .delete, .execute, .replace:
      guard let order = seededOrders[event.orderID] else {
        counts.unknownOrders += 1
        return nil
      }
      change(order, by: event, events)
    case .hiddenTrade, .crossTrade, .tradingState:
      counts.ignored += 1
      return nil
    }
    counts.applied += 1
    return locate
  }

  /// Cancels the seeded levels better than the day's touch after event `row`.
  private func dropStale(row: Int, locate: UInt16, into events: MatchingEvents) {
    guard let snapshots, let book = engine.book(locate) else { return }
    for side in [Side.buy, .sell] {
      let dayBest = snapshots.level(row: row, side: side, index: 0)?.price
      while let best = book.level(side, 0)?.price,
        dayBest.map({ side == .buy ? best > $0 : best < $0 }) ?? true
      {
        guard book.cancelAll(ownedBy: Self.seedOwner, side, at: best, into: events) > 0 else {
          break
        }
        counts.staleLevels += 1
      }
    }
  }
}
