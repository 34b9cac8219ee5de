import StratMarket

/// One result of a book operation, in the order it happened. Plain values, stored inline in a
/// `MatchingEvents` buffer: writing one allocates nothing.
public enum MatchingEvent: Sendable, Hashable {
  /// A new order passed validation and got its venue id (before any matching).
  case accepted(Accepted)
  /// Part or all of a resting order traded with an incoming one.
  case fill(Fill)
  /// The (rest of the) order rests on the book: it can be seen in the feed from now on.
  case rested(Rested)
  /// The order's remaining quantity left (or never reached) the book.
  case cancelled(Cancelled)
  /// A replace took effect (before any matching of the new price and quantity).
  case replaced(Replaced)
  /// A new order was refused; no venue id was used.
  case rejected(owner: UInt32, reason: RejectReason)
  /// A cancel or replace was refused; the order is unchanged.
  case cancelRejected(orderID: UInt64, owner: UInt32, isReplace: Bool, reason: RejectReason)

  /// An accepted order.
  public struct Accepted: Sendable, Hashable {
    public var orderID: UInt64
    public var request: OrderRequest
  }

  /// A trade: the price is the resting order's.
  public struct Fill: Sendable, Hashable {
    /// Venue-wide, 1, 2, 3… (ITCH's match number).
    public var matchNumber: UInt64
    public var price: Price
    public var quantity: Int64
    public var restingOrderID: UInt64
    public var restingOwner: UInt32
    /// What remains of the resting order (0: it left the book).
    public var restingRemaining: Int64
    public var incomingOrderID: UInt64
    public var incomingOwner: UInt32
    /// What remains of the incoming order after this fill.
    public var incomingRemaining: Int64
    /// The incoming (aggressor) order's side.
    public var incomingSide: Side
  }

  /// An order now resting.
  public struct Rested: Sendable, Hashable {
    public var orderID: UInt64
    public var owner: UInt32
    public var side: Side
    public var price: Price
    public var quantity: Int64
  }

  /// An order's remaining quantity cancelled.
  public struct Cancelled: Sendable, Hashable {
    public var orderID: UInt64
    public var owner: UInt32
    public var quantity: Int64
    public var reason: CancelReason
    /// True when the order was on the book (the feed shows a delete), false for the unrested
    /// rest of an incoming order.
    public var wasResting: Bool
  }

  /// A replace: `newOrderID` equals `orderID` when the order kept its time priority (a quantity
  /// decrease at the same price); otherwise the old order left and `newOrderID` is matched and
  /// may rest (a `.rested` event follows if it does).
  public struct Replaced: Sendable, Hashable {
    public var orderID: UInt64
    public var newOrderID: UInt64
    public var owner: UInt32
    public var price: Price
    /// The new remaining (leaves) quantity asked for.
    public var quantity: Int64
    /// Shares the old order had on the book when it was replaced.
    public var previousQuantity: Int64

    /// True when the order kept its place in the queue.
    public var keptPriority: Bool { newOrderID == orderID }
  }
}

/// A caller-owned buffer the book writes its events into. Allocated once; it doubles when one
/// operation writes more than it holds (a sweep through many orders), and `removeAll()` keeps
/// the memory, so steady-state operation allocates nothing.
public final class MatchingEvents: RandomAccessCollection {
  private var storage: UnsafeMutablePointer<MatchingEvent>
  private var capacity: Int
  public private(set) var count = 0

  /// A buffer for `capacity` events before it first grows.
  public init(capacity: Int = 1_024) {
    self.capacity = Swift.max(16, capacity)
    storage = .allocate(capacity: self.capacity)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  public var startIndex: Int { 0 }
  public var endIndex: Int { count }

  public subscript(position: Int) -> MatchingEvent {
    precondition(position >= 0 && position < count, "event index out of range")
    return storage[position]
  }

  /// Forgets the events, keeping the memory.
  public func removeAll() {
    storage.deinitialize(count: count)
    count = 0
  }

  @usableFromInline
  func append(_ event: MatchingEvent) {
    if count == capacity { grow() }
    (storage + count).initialize(to: event)
    count += 1
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<MatchingEvent>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: storage, count: count)
    storage.deallocate()
    storage = bigger
    capacity *= 2
  }
}
