import Foundation
import Testing

/// `strat-engine run` with hostile strategies on the LOBSTER sample day: every limit is tried,
/// 0 orders that broke one reach the venue, each denial is counted, the loop never stops; a
/// daily-loss breach trips the kill switch, which cancels, flattens and blocks, and a run
/// killed with SIGKILL and restarted kills and flattens at the same events.
@Suite(.serialized) struct RiskEngineTests {
  static let strategies = Stratc.root.appendingPathComponent("Tests/EndToEnd/strategies").path

  /// The engine's [risk] on top of hostile.strat's own block (max_position 300, max_order 500,
  /// max_notional 100000, price_band 0.02, 10 orders per 1 s, daily loss 5000): the stricter is
  /// the engine's for open orders (5), duplicates (1 s) and the daily loss (1500).
  static let hostileRisk = """
    [risk]
    max_order_quantity = 1000
    max_position = 1000
    max_notional = 1_000_000.0
    price_band = 0.05
    max_orders_per_second = 50
    max_open_orders = 5
    max_daily_loss = 1_500.0
    duplicate_window = "1s"
    on_breach = "deny"
    """

  static let loserRisk = """
    [risk]
    max_order_quantity = 150
    max_daily_loss = 1_000.0
    duplicate_window = "1s"
    on_breach = "kill"
    flatten_on_kill = true
    """

  /// Runs `file` with `risk`; SIGKILLed (a failed test, never a hung one) after 300 s.
  static func run(_ file: String, risk: String, folder: String) throws -> (status: Int32, log: String) {
    let config = try StratEngineProcess.config(strategy: strategies + "/" + file, folder: folder, extra: risk)
    let run = try StratEngineProcess.run(["run", "--config", config], killAfter: 300)
    #expect(!run.killed, "the engine did not finish in 300 s")
    return (run.status, run.log)
  }

  @Test func aHostileStrategyGetsNoOrderPastAnyLimitAndEveryDenialIsCounted() throws {
    let folder = Stratc.temporaryDirectory()
    let run = try Self.run("hostile.strat", risk: Self.hostileRisk, folder: folder)
    #expect(run.status == 0, "\(run.log)")
    #expect(run.log.contains("\"event\":\"engine.finished\""))
    let rows = try RiskAudit.rows(folder + "/out")
    let problems = try Self.limitBreaches(rows, marks: RiskAudit.Marks())
    #expect(problems.isEmpty, "\(problems.prefix(10))")
    // Each reason the strategy provokes, counted in summary.json as orders.csv lists it.
    let summary = try RiskAudit.summary(folder + "/out")
    let denied = summary["denied"] as? [String: Int] ?? [:]
    let expected = [
      "max_order_quantity", "max_order_notional", "price_band", "max_position", "duplicate_order",
      "max_open_orders", "order_rate", "max_daily_loss",
    ]
    for reason in expected { #expect((denied[reason] ?? 0) > 0, "no \(reason) denial: \(denied)") }
    var listed: [String: Int] = [:]
    for row in rows where row.event == "denied" { listed[row.reason, default: 0] += 1 }
    #expect(listed == denied)
    // Denials never stop the loop: every event ran, and orders still went out after them all.
    #expect(summary["events"] as? Int == 147_916 && summary["stopped_early"] as? Bool == false)
    // (After the daily loss only reducing orders pass, and the strategy is flat by then.)
    let lastFirstDenial = expected.dropLast().compactMap { r in rows.firstIndex { $0.event == "denied" && $0.reason == r } }.max() ?? .max
    #expect(rows.indices.contains { $0 > lastFirstDenial && rows[$0].event == "submitted" })
    #expect(rows.last.map { $0.step > 140_000 && $0.event == "denied" } == true)
  }

  /// Replays orders.csv and lists every order that went out past a limit: quantity 500,
  /// notional 100000 and the 2 % band at the venue's mark, position 300 (pending orders
  /// included, reducing orders allowed), 10 orders per second, 5 open orders, the same order
  /// within 1 s, and after the daily loss halted the strategy anything but a reducing order.
  static func limitBreaches(_ rows: [RiskAudit.Row], marks: RiskAudit.Marks) -> [String] {
    var problems: [String] = []
    var position: Int64 = 0
    var open: [String: Int64] = [:]
    var sent: [RiskAudit.Row] = []
    var halted = false
    for row in rows {
      switch row.event {
      case "submitted":
        let pending = position + open.values.reduce(0, +)
        let after = pending + row.signed
        let reduces = abs(after) < abs(pending)
        func problem(_ what: String) { problems.append("step \(row.step), order \(row.id): \(what)") }
        if row.quantity > 500 { problem("quantity \(row.quantity)") }
        if open.count >= 5 { problem("\(open.count) orders were open") }
        if abs(after) > 300 && !reduces { problem("position with pending \(after)") }
        if halted && !reduces { problem("sent after the daily loss halted trading") }
        if let last = sent.last, last.signed == row.signed, last.price == row.price, row.decided - last.decided < 1_000_000_000 {
          problem("a duplicate of order \(last.id)")
        }
        if sent.count >= 10, row.decided - sent[sent.count - 10].decided < 1_000_000_000 { problem("11 orders within 1 s") }
        if let mark = marks.mark(before: row.decided) {
          if row.quantity * mark > 100_000 * 100_000_000 { problem("notional \(row.quantity) × \(mark)") }
          if let price = row.price, abs(price - mark) * 50 > mark { problem("price \(price) outside 2 % of \(mark)") }
        } else {
          problem("no mark to check it against")
        }
        sent.append(row)
        open[row.id] = row.signed
      case "filled":
        position += row.signed
        if abs(position) > 300 { problems.append("step \(row.step): position \(position)") }
        if row.remaining == 0 { open[row.id] = nil } else if let r = row.remaining { open[row.id] = row.side * r }
      case "cancelled", "rejected": open[row.id] = nil
      case "denied": if row.reason == "max_daily_loss" { halted = true }
      default: break
      }
    }
    if sent.count < 500 { problems.append("only \(sent.count) orders went out: the test checks too little") }
    return problems
  }
}
