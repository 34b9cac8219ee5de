import StratNet
import StratRuntime

/// The router's Prometheus series, one set per venue (`venue` label): orders and units routed,
/// units filled, and the running quantity-weighted slippage against each TCA benchmark.
final class RoutingMetrics: Sendable {
  let orders: [Counter]
  let units: [Counter]
  let filled: [Counter]
  let decisionBps: [Gauge]
  let arrivalBps: [Gauge]

  init(registry: MetricsRegistry, venues: [RouteVenue]) throws(EngineError) {
    do throws(StratNetError) {
      func each<T>(_ make: (String) throws(StratNetError) -> T) throws(StratNetError) -> [T] {
        var made: [T] = []
        for venue in venues { made.append(try make(venue.name)) }
        return made
      }
      orders = try each { v throws(StratNetError) in try registry.counter("strat_engine_route_orders_total", help: "Child orders the router sent to each venue.", labels: ["venue": v]) }
      units = try each { v throws(StratNetError) in try registry.counter("strat_engine_route_units_total", help: "Units the router sent to each venue.", labels: ["venue": v]) }
      filled = try each { v throws(StratNetError) in try registry.counter("strat_engine_tca_filled_units_total", help: "Units filled at each venue.", labels: ["venue": v]) }
      decisionBps = try each { v throws(StratNetError) in
        try registry.gauge("strat_engine_tca_slippage_bps", help: "Quantity-weighted slippage of the day's fills in basis points (positive: a cost), against the decision-time or the arrival price.", labels: ["venue": v, "benchmark": "decision"])
      }
      arrivalBps = try each { v throws(StratNetError) in
        try registry.gauge("strat_engine_tca_slippage_bps", help: "Quantity-weighted slippage of the day's fills in basis points (positive: a cost), against the decision-time or the arrival price.", labels: ["venue": v, "benchmark": "arrival"])
      }
    } catch {
      throw EngineError(id: error.id, message: error.message)
    }
  }

  func routed(_ plan: RoutePlan) {
    for slice in plan.slices {
      orders[slice.venue].add()
      units[slice.venue].add(UInt64(slice.quantity))
    }
  }

  func executed(_ fill: TCAFill, quality: ExecutionQuality) {
    filled[fill.venue].add(UInt64(fill.quantity))
    let totals = quality.venues[fill.venue]
    if let bps = totals.decisionBps { decisionBps[fill.venue].set(bps) }
    if let bps = totals.arrivalBps { arrivalBps[fill.venue].set(bps) }
  }
}
