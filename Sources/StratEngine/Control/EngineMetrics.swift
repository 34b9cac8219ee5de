import StratJournal
import StratNet
import StratRuntime

/// The engine's Prometheus series. The hot thread is the only writer of the per-event series
/// (single-writer adds: a plain load and store, no locked instruction); the HTTP thread renders.
package final class EngineMetrics: Sendable {
  package let registry = MetricsRegistry()
  package let events: Counter
  package let orders: Counter
  package let fills: Counter
  package let rejects: Counter
  package let cancels: Counter
  /// Denials per `RiskDenial.Code.index`.
  package let denials: [Counter]
  package let tickToOrder: Histogram
  package let killSwitch: Gauge
  package let feedGaps: Counter
  package let feedStale: Gauge
  package let hotLoads: Counter
  package let hotLoadRefusals: Counter
  /// The OMS's own counters (Engine+OMS.swift).
  package let duplicateReports: Counter
  package let expiredOrders: Counter
  package let reconcileUnknownAtVenue: Counter
  package let reconcileUnknownToOMS: Counter
  package let shadowSteps: Counter
  package let shadowAgreeing: Counter
  package let shadowDiffering: Counter

  package init() throws(EngineError) {
    do throws(StratNetError) {
      let r = registry
      events = try r.counter("strat_engine_events_total", help: "Market events delivered to every strategy.")
      orders = try r.counter("strat_engine_orders_total", help: "Orders sent to the venue.")
      fills = try r.counter("strat_engine_fills_total", help: "Fills of the engine's orders.")
      rejects = try r.counter("strat_engine_rejects_total", help: "Orders and requests the venue rejected.")
      cancels = try r.counter("strat_engine_cancels_total", help: "Orders that ended cancelled.")
      denials = try RiskDenial.Code.allCases.map { code throws(StratNetError) in
        try r.counter("strat_engine_denials_total", help: "Orders the engine's risk checks denied, by reason.", labels: ["reason": code.rawValue])
      }
      tickToOrder = try r.latencyHistogram(
        "strat_engine_tick_to_order_seconds",
        help: "From a market event's arrival on the hot thread to the last order it caused being handed to the gateway.")
      killSwitch = try r.gauge("strat_engine_kill_switch", help: "1 while the kill switch is on.")
      feedGaps = try r.counter("strat_engine_feed_gaps_total", help: "Sequence gaps the feed detected.")
      feedStale = try r.gauge("strat_engine_feed_stale", help: "1 while the feed is stale (a gap not recovered).")
      hotLoads = try r.counter("strat_engine_hotloads_total", help: "Strategy versions loaded and swapped in.")
      hotLoadRefusals = try r.counter("strat_engine_hotload_refusals_total", help: "Strategy versions refused (broken, unsigned, tampered).")
      duplicateReports = try r.counter("strat_engine_oms_duplicate_reports_total", help: "Execution reports delivered again and dropped (applied once).")
      expiredOrders = try r.counter("strat_engine_oms_expired_total", help: "Day orders still resting when the session ended.")
      reconcileUnknownAtVenue = try r.counter("strat_engine_oms_reconcile_unknown_at_venue_total", help: "Open orders of the OMS the venue did not know at reconciliation.")
      reconcileUnknownToOMS = try r.counter("strat_engine_oms_reconcile_unknown_to_oms_total", help: "Venue orders the OMS did not know at reconciliation (cancelled).")
      shadowSteps = try r.counter("strat_engine_shadow_steps_total", help: "Steps of shadow (canary) versions, one after each live step.")
      shadowAgreeing = try r.counter("strat_engine_shadow_agreeing_total", help: "Shadow steps whose decisions equal the live version's.")
      shadowDiffering = try r.counter("strat_engine_shadow_differing_total", help: "Shadow steps whose decisions differ from the live version's.")
    } catch {
      throw EngineError(id: error.id, message: error.message)
    }
  }

  /// Counts one order-log row (hot thread).
  @inline(__always)
  package func count(_ entry: OrderLogEntry) {
    switch entry.event {
    case .submitted: orders.addSingleWriter()
    case .filled: fills.addSingleWriter()
    case .rejected, .requestRejected: rejects.addSingleWriter()
    case .cancelled: cancels.addSingleWriter()
    case .denied:
      if case .denial(let code) = entry.reason { denials[code.index].addSingleWriter() }
    default: break
    }
  }
}

extension EngineMetrics {
  /// The journal's group-commit latency as a Prometheus histogram (its own fixed buckets, in
  /// µs, summed into cumulative `le` buckets), and the records it made durable.
  package static func journalText(_ j: JournalMetricsSnapshot) -> String {
    var text = "# HELP strat_engine_journal_fsync_seconds Journal group commits: the time of one fsync group.\n"
    text += "# TYPE strat_engine_journal_fsync_seconds histogram\n"
    var cumulative: UInt64 = 0
    for (k, bound) in JournalMetrics.bucketBoundsMicroseconds.enumerated() {
      cumulative += j.bucketCounts[k]
      text += "strat_engine_journal_fsync_seconds_bucket{le=\"\(Double(bound) / 1e6)\"} \(cumulative)\n"
    }
    cumulative += j.bucketCounts.last ?? 0
    text += "strat_engine_journal_fsync_seconds_bucket{le=\"+Inf\"} \(cumulative)\n"
    text += "strat_engine_journal_fsync_seconds_sum \(Double(j.totalNanoseconds) / 1e9)\n"
    text += "strat_engine_journal_fsync_seconds_count \(j.groups)\n"
    text += "# HELP strat_engine_journal_durable_records_total Journal records made durable.\n"
    text += "# TYPE strat_engine_journal_durable_records_total counter\n"
    text += "strat_engine_journal_durable_records_total \(j.records)\n"
    return text
  }
}
