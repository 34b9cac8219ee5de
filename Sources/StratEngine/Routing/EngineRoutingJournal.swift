import StratRuntime

/// Where the engine's router explains itself: each decision and each routed fill becomes a
/// journal record (types 13 and 14), a log line and /metrics. A journal error cannot cross the
/// router (it does not throw): it is kept and thrown by the engine after the OMS call, as the
/// write-ahead's are.
final class EngineRoutingJournal: RoutingJournal {
  unowned let engine: Engine
  let venues: [RouteVenue]
  let metrics: RoutingMetrics
  weak var router: SmartOrderRouter?

  init(engine: Engine, venues: [RouteVenue], metrics: RoutingMetrics) {
    self.engine = engine
    self.venues = venues
    self.metrics = metrics
  }

  func routed(_ decision: RouteDecision) {
    let json = RouteDecisionJSON.decision(decision, venues: venues)
    write(.route, json)
    metrics.routed(decision.plan)
    engine.log.info("route.decision", ["order": .raw(json)])
  }

  func executed(_ fill: TCAFill) {
    write(.execution, RouteDecisionJSON.execution(fill, venues: venues))
    if let router { metrics.executed(fill, quality: router.quality) }
  }

  private func write(_ type: EngineRecordType, _ json: String) {
    do throws(EngineError) { try engine.journal?.append(type, Array(json.utf8)) } catch {
      engine.writeAheadFailure = engine.writeAheadFailure ?? error
    }
  }
}
