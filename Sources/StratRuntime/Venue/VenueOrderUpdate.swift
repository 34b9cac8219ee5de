/// Why the venue refused an order, a cancel or a replace.
public enum VenueRejectReason: String, Sendable, Hashable, CaseIterable {
  /// The quantity was not positive.
  case invalidQuantity = "invalid-quantity"
  /// The instrument index is outside the venue's instruments.
  case unknownInstrument = "unknown-instrument"
  /// The order was decided before the last event the venue has processed: sending it would let
  /// it fill from the past.
  case decidedInThePast = "decided-in-the-past"
  /// Trading in the instrument is halted.
  case halted
  /// No order has this id.
  case unknownOrder = "unknown-order"
  /// The order was already filled, cancelled or rejected when the request arrived (a fill won
  /// the race), or it is a market order, which never rests.
  case orderClosed = "order-closed"
  /// The FIX session to the venue was down: nothing was sent (a request is never held back to
  /// go out late).
  case disconnected = "venue-disconnected"
  /// The venue refused it for a reason of its own (its text is in the gateway's log).
  case venueRefused = "venue-refused"
}

/// Why an order ended cancelled.
public enum VenueCancelReason: String, Sendable, Hashable, CaseIterable {
  /// The strategy cancelled it (or replaced it to nothing).
  case requested
  /// An immediate-or-cancel order's unfilled rest.
  case immediateOrCancel = "immediate-or-cancel"
  /// A market order's rest: the book had no more (unconsumed) liquidity.
  case noLiquidity = "no-liquidity"
}

/// A change of an order's state, to feed back to the strategy.
public struct VenueOrderUpdate: Sendable, Hashable {
  /// What happened.
  public enum Kind: Sendable, Hashable {
    /// The order arrived and was accepted (fills, if any, follow in the fill list).
    case accepted
    /// The order was cancelled.
    case cancelled(VenueCancelReason)
    /// The order was refused on arrival.
    case rejected(VenueRejectReason)
    /// A replace arrived and was applied; `keptPriority` says whether it kept its queue place.
    case replaced(keptPriority: Bool)
    /// A cancel or replace arrived and was refused; the order is unchanged.
    case requestRejected(VenueRejectReason)
  }

  /// The venue order id.
  public var orderID: UInt64
  /// When it happened (nanoseconds since the epoch).
  public var time: Int64
  /// What happened.
  public var kind: Kind
  /// The order's state after it.
  public var state: VenueOrderState
  /// The order's remaining quantity after it.
  public var remainingQuantity: Int64
  /// The venue's id of this report, unique per venue and shared with fills (FIX's ExecID): the
  /// OMS applies a report once, however often it is delivered. 0: none given (always applied).
  public var executionID: UInt64

  /// Creates an update record.
  public init(
    orderID: UInt64,
    time: Int64,
    kind: Kind,
    state: VenueOrderState,
    remainingQuantity: Int64,
    executionID: UInt64 = 0
  ) {
    self.orderID = orderID
    self.time = time
    self.kind = kind
    self.state = state
    self.remainingQuantity = remainingQuantity
    self.executionID = executionID
  }
}
