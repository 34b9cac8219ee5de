import Foundation
import StratABI
import StratMarket
import StratRuntime

/// What the engine writes when a run ends, in the backtest's formats: `trades.csv` and
/// `orders.csv` by the runtime's one writer (`AuditCSV`), so a paper day compares with
/// `stratc backtest` byte for byte, and a `summary.json` of the session. One strategy writes into
/// the folder itself; several write one subfolder each, named after the strategy.
package enum EngineOutputs {
  package static func write(_ strategies: [HostedStrategy], outcome: EngineOutcome, to folder: String) throws(EngineError) {
    for s in strategies {
      let dir = strategies.count == 1 ? folder : folder + "/" + s.name
      try write(s, outcome: outcome, to: dir)
    }
  }

  static func write(_ s: HostedStrategy, outcome: EngineOutcome, to dir: String) throws(EngineError) {
    let session = s.runner.session
    let bindings = session.interface.instruments.enumerated().map { i, instrument in
      InstrumentBinding(name: instrument.name, symbol: session.config.symbols[i])
    }
    let digits = AuditCSV.timeDigits(
      stepTimes: session.stepTimes, fills: session.ledger.fills, traces: session.audit.traces, log: session.audit.log)
    do {
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try Data(AuditCSV.trades(session.ledger.fills, traces: session.audit.traces, instruments: bindings, timeDigits: digits))
        .write(to: URL(fileURLWithPath: dir + "/trades.csv"))
      try Data(AuditCSV.orders(session.audit.log, instruments: bindings, timeDigits: digits))
        .write(to: URL(fileURLWithPath: dir + "/orders.csv"))
      try Data(summary(s, outcome: outcome, bindings: bindings).utf8).write(to: URL(fileURLWithPath: dir + "/summary.json"))
    } catch {
      throw EngineError(id: "engine.out", message: "cannot write the run's files into \(dir): \(error.localizedDescription)")
    }
  }

  /// The session in summary.json's style: keys in a fixed order, money as exact decimals.
  static func summary(_ s: HostedStrategy, outcome: EngineOutcome, bindings: [InstrumentBinding]) -> String {
    let session = s.runner.session
    let ledger = session.ledger
    var denials: [String] = []
    for code in RiskDenial.Code.allCases where session.router.rejectedCounts[code.index] > 0 {
      denials.append("\(JSONValue.string(code.rawValue).text):\(session.router.rejectedCounts[code.index])")
    }
    let positions = bindings.enumerated().map { i, b in "\(JSONValue.string(b.name).text):\(ledger.positions[i])" }
    let equity = session.equity.last ?? ledger.cash
    let lines = [
      "\"strategy\":\(JSONValue.string(s.name).text)",
      "\"engine\":\(session.remote == nil ? "\"paper\"" : session.remote is SmartOrderRouter ? "\"routed\"" : "\"fix\"")",
      "\"backend\":\(JSONValue.string(s.built.backend).text)",
      "\"code\":\(JSONValue.string(s.built.codeHash).text)",
      "\"events\":\(outcome.events)",
      "\"stopped_early\":\(outcome.stopped)",
      "\"fills\":\(ledger.fills.count)",
      "\"orders\":\(session.audit.log.entries.lazy.filter { $0.event == .submitted }.count)",
      "\"cancelled\":\(session.router.cancelledCount)",
      "\"denied\":{\(denials.joined(separator: ","))}",
      "\"open_orders\":\(session.router.open.count)",
      "\"expired\":\(session.router.expiredCount)",
      "\"positions\":{\(positions.joined(separator: ","))}",
      "\"cash\":\(ledger.cash)",
      "\"fees\":\(ledger.fees)",
      "\"equity\":\(equity)",
      "\"turnover\":\(ledger.turnover)",
    ] + ((session.remote as? SmartOrderRouter).map { ["\"execution_quality\":" + RouteDecisionJSON.quality($0)] } ?? [])
    return "{\n  " + lines.joined(separator: ",\n  ") + "\n}\n"
  }
}
