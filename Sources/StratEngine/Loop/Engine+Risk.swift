import StratMarket
import StratRuntime

/// The engine's live risk between events: post-trade figures, the automatic kill on a breach,
/// and the kill switch's flatten. Every 256 events, on the hot thread, before the commands:
/// ```
///   hot loop ── every 256 events ──▶ superviseRisk()
///                                      1. killed and flatten_on_kill: flatten (market orders,
///                                         journaled like any order)
///                                      2. post-trade update ──▶ PostTradeMonitor ◀── snapshot()
///                                         (control / metrics thread)
///                                      3. a new breach and on_breach = "kill": apply(.kill)
///                                   ──▶ applyCommands()
/// ```
/// Recovery re-derives 1 and 2 from the same events; the kill of 3 comes back from the journal
/// like an operator's (step 3 only marks the breach while recovering), so a restarted run kills
/// and flattens at the same events as the run that died.
package final class EngineRisk {
  /// Post-trade figures for `/v1/status` and `/metrics`: `monitor.snapshot()` from any thread.
  package let monitor: PostTradeMonitor
  /// Per strategy: in breach at the last look (a kill fires when a breach begins).
  var breached: [Bool]
  /// The engine-wide daily loss was past its limit at the last look.
  var engineBreached = false
  /// The reason the next kill is logged with; nil = an operator's command.
  var reason: (text: String, detail: String)?
  /// Kills the engine applied itself.
  package internal(set) var automaticKills = 0

  init(strategies: [HostedStrategy]) {
    monitor = PostTradeMonitor(
      names: strategies.map(\.name), symbols: strategies.map { $0.runner.replay.session.config.symbols })
    breached = Array(repeating: false, count: strategies.count)
  }

  /// The kill log line's `reason` and `detail` (a JSON object, or null for an operator's
  /// kill), consumed by the kill they explain.
  func takeReason() -> (reason: JSONValue, detail: JSONValue) {
    defer { reason = nil }
    guard let reason else { return (.string("operator"), .null) }
    return (.string(reason.text), .raw(reason.detail))
  }

  /// `{"key":value,...}` of `fields`.
  static func object(_ fields: [(String, JSONValue)]) -> String {
    "{" + fields.map { "\(JSONValue.string($0.0).text):\($0.1.text)" }.joined(separator: ",") + "}"
  }
}

extension Engine {
  /// Flatten, post-trade figures, automatic kill: see `EngineRisk`. Never throws but for the
  /// journal (a denial is counted and logged, never thrown).
  func superviseRisk() throws(EngineError) {
    if killed && setup.limits.flattenOnKill {
      for s in strategies {
        let time = max(s.runner.replay.observationTime, s.runner.replay.lastEventTime)
        if s.runner.session.flattenPositions(at: time, writeAhead: JournalWriteAhead(engine: self, host: s)) > 0 {
          try journalNewRows(s)
        }
        try throwWriteAheadFailure()
      }
    }
    for s in strategies {
      let time = max(s.runner.replay.observationTime, s.runner.replay.lastEventTime)
      risk.monitor.update(s.index, session: s.runner.replay.session, time: time, events: delivered)
    }
    try killOnBreach()
  }

  /// Applies `.kill` when a strategy's daily loss (its own limit tightened by `[risk]`) or the
  /// sum of every strategy's loss (`[risk] max_daily_loss`) has just gone past its limit.
  func killOnBreach() throws(EngineError) {
    guard setup.limits.killOnBreach else { return }
    var fresh: (text: String, detail: String)?
    var total: Int64 = 0
    // The loss of the strategies in breach: when it alone passes the engine's limit, the
    // engine's breach is theirs (one strategy, or the same losers), not a new one to kill for.
    var breachedLoss: Int64 = 0
    for s in strategies {
      let (loss, limit, halted) = Self.dailyLoss(s)
      total = total &+ loss
      let now = halted || (limit.map { loss > $0 } ?? false)
      if now { breachedLoss = breachedLoss &+ loss }
      if now && !risk.breached[s.index] && fresh == nil {
        fresh = ("max_daily_loss", EngineRisk.object([
          ("strategy", .string(s.name)), ("loss", .raw("\(Money(raw: loss))")),
          ("limit", limit.map { .raw("\(Money(raw: $0))") } ?? .null), ("halted", .bool(halted)),
        ]))
      }
      risk.breached[s.index] = now
    }
    let engineNow = setup.limits.maxDailyLoss.map { total > $0.raw } ?? false
    let engineLimit = setup.limits.maxDailyLoss?.raw ?? .max
    if engineNow && !risk.engineBreached && fresh == nil && breachedLoss <= engineLimit {
      fresh = ("engine_daily_loss", EngineRisk.object([
        ("loss", .raw("\(Money(raw: total))")), ("limit", .raw("\(setup.limits.maxDailyLoss!)")),
      ]))
    }
    risk.engineBreached = engineNow
    guard let fresh, !killed else { return }
    risk.reason = fresh
    // While recovering, the kill this breach made is in the journal and comes back with it.
    if journal?.recovering ?? false { return }
    risk.automaticKills += 1
    try apply(.kill)
  }

  /// A strategy's loss today at its last recorded equity (raw), its daily limit, and whether
  /// its gate halted it.
  /// (Each field is read in place: binding the session or the gate to a `let` would copy it.)
  static func dailyLoss(_ s: HostedStrategy) -> (loss: Int64, limit: Int64?, halted: Bool) {
    let equity = s.runner.replay.session.equity.last?.raw ?? s.runner.replay.session.ledger.cash.raw
    let start = s.runner.replay.session.router.gate.dayStartEquity
    return (start &- equity, s.runner.replay.session.router.gate.limits.maxDailyLoss?.raw, s.runner.replay.session.router.gate.halted)
  }
}
