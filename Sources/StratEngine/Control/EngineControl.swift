import Foundation
import StratJournal
import StratNet

/// The engine's control and monitoring endpoints (Docs/CONTROL.md), served by StratNet's HTTP
/// server on its own threads:
/// ```
///   HTTP worker ── GET  /metrics ───────────▶ metrics registry (atomics) + journal counters
///               ── GET  /v1/status … ──────▶ status board (copy under a lock the hot thread never waits on)
///               ── POST /v1/kill, /resume ─▶ CommandQueue ──▶ hot thread, between events
///               ── POST /v1/strategies/* ──▶ hot-loader (its own thread) ──▶ swap slot ──▶ hot thread
/// ```
/// Every route but /metrics needs the bearer token. Nothing here touches the hot thread's state.
package enum EngineControl {
  package static func routes(
    status: EngineStatusBoard, commands: CommandQueue, metrics: EngineMetrics,
    journal: @escaping @Sendable () -> JournalMetricsSnapshot?, strategies: StrategyControl?,
    risk: @escaping @Sendable () -> String
  ) -> [HTTPRoute] {
    var routes = [
      HTTPRoute("GET", "/metrics", requiresToken: false, isSerialized: false) { _ in
        var text = metrics.registry.render()
        if let j = journal() { text += EngineMetrics.journalText(j) }
        return HTTPResponse.text(200, text, headers: [HTTPHeader("Content-Type", MetricsRegistry.contentType)])
      },
      HTTPRoute("GET", "/v1/status") { _ in .json(200, EngineStatusJSON.status(status.read(), risk: risk())) },
      HTTPRoute("GET", "/v1/positions") { _ in .json(200, EngineStatusJSON.positions(status.read())) },
      HTTPRoute("GET", "/v1/orders") { _ in .json(200, EngineStatusJSON.orders(status.read())) },
      HTTPRoute("GET", "/v1/strategies") { _ in .json(200, EngineStatusJSON.strategies(status.read(), strategies)) },
      HTTPRoute("POST", "/v1/kill") { _ in enqueue(.command(.kill), commands, "kill") },
      HTTPRoute("POST", "/v1/resume") { _ in enqueue(.command(.resume), commands, "resume") },
    ]
    for action in ["load", "unload", "promote", "rollback"] {
      routes.append(HTTPRoute("POST", "/v1/strategies/\(action)") { request in
        guard let strategies else {
          return .error(409, id: "hotload.off", message: "this engine hot-loads nothing (no strategies folder is watched)")
        }
        return strategies.handle(action, body: request.bodyText)
      })
    }
    return routes
  }

  static func enqueue(_ item: CommandQueue.Item, _ commands: CommandQueue, _ name: String) -> HTTPResponse {
    commands.push(item)
      ? .json(202, "{\"accepted\":\(JSONValue.string(name).text),\"applies\":\"between two events, within 256 events\"}")
      : .error(503, id: "engine.busy", message: "the command queue is full; try again")
  }
}

/// What the hot-load routes call (the hot-loader implements it).
package protocol StrategyControl: Sendable {
  /// Handles `POST /v1/strategies/ACTION` with its JSON body.
  func handle(_ action: String, body: String) -> HTTPResponse
  /// The versions known, for `GET /v1/strategies` (a JSON array).
  func versionsJSON() -> String
}
