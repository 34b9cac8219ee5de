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
    public var name: String { csvName.description }

    /// The name as a literal, appended without building a string.
    package var csvName: StaticString {
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
  public enum Reason: Sendable, Hashable {
    case none
    /// Bars: the fill price was worse than the limit, so the order was dropped.
    case limitNotReached
    /// Bars: a `cancel` decision withdrew it before its fill.
    case requested
    case venueCancel(VenueCancelReason)
    case venueReject(VenueRejectReason)
    /// A replace kept (true) or lost its queue priority.
    case priority(kept: Bool)
    /// The risk gate's code (the denial itself is in `OrderLog.denials`).
    case denial(RiskDenial.Code)

    /// The typed code written in the `reason` column ("" for none).
    public var code: String {
      switch self {
      case .none: ""
      case .limitNotReached: "limit-not-reached"
      case .requested: "requested"
      case .venueCancel(let reason): reason.rawValue
      case .venueReject(let reason): reason.rawValue
      case .priority(let kept): kept ? "kept-priority" : "lost-priority"
      case .denial(let code): code.rawValue
      }
    }
  }

  /// When it happened (ns since the epoch, UTC).
  public var time: Int64
  /// The order id; 0 for a denial (no order was made).
  public var orderID: UInt64
  /// When the strategy decided the order (or the request the row answers).
  public var decided: Int64
  /// Units: the order's (submitted, replaced, denied), the fill's (filled), the cancelled ones.
  public var quantity: Int64
  // Optional fields are kept as sentinels (`none`) so that a row is 72 bytes: the log is
  // written on the hot path, and its size is what the loop pays.
  private var priceRaw: Int64
  private var remainingRaw: Int64
  private var queueAheadRaw: Int64
  private var instrumentIndex: Int32
  private var stepNumber: Int32
  public var event: Event
  /// +1 buy, −1 sell, 0 unknown (a denial of an invalid quantity).
  public var side: Int8
  public var reason: Reason

  private static let none = Int64.min

  /// Instrument index (the decision's raw index when it was out of range).
  public var instrument: Int {
    get { Int(instrumentIndex) }
    set { instrumentIndex = Int32(clamping: newValue) }
  }
  /// The limit price (submitted, replaced, denied), the fill price (filled); nil for none.
  public var price: Price? {
    get { priceRaw == Self.none ? nil : Price(raw: priceRaw) }
    set { priceRaw = newValue?.raw ?? Self.none }
  }
  /// Units still working after the event; nil when not known or not meaningful.
  public var remaining: Int64? {
    get { remainingRaw == Self.none ? nil : remainingRaw }
    set { remainingRaw = newValue ?? Self.none }
  }
  /// Queue-ahead quantity at arrival, when the venue knows it (an accepted limit order).
  public var queueAhead: Int64? {
    get { queueAheadRaw == Self.none ? nil : queueAheadRaw }
    set { queueAheadRaw = newValue ?? Self.none }
  }
  /// 1-based step of the decision: the row of `equity.csv` whose step made the order.
  public var step: Int {
    get { Int(stepNumber) }
    set { stepNumber = Int32(clamping: newValue) }
  }

  /// Creates an entry.
  public init(
    time: Int64, orderID: UInt64, instrument: Int, event: Event, side: Int8, quantity: Int64,
    price: Price? = nil, remaining: Int64? = nil, reason: Reason = .none, decided: Int64,
    queueAhead: Int64? = nil, step: Int
  ) {
    self.time = time
    self.orderID = orderID
    self.decided = decided
    self.quantity = quantity
    priceRaw = price?.raw ?? Self.none
    remainingRaw = remaining ?? Self.none
    queueAheadRaw = queueAhead ?? Self.none
    instrumentIndex = Int32(clamping: instrument)
    stepNumber = Int32(clamping: step)
    self.event = event
    self.side = side
    self.reason = reason
  }
}

/// The rows of `orders.csv`, bounded: past `limit` rows, events are counted, not kept.
public struct OrderLog: Sendable {
  /// How many rows are kept (a day of book quoting makes a few hundred thousand).
  public static let limit = 1_000_000
  public private(set) var entries: [OrderLogEntry] = []
  /// Rows not kept because the log was full.
  public private(set) var omitted = 0
  /// Each kept denial row's full denial (its message), by row index.
  public private(set) var denials: [(row: Int, denial: RiskDenial)] = []
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

  /// Appends the row of a risk denial, keeping the denial for its message.
  public mutating func append(denied entry: OrderLogEntry, _ denial: RiskDenial) {
    if entries.count < bound { denials.append((entries.count, denial)) }
    append(entry)
  }

  /// Makes room for `rows` more rows (within the bound) before a loop, so that appending never
  /// moves the log (pages are touched only as rows are written).
  public mutating func reserve(rows: Int) {
    entries.reserveCapacity(min(entries.count + rows, bound))
  }
}
