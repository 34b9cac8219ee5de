import StratDiagnostics
import StratMarket

/// The exchange in a backtest: matches our orders against a historical order book it never
/// changes, with order latency, queue position, partial fills and fees. Conservative, explicit and
/// deterministic; README.md in this folder is the model in one page.
///
/// The calling contract, per market event `e` of instrument `i`, in time order:
///
///     venue.process(e, instrument: i, books: books, report: &report)   // books[i] BEFORE e
///     books[i].apply(e)
///     strategy sees e → venue.submit(…, decidedAt: e.timeNanos)
///
/// `process` first delivers the messages (orders, cancels, replaces) that arrive at or before
/// `e`'s time, matching them against the books as they stand (after the previous event), then lets
/// `e` fill resting orders. So an order never fills from the event that caused it, nor from any
/// event earlier than its arrival. Misuse is loud: an event earlier than the last, a wrong number
/// of books, or an order decided in the past gives a diagnostic or a rejection, never a fill.
///
/// Not thread-safe: one venue per backtest, driven by one thread. That is also why its hot
/// stored properties skip the dynamic exclusivity checks (`@exclusivity(unchecked)`): no two
/// accesses can overlap, and the checks cost more than the matching.
public final class SimulatedVenue {
  /// The configuration.
  public let config: VenueConfig
  /// The number of instruments (books) the venue trades.
  public let instrumentCount: Int
  /// The time of the last event or `advance`; messages decided before it are rejected.
  @exclusivity(unchecked) public internal(set) var currentTime: Int64 = .min
  /// Events ignored because they lacked what the venue needs (a price); see the diagnostics.
  public internal(set) var ignoredEventCount = 0

  @exclusivity(unchecked) var orders: [VenueOrderStatus] = []
  @exclusivity(unchecked) var messages: [VenueMessage] = []
  @exclusivity(unchecked) var messageHead = 0
  @exclusivity(unchecked) var lastArrival: Int64 = .min
  package var latency: LatencySampler
  /// Working orders per instrument, in queue priority order (lower priority value first).
  @exclusivity(unchecked) var resting: [[Int]]
  @exclusivity(unchecked) var restingNeedsCompaction: [Bool]
  @exclusivity(unchecked) var consumed: [ConsumedLiquidity]
  /// Per instrument, the level the last event shrank (see `shrinkingLevel(of:)`).
  @exclusivity(unchecked) var shrunk: [(Side, Int64)?]
  @exclusivity(unchecked) var halted: [Bool]
  @exclusivity(unchecked) var positions: [Int64]
  @exclusivity(unchecked) var nextPriority: UInt64 = 1
  /// The id of the next report (fill or order update): 1, 2, 3, … over the venue's life.
  @exclusivity(unchecked) var nextExecutionID: UInt64 = 1
  /// Reused buffer of order indices for one event's candidates.
  @exclusivity(unchecked) var scratch: [Int] = []
  package var warnedIDs: Set<String> = []
  /// Indices of orders whose given id is not their place + 1 (a client id off the sequence).
  package var indexOfOtherID: [UInt64: Int] = [:]

  /// Creates a venue for `instrumentCount` instruments; throws when the configuration is invalid.
  public init(config: VenueConfig, instrumentCount: Int) throws(VenueError) {
    var problems = config.problems
    if instrumentCount < 1 {
      problems.append(
        Diagnostic(
          id: "venue.config.instrument-count",
          message: "expected at least one instrument, found \(instrumentCount)"
        )
      )
    }
    guard problems.isEmpty else { throw VenueError(diagnostics: problems) }
    self.config = config
    self.instrumentCount = instrumentCount
    latency = config.makeOrderLatencySampler()
    resting = Array(repeating: [], count: instrumentCount)
    restingNeedsCompaction = Array(repeating: false, count: instrumentCount)
    consumed = Array(repeating: ConsumedLiquidity(), count: instrumentCount)
    shrunk = Array(repeating: nil, count: instrumentCount)
    halted = Array(repeating: false, count: instrumentCount)
    positions = Array(repeating: 0, count: instrumentCount)
    scratch.reserveCapacity(64)
  }

