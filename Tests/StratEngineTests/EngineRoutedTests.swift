import Foundation
import StratFIX
import StratJournal
import StratMarket
import StratNative
import StratRuntime
import StratVenue
import Testing

@testable import StratEngine
@testable import strat_engine

/// Issue 12's routed day on loopback: the engine replays the LOBSTER GOOG day through
/// imbalance_taker, and the smart order router sends its orders over FIX to two strat-venues
/// whose books (seeded from the same day, to different points) it reads from their own ITCH
/// feeds. Every order is planned and journaled, every child order reaches its venue once, and
/// the engine's position is the sum of what the two venues filled.
@Suite(.serialized) struct EngineRoutedTests {
  @Test func anEngineTradesAReplayedDayThroughTheRouterAcrossTwoVenues() throws {
    let day = try BookFeed.load(path: EngineRiskTests.day, date: nil, symbol: nil)
    let venues = try RoutedVenues(seed: [12_000, 12_600], day: day)
    defer { venues.stop() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routed-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var setup = EngineSetup(
      strategies: [.init(path: EngineRiskTests.root.path + "/Strategies/imbalance_taker.strat", params: ["lot": "300", "threshold": "0.6"])],
      feed: .replay(path: EngineRiskTests.day, date: nil, symbol: nil), journal: folder)
    setup.routes = try venues.routes()
    let engine = try Engine(
      setup: setup, builder: EngineBuilder(verifier: ObjectVerifier(keys: [])), log: EngineLog(handle: FileHandle.nullDevice))
    defer { engine.routeGateways.forEach { $0.initiator.stop() } }
    let router = try #require(engine.router)
    for event in (engine.feed.day?.events ?? []).prefix(20_000) { try engine.deliver(event) }
    venues.servers.forEach { $0.core.drain() }
    // Settles book what arrives after the last event (on a loaded machine, reports are still
    // on their way for a while); then the session is read (a copy).
    let quiet = Date(timeIntervalSinceNow: 10)
    repeat {
      usleep(50_000)
      engine.strategies[0].runner.session.settle(takerEvent: 20_000, makerEvent: 20_000)
    } while Date() < quiet
      && engine.strategies[0].runner.session.ledger.positions[0] != venues.position(0) + venues.position(1)
    let session = engine.strategies[0].runner.session
    engine.journal?.sync()

    // Every order the OMS sent was planned once, and journaled with its explanation.
    let submitted = session.audit.log.entries.filter { $0.event == OrderLogEntry.Event.submitted }.count
    let records = try JournalReader(folder: folder)
    var decisions: [String] = []
    var executions = 0
    records.forEach { record in
      if record.type == EngineRecordType.route.rawValue { decisions.append(String(decoding: record.payload, as: UTF8.self)) }
      if record.type == EngineRecordType.execution.rawValue { executions += 1 }
    }
    #expect(submitted > 5, "the strategy must trade")
    #expect(decisions.count == submitted)
    #expect(decisions.allSatisfy { $0.contains("\"why\":") && $0.contains("\"venues\":[{\"venue\":\"A\"") })
    // Each child order reached its venue once.
    let children = router.childOrders
    let atVenues = venues.orders(0).count + venues.orders(1).count
    #expect(atVenues == children)
    #expect(Set(venues.orders(0).map(\.clOrdID)).count == venues.orders(0).count)
    // Positions agree: the engine's books against both venues' fills.
    #expect(session.ledger.positions[0] == venues.position(0) + venues.position(1))
    #expect(executions == session.ledger.fills.count)
    #expect(router.quality.all.quantity == session.ledger.fills.reduce(Int64(0)) { $0 + abs($1.quantity.units) })
    #expect(router.duplicateReports == 0)
    let split = router.splitOrders
    print(
      "routed day: \(submitted) orders (\(split) split), \(venues.orders(0).count) to A, \(venues.orders(1).count) to B, "
        + "\(session.ledger.fills.count) fills, position \(session.ledger.positions[0]) (A \(venues.position(0)), B \(venues.position(1))), "
        + "slippage vs decision \(router.quality.all.decisionBps ?? Double.nan) bps, vs arrival \(router.quality.all.arrivalBps ?? Double.nan) bps")
  }
}
