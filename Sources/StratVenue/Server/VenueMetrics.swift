import StratFIX
import StratNet

/// strat-venue's Prometheus series (`strat_venue_*`), registered once at start and rendered by
/// the metrics endpoint's HTTP thread. The venue thread is the only writer of the order,
/// matching and feed series (single-writer adds: a plain load and store, no locked
/// instruction); the sessions' reader threads write the logon gauge and their own
/// `FIXSessionCounters`. Nothing is allocated per order.
///
///   venue thread ─── addSingleWriter ──▶ orders, fills, rejects, resting, ITCH, seed ─┐
///   FIX readers ──── add / Gauge.add ──▶ logged-on gauge, FIXSessionCounters ─────────┼─▶ render
///                                                                        HTTP worker ─┘
public final class VenueMetrics: Sendable {
  public let registry = MetricsRegistry()
  /// New orders received, by the session key (`VENUE-CLIENT1`).
  let ordersByKey: [String: Counter]
  let fills: Counter
  let filledQuantity: Counter
  let cancels: Counter
  let replaces: Counter
  /// ExecutionReport 150=8 by OrdRejReason (103), OrderCancelReject by CxlRejReason (102).
  let orderRejects: [(code: Int, counter: Counter)]
  let cancelRejects: [(code: Int, counter: Counter)]
  let resting: Gauge
  let sessionsLoggedOn: Gauge
  let itchMessages: Counter
  let itchRerequests: Counter
  let seedEvents: Counter

  /// The reasons the venue sends, as FIX 4.4 names them; any other code counts as `other`.
  static let orderRejectReasons = [
    (1, "unknown_symbol"), (5, "unknown_order"), (6, "duplicate_order"), (13, "incorrect_quantity"), (99, "other"),
  ]
  static let cancelRejectReasons = [(0, "too_late_to_cancel"), (1, "unknown_order"), (99, "other")]

  /// Registers every series; `sessionKeys` maps each client CompID to its session key.
  public init(sessionKeys: [(client: String, key: String)]) throws(StratNetError) {
    let r = registry
    var byKey: [String: Counter] = [:]
    for (client, key) in sessionKeys {
      byKey[key] = try r.counter("strat_venue_orders_total", help: "New orders received, by client.", labels: ["client": client])
    }
    ordersByKey = byKey
    fills = try r.counter("strat_venue_fills_total", help: "Fills reported to clients (ExecutionReport 150=F), one per side.")
    filledQuantity = try r.counter("strat_venue_filled_quantity_total", help: "Units filled on clients' orders (the sum of LastQty).")
    cancels = try r.counter("strat_venue_cancels_total", help: "Clients' orders cancelled, by request or by the book (an IOC's remainder).")
    replaces = try r.counter("strat_venue_replaces_total", help: "Clients' orders replaced.")
    let rejectHelp = "Rejects sent: ExecutionReport 150=8 by OrdRejReason, OrderCancelReject by CxlRejReason."
    orderRejects = try Self.rejects(r, rejectHelp, message: "execution_report", Self.orderRejectReasons)
    cancelRejects = try Self.rejects(r, rejectHelp, message: "order_cancel_reject", Self.cancelRejectReasons)
    resting = try r.gauge("strat_venue_resting_orders", help: "Orders resting on the books (clients' and the seed day's).")
    sessionsLoggedOn = try r.gauge("strat_venue_fix_sessions_logged_on", help: "Client FIX sessions logged on now.")
    itchMessages = try r.counter("strat_venue_itch_messages_total", help: "ITCH 5.0 messages published over MoldUDP64.")
    itchRerequests = try r.counter("strat_venue_moldudp64_rerequests_total", help: "MoldUDP64 re-requests served.")
    seedEvents = try r.counter("strat_venue_seed_events_total", help: "Events of the seed day applied to the books.")
  }

  private static func rejects(
    _ r: MetricsRegistry, _ help: String, message: String, _ reasons: [(Int, String)]
  ) throws(StratNetError) -> [(code: Int, counter: Counter)] {
    var out: [(code: Int, counter: Counter)] = []
    for (code, reason) in reasons {
      out.append((code, try r.counter("strat_venue_rejects_total", help: help, labels: ["message": message, "reason": reason])))
    }
    return out
  }

  /// Exports a client session's wire counts; called once per session, when it is made (its
  /// first Logon), so these series appear then.
  func watch(_ session: FIXSession, client: String) throws(StratNetError) {
    let c = session.counters
    let labels = ["client": client]
    try registry.register(c.received, as: "strat_venue_fix_messages_received_total", help: "FIX messages received (admin and application).", labels: labels)
    try registry.register(c.sent, as: "strat_venue_fix_messages_sent_total", help: "FIX messages sent (admin and application, resends included).", labels: labels)
    try registry.register(c.garbled, as: "strat_venue_fix_garbled_total", help: "FIX frames dropped as garbled.", labels: labels)
    try registry.register(c.rejectsSent, as: "strat_venue_fix_session_rejects_total", help: "Session-level Rejects (35=3) sent.", labels: labels)
  }

  // MARK: - The venue thread's counts

  @inline(__always)
  func countOrder(session key: String) { ordersByKey[key]?.addSingleWriter() }

  @inline(__always)
  func countReject(orderReason code: Int) { Self.counter(code, in: orderRejects).addSingleWriter() }

  @inline(__always)
  func countReject(cancelReason code: Int) { Self.counter(code, in: cancelRejects).addSingleWriter() }

  /// The counter of `code`, or the last (`other`).
  private static func counter(_ code: Int, in table: [(code: Int, counter: Counter)]) -> Counter {
    for entry in table where entry.code == code { return entry.counter }
    return table[table.count - 1].counter
  }
}