  // MARK: - Strategy side

  /// Submits an order decided at `decidedAt`; returns its id: `order.id` when the OMS gave one
  /// (unique per session), else the next of 1, 2, 3, … The order reaches the venue one order
  /// latency later (never before an earlier message: one session keeps order).
  @discardableResult
  public func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
    let arrival = scheduleArrival(decidedAt)
    let id = order.id != 0 ? order.id : UInt64(orders.count + 1)
    // The OMS numbers 1, 2, 3, … too: only an id off that sequence needs the map.
    if id != UInt64(orders.count + 1) { indexOfOtherID[id] = orders.count }
    orders.append(
      VenueOrderStatus(id: id, request: order, decidedAt: decidedAt, arrivalTime: arrival)
    )
    enqueue(.new, index: orders.count - 1, id: id, decidedAt: decidedAt, arrival: arrival)
    return id
  }

  /// Asks to cancel order `orderID`; the request travels with the order latency, and fills that
  /// happen before it arrives stand.
  public func cancel(orderID: UInt64, decidedAt: Int64) {
    let arrival = scheduleArrival(decidedAt)
    enqueue(.cancel, index: index(of: orderID), id: orderID, decidedAt: decidedAt, arrival: arrival)
  }

  /// Asks to change order `orderID` to `quantity` remaining units at limit `price`. It keeps its
  /// queue place only when the price is unchanged and the quantity does not grow; otherwise it is
  /// a cancel and a new order (same id) that may take liquidity and rests at the back.
  public func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {
    let arrival = scheduleArrival(decidedAt)
    enqueue(
      .replace(quantity: quantity, price: price),
      index: index(of: orderID),
      id: orderID,
      decidedAt: decidedAt,
      arrival: arrival
    )
  }

  // MARK: - Queries

  /// Returns the status of order `id`, nil for an unknown id.
  public func order(_ id: UInt64) -> VenueOrderStatus? {
    let i = index(of: id)
    return i >= 0 ? orders[i] : nil
  }

  /// Returns the working (open or partially filled) orders of `instrument`, in queue priority.
  public func workingOrders(instrument: Int) -> [VenueOrderStatus] {
    guard resting.indices.contains(instrument) else { return [] }
    return resting[instrument].map { orders[$0] }.filter(\.isWorking)
  }

  /// Returns the net position of `instrument` from our fills (buys minus sells).
  public func position(instrument: Int) -> Int64 {
    positions.indices.contains(instrument) ? positions[instrument] : 0
  }

  /// The arrival time of the next message still travelling, if any: a loop with timers calls
  /// `advance(to:)` with it when no market event comes first.
  public var nextArrivalTime: Int64? {
    messageHead < messages.count ? messages[messageHead].arrival : nil
  }

  package func index(of id: UInt64) -> Int {
    if id >= 1 && id <= UInt64(orders.count) && orders[Int(id - 1)].id == id { return Int(id - 1) }
    return indexOfOtherID[id] ?? -1
  }

  package func scheduleArrival(_ decidedAt: Int64) -> Int64 {
    let (sum, overflow) = decidedAt.addingReportingOverflow(latency.next())
    let arrival = max(overflow ? .max : sum, lastArrival, currentTime)
    lastArrival = arrival
    return arrival
  }

  package func enqueue(
    _ kind: VenueMessage.Kind,
    index: Int,
    id: UInt64,
    decidedAt: Int64,
    arrival: Int64
  ) {
    messages.append(
      VenueMessage(
        kind: kind,
        orderIndex: index,
        orderID: id,
        arrival: arrival,
        decidedAt: decidedAt,
        isStale: decidedAt < currentTime
      )
    )
  }
}

/// A message travelling from the strategy to the venue.
package struct VenueMessage {
  package enum Kind {
    case new
    case cancel
    case replace(quantity: Int64, price: Int64)
  }

  package var kind: Kind
  /// Index into `orders`, or −1 for an id the venue never issued.
  package var orderIndex: Int
  package var orderID: UInt64
  package var arrival: Int64
  package var decidedAt: Int64
  /// Decided before the venue's current time: accepting it would let it fill from the past.
  package var isStale: Bool
}
