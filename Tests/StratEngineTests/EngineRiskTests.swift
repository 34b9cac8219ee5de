import Foundation
import StratMarket
import StratNative
import StratRuntime
import Testing

@testable import StratEngine
@testable import strat_engine

/// The engine's risk loop driven by hand, event by event as `run()` drives it, so an operator's
/// resume can land right after the automatic kill: the same breach does not kill again, and the
/// post-trade figures follow the held position to the end of the day.
@Suite(.serialized) struct EngineRiskTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let day = root.deletingLastPathComponent().appendingPathComponent(
    "shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz").path

  static func engine(log: String) throws -> Engine {
    var venue = VenueConfig()
    venue.orderLatency = .constant(nanos: 100_000)
    venue.feedLatency = .constant(nanos: 20_000)
    var limits = GlobalLimits()
    limits.maxDailyLoss = try Money("1000")
    limits.maxOrderQuantity = 150
    limits.flattenOnKill = true
    let setup = EngineSetup(
      strategies: [.init(path: root.path + "/Tests/EndToEnd/strategies/loser.strat")],
      feed: .replay(path: day, date: nil, symbol: nil), venue: venue, limits: limits)
    FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: log))
    return try Engine(setup: setup, builder: EngineBuilder(verifier: ObjectVerifier(keys: [])), log: EngineLog(handle: handle))
  }

  @Test func aResumeAfterAnAutomaticKillIsNotUndoneByTheSameBreach() throws {
    let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("risk-\(UUID().uuidString).log").path
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    let engine = try Self.engine(log: logPath)
    var resumedAt: UInt64?
    for event in engine.feed.day?.events ?? [] {
      if engine.delivered & 255 == 0 {
        try engine.superviseRisk()
        if engine.killed && resumedAt == nil {
          #expect(engine.commands.push(.command(.resume)))
          resumedAt = engine.delivered
        }
        _ = try engine.applyCommands()
      }
      try engine.deliver(event)
    }
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    #expect(resumedAt != nil, "\(log)")
    #expect(engine.risk.automaticKills == 1 && !engine.killed)
    #expect(log.components(separatedBy: "\"event\":\"engine.kill\"").count == 2)
    #expect(log.contains("\"reason\":\"max_daily_loss\"") && log.contains("\"event\":\"engine.resume\""))
    // Resumed before the flatten: the position stays, and nothing was denied by the switch.
    let session = engine.strategies[0].runner.session
    #expect(session.ledger.positions == [300])
    #expect(session.router.rejectedCounts[RiskDenial.Code.killSwitch.index] == 0)
    // The figures at the last boundary: the long loses as GOOG falls; a day of minutes gives a VaR.
    let risk = engine.risk.monitor.snapshot()
    let row = try #require(risk.strategies.first?.instruments.first)
    #expect(row.symbol == "GOOG" && row.position == 300 && row.realised == Money(raw: 0))
    #expect(row.pnl < (try Money("-3000")) && row.gross.raw == 300 * row.mark.raw)
    #expect(risk.strategies[0].varReturns > 350)
    #expect((risk.strategies[0].valueAtRisk?.raw ?? 0) > 0)
    #expect(risk.events == engine.delivered & ~255)
  }
}
