import StratMarket

/// One event in the life of an order, or one risk denial: a row of `orders.csv`.
public struct OrderLogEntry: Sendable, Equatable {
  /// What happened to the order.
  public enum Event: UInt8, Sendable, CaseIterable {
    /// Passed the risk checks and was sent (bars: queued for its fill).
    case submitted
    /// Reached the venue and was accepted (books).
    case accepted
    /// The strategy asked to change it (books).
    case replaceRequested
    /// A replace reached the venue and was applied (books).
    case replaced
    /// The strategy asked to cancel it (books).
    case cancelRequested
    /// It ended cancelled; `reason` says why.
    case cancelled
    /// The venue refused it on arrival; `reason` says why.
    case rejected
    /// The venue refused a cancel or replace of it (the order is unchanged); `reason` says why.
    case requestRejected
    /// It filled, partly or fully; `remaining` says how much is still working.
    case filled
    /// The risk gate refused the decision: no order was sent.
    case denied

    /// The name written in `orders.csv`.
    public var name: String {
      switch self {
      case .submitted: "submitted"
      case .accepted: "accepted"
      case .replaceRequested: "replace_requested"
      case .replaced: "replaced"
      case .cancelRequested: "cancel_requested"
      case .cancelled: "cancelled"
      case .rejected: "rejected"
      case .requestRejected: "request_rejected"
      case .filled: "filled"
      case .denied: "denied"
      }
    }
  }

  /// Why, for cancellations, rejections, replaces and denials.
  public enum Reason: Sendable, Equatable {
    case none
    /// Bars: the fill price was worse than the limit, so the order was dropped.
    case limitNotReached
    /// Bars: a `cancel` decision withdrew it before its fill.
    case requested
    case venueCancel(VenueCancelReason)
    case venueReject(VenueRejectReason)
    /// A replace kept (true) or lost its queue priority.
    case priority(kept: Bool)
    case denial(RiskDenial)

    /// The typed code written in the `reason` column ("" for none).
    public var code: String {
      switch self {
      case .none: ""
      case .limitNotReached: "limit-not-reached"
      case .requested: "requested"
      case .venueCancel(let reason): reason.rawValue
      case .venueReject(let reason): reason.rawValue
      case .priority(let kept): kept ? "kept-priority" : "lost-priority"
      case .denial(let denial): denial.code.rawValue
      }
    }
  }

  /// When it happened (ns since the epoch, UTC).
  public var time: Int64
  /// The order id; 0 for a denial (no order was made).
  public var orderID: UInt64
  /// Instrument index (the decision's raw index when it was out of range).
  public var instrument: Int
  public var event: Event
  /// +1 buy, −1 sell, 0 unknown (a denial of an invalid quantity).
  public var side: Int8
  /// Units: the order's (submitted, replaced, denied), the fill's (filled), else the remaining.
  public var quantity: Int64
  /// The limit price (submitted, replaced, denied), the fill price (filled); nil for none.
  public var price: Price?
  /// Units still working after the event; nil when not known or not meaningful.
  public var remaining: Int64?
  public var reason: Reason
  /// When the strategy decided the order.
  public var decided: Int64
  /// Queue-ahead quantity at arrival, when the venue knows it (an accepted limit order).
  public var queueAhead: Int64?
  /// 1-based step of the decision: the row of `equity.csv` whose step made the order.
  public var step: Int

  /// Creates an entry.
  public init(
    time: Int64, orderID: UInt64, instrument: Int, event: Event, side: Int8, quantity: Int64,
    price: Price? = nil, remaining: Int64? = nil, reason: Reason = .none, decided: Int64,
    queueAhead: Int64? = nil, step: Int
  ) {
    self.time = time
    self.orderID = orderID
    self.instrument = instrument
    self.event = event
    self.side = side
    self.quantity = quantity
    self.price = price
    self.remaining = remaining
    self.reason = reason
    self.decided = decided
    self.queueAhead = queueAhead
    self.step = step
  }
}

/// The rows of `orders.csv`, bounded: past `limit` rows, events are counted, not kept.
public struct OrderLog: Sendable {
  /// How many rows are kept (a day of book quoting makes a few hundred thousand).
  public static let limit = 1_000_000
  public private(set) var entries: [OrderLogEntry] = []
  /// Rows not kept because the log was full.
  public private(set) var omitted = 0
  /// This log's bound (`OrderLog.limit` unless a test asks for less).
  public let bound: Int

  /// Creates an empty log with room for `capacity` rows, keeping at most `bound`.
  public init(capacity: Int = 1_024, bound: Int = OrderLog.limit) {
    self.bound = bound
    entries.reserveCapacity(min(capacity, bound))
  }

  /// Appends a row, or counts it when the log is full.
  @inline(__always)
  public mutating func append(_ entry: OrderLogEntry) {
    guard entries.count < bound else { return omitted += 1 }
    entries.append(entry)
  }
}
