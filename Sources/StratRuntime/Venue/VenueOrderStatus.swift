import StratMarket

/// The life-cycle state of a venue order.
public enum VenueOrderState: UInt8, Sendable, Hashable, CaseIterable {
  /// Sent, not yet arrived at the venue (the order latency has not elapsed).
  case pendingNew
  /// Arrived and resting, nothing filled.
  case open
  /// Arrived, some filled, the rest resting.
  case partiallyFilled
  /// Everything filled. Final.
  case filled
  /// Cancelled: on request, as an IOC or market remainder, or for lack of liquidity. Final.
  case cancelled
  /// Refused on arrival; nothing filled. Final.
  case rejected

  /// Whether the order can no longer change.
  @inlinable
  public var isFinal: Bool { self == .filled || self == .cancelled || self == .rejected }
}

/// What the venue knows about one of our orders: queryable at any time by id.
public struct VenueOrderStatus: Sendable, Hashable {
  /// The venue's order id (1, 2, 3, … in submission order).
  public let id: UInt64
  /// The instrument index.
  public let instrument: Int
  /// Buy or sell.
  public let side: Side
  /// Whether it is a market order.
  public let isMarket: Bool
  /// The limit price (raw 1e-8); 0 for market orders. Changed by a replace.
  public package(set) var price: Int64
  /// Day or IOC.
  public let timeInForce: VenueOrderRequest.TimeInForce
  /// Total quantity: filled + remaining (a replace changes it).
  public package(set) var quantity: Int64
  /// Units filled so far.
  public package(set) var filledQuantity: Int64
  /// Units still working (0 once final).
  public package(set) var remainingQuantity: Int64
  /// The current state.
  public package(set) var state: VenueOrderState
  /// When the strategy decided it: its latest version (a replace that loses priority is decided
  /// anew, and arrives anew).
  public internal(set) var decidedAt: Int64
  /// When it reached (or will reach) the venue.
  public internal(set) var arrivalTime: Int64
  /// Displayed quantity ahead of it in its level's queue while it rests (the "why no fill" figure).
  public internal(set) var queueAhead: Int64
  /// `queueAhead` when the order last joined its level (its arrival, or a replace that lost
  /// priority): what `stratc explain` reports as its queue position.
  public internal(set) var queueAheadAtArrival: Int64 = 0
  /// Queue priority: lower joined the level earlier. Reset when a replace loses priority.
  package var priority: UInt64

  package init(id: UInt64, request: VenueOrderRequest, decidedAt: Int64, arrivalTime: Int64) {
    self.id = id
    instrument = request.instrument
    side = request.side
    if case .limit(let price) = request.kind {
      isMarket = false
      self.price = price
    } else {
      isMarket = true
      price = 0
    }
    timeInForce = request.timeInForce
    quantity = request.quantity
    filledQuantity = 0
    remainingQuantity = request.quantity
    state = .pendingNew
    self.decidedAt = decidedAt
    self.arrivalTime = arrivalTime
    queueAhead = 0
    priority = 0
  }

  /// Whether it is resting in the book and can fill.
  @inlinable
  public var isWorking: Bool { state == .open || state == .partiallyFilled }

  /// Whether `other` (a price on the same side) is at least as good as this order's price for
  /// the order: lower for a buy, higher for a sell.
  @inlinable
  package func accepts(_ other: Int64) -> Bool { side == .buy ? other <= price : other >= price }
}
