import Foundation
import StratFIX
import StratMarket
import StratNative
import StratRuntime
import StratVenue
import Testing

@testable import StratEngine
@testable import strat_engine

/// The engine trading the LOBSTER day's market maker through strat-venue's order entry over
/// FIX on loopback: every order the OMS sends reaches the venue, and at any quiet moment the
/// orders open at the venue are the ones the OMS believes open.
@Suite(.serialized) struct EngineFIXTests {
  @Test func theOMSAndTheVenueAgreeOnOpenOrders() throws {
    let core = try VenueCore(instruments: [MatchingInstrument(symbol: "GOOG", locate: 1, tickSize: Price(raw: 1_000_000))])
    let dictionary = try FIXDictionary.bundled(.fix44)
    let acceptor = try FIXAcceptor(
      address: .loopback(port: 0), dictionary: dictionary,
      sessions: [FIXSessionSettings(senderCompID: "VENUE", targetCompID: "CLIENT1", isInitiator: false, applicationTypes: VenueOrderEntry.messageTypes)],
      storeFolder: nil
    ) { VenueOrderEntry(core: core, session: $0) }
    core.start()
    acceptor.start()
    defer { acceptor.stop(); core.stop() }

    var setup = EngineSetup(
      strategies: [.init(path: EngineRiskTests.root.path + "/Strategies/market_maker.strat")],
      feed: .replay(path: EngineRiskTests.day, date: nil, symbol: nil))
    setup.fixVenue = EngineConfig.FIXVenue(
      address: try #require(try? EngineConfig.Address.parse("127.0.0.1:\(acceptor.address.port)").get()),
      senderCompID: "CLIENT1", targetCompID: "VENUE", heartbeatSeconds: 30, store: nil)
    let engine = try Engine(
      setup: setup, builder: EngineBuilder(verifier: ObjectVerifier(keys: [])), log: EngineLog(handle: FileHandle.nullDevice))
    defer { engine.fixGateway?.initiator.stop() }
    for event in (engine.feed.day?.events ?? []).prefix(3_000) { try engine.deliver(event) }
    core.drain()
    usleep(200_000)
    // One more settle picks up the reports that arrived after the last event.
    engine.strategies[0].runner.session.settle(takerEvent: 3_000, makerEvent: 3_000)
    let session = engine.strategies[0].runner.session
    #expect(core.handled > 10, "the strategy must have sent orders")
    let atVenue = Set(try #require(engine.fixGateway).openOrders().map(\.id))
    let atOMS = Set(session.router.open.map(\.id))
    #expect(!atOMS.isEmpty)
    #expect(atVenue == atOMS)
    // The audit trail (orders.csv, trades.csv) knows the FIX orders as it knows paper ones.
    let log = session.audit.log.entries
    #expect(log.contains { $0.event == .accepted })
    #expect(session.audit.traces.count == session.ledger.fills.count)
  }
}
