import Foundation
import Testing

/// The automatic kill: loser.strat holds 300 GOOG as the price falls; past the engine's daily
/// loss of 1000 the kill switch trips, cancels, flattens in orders within the limits and blocks.
@Suite(.serialized) struct RiskKillTests {
  static func killLines(_ log: String) -> [Substring] {
    log.split(separator: "\n").filter { $0.contains("\"event\":\"engine.kill\"") }
  }

  @Test func aDailyLossBreachKillsFlattensAndBlocks() throws {
    let folder = Stratc.temporaryDirectory()
    let run = try RiskEngineTests.run("loser.strat", risk: RiskEngineTests.loserRisk, folder: folder)
    #expect(run.status == 0, "\(run.log)")
    let kills = Self.killLines(run.log)
    #expect(kills.count == 1, "\(run.log)")
    #expect(kills.first?.contains("\"reason\":\"max_daily_loss\",\"detail\":{\"strategy\":\"loser\"") == true)
    #expect(kills.first?.contains("\"limit\":1000.00") == true)
    let rows = try RiskAudit.rows(folder + "/out")
    let sent = rows.filter { $0.event == "submitted" }
    // Three buys of 100, then only the flatten: market sells of at most 150 that add up to 300.
    let firstSell = try #require(sent.firstIndex { $0.side == -1 })
    #expect(sent[..<firstSell].map(\.signed) == [100, 100, 100])
    let flatten = sent[firstSell...]
    #expect(flatten.allSatisfy { $0.side == -1 && $0.price == nil && $0.quantity <= 150 })
    #expect(flatten.map(\.quantity).reduce(0, +) == 300 && flatten.count == 2)
    // After the flatten, every order the strategy tries is denied by the kill switch.
    let flattenStart = try #require(rows.firstIndex { $0.event == "submitted" && $0.side == -1 })
    let later = rows[flattenStart...].filter { $0.event == "denied" }
    #expect(later.count > 1000 && later.allSatisfy { $0.reason == "kill_switch" })
    let summary = try RiskAudit.summary(folder + "/out")
    #expect((summary["positions"] as? [String: Int])?["s"] == 0)
    #expect(summary["events"] as? Int == 147_916)
  }

  /// Two losing strategies under [risk] max_daily_loss = 1000: their summed loss passes it while
  /// each has lost about half, and the engine-wide kill flattens both.
  @Test func theEnginesSummedLossKillsBeforeEitherStrategysOwn() throws {
    let folder = Stratc.temporaryDirectory()
    let second = "[[strategy]]\nfile = \"\(RiskEngineTests.strategies)/loser_b.strat\"\n"
    let run = try RiskEngineTests.run("loser.strat", risk: RiskEngineTests.loserRisk + "\n" + second, folder: folder)
    #expect(run.status == 0, "\(run.log)")
    let kills = Self.killLines(run.log)
    #expect(kills.count == 1 && kills[0].contains("\"reason\":\"engine_daily_loss\""), "\(kills)")
    for name in ["loser", "loser_b"] {
      let summary = try RiskAudit.summary(folder + "/out/" + name)
      #expect((summary["positions"] as? [String: Int])?["s"] == 0, "\(name)")
      #expect(((summary["denied"] as? [String: Int])?["kill_switch"] ?? 0) > 1000, "\(name)")
      #expect(summary["cash"] as? Double ?? 0 > -1000, "\(name) lost its own limit before the kill")
    }
  }

  /// SIGKILLs at seeded moments, each run restarted on its journal until it ends: the same
  /// orders and fills as an uninterrupted run, and a kill replayed from the journal still
  /// says why.
  @Test func aRestartAfterKillNineKillsAndFlattensAtTheSameEvents() throws {
    let reference = Stratc.temporaryDirectory()
    let whole = try RiskEngineTests.run("loser.strat", risk: RiskEngineTests.loserRisk, folder: reference)
    #expect(whole.status == 0)
    let length = try #require(EngineTests.tradingSeconds(whole.log))
    var generator = SplitMix(seed: 11_6)
    let folder = Stratc.temporaryDirectory()
    let config = try StratEngineProcess.config(
      strategy: RiskEngineTests.strategies + "/loser.strat", folder: folder, extra: RiskEngineTests.loserRisk)
    var kills = 0
    var logs: [String] = []
    for attempt in 0..<10 {
      let delay = attempt < 4 ? length * (0.02 + 0.9 * generator.unit()) : 300
      let run = try StratEngineProcess.run(["run", "--config", config], killAfter: delay)
      logs.append(run.log)
      if run.killed && attempt < 4 { kills += 1; continue }
      #expect(run.status == 0, "\(run.log)")
      break
    }
    #expect(kills >= 2, "only \(kills) SIGKILLs landed")
    for name in ["orders.csv", "trades.csv"] {
      let a = FileManager.default.contents(atPath: reference + "/out/" + name)
      #expect(a != nil && a == FileManager.default.contents(atPath: folder + "/out/" + name), "\(name) differs")
    }
    for line in logs.flatMap(Self.killLines) { #expect(line.contains("\"reason\":\"max_daily_loss\""), "\(line)") }
    #expect(logs.contains { $0.contains("journal.recovering") })
  }
}
