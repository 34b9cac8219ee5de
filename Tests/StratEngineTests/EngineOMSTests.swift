import Foundation
import StratMarket
import StratNative
import StratRuntime
import Testing

@testable import StratEngine
@testable import strat_engine

/// The engine's OMS on the LOBSTER day, in process: a run stopped part way (its journal left as
/// a crash leaves it) and restarted reconciles with the venue once the journal is replayed, and
/// at the end reports per-venue positions equal to the strategy's and its expired day orders.
@Suite(.serialized) struct EngineOMSTests {
  static func engine(journal: String, log: String) throws -> Engine {
    var venue = VenueConfig()
    venue.orderLatency = .constant(nanos: 100_000)
    venue.feedLatency = .constant(nanos: 20_000)
    let setup = EngineSetup(
      strategies: [.init(path: EngineRiskTests.root.path + "/Strategies/market_maker.strat")],
      feed: .replay(path: EngineRiskTests.day, date: nil, symbol: nil), venue: venue, journal: journal)
    if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
    let handle = try #require(FileHandle(forWritingAtPath: log))
    handle.seekToEndOfFile()
    return try Engine(setup: setup, builder: EngineBuilder(verifier: ObjectVerifier(keys: [])), log: EngineLog(handle: handle))
  }

  @Test func aRestartReconcilesAfterTheReplayAndReportsPositionsPerVenue() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oms-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let logPath = folder + ".log"
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    do {
      let first = try Self.engine(journal: folder, log: logPath)
      for event in (first.feed.day?.events ?? []).prefix(20_000) { try first.deliver(event) }
      #expect(first.strategies[0].runner.session.audit.log.entries.count > 100, "the first run must have traded")
      first.journal?.close()
    }
    let again = try Self.engine(journal: folder, log: logPath)
    #expect(again.reconcilePending)
    #expect(try again.run() == EngineOutcome(stopped: false, events: UInt64(again.eventCount)))
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    let reconciled = log.split(separator: "\n").filter { $0.contains("\"event\":\"oms.reconcile\"") }
    #expect(reconciled.count == 1, "\(log.suffix(800))")
    // The replayed venue is the venue: nothing is missing on either side.
    #expect(reconciled.first?.contains("\"unknown_at_venue\":0,\"unknown_to_oms\":0") == true)
    #expect(!(reconciled.first?.contains("\"oms_orders\":0,") ?? true), "some orders were open when the replay ended")
    #expect(!again.reconcilePending)

    let session = again.strategies[0].runner.session
    let status = again.status.read()
    #expect(status.strategies[0].venuePositions == session.ledger.positions)
    let positions = EngineStatusJSON.positions(status)
    let average = session.orderState.averagePrice[0]
    let averageText = average.isFinite ? "\(average)" : "null"
    #expect(positions.contains("{\"strategy\":\"market_maker\",\"venue\":\"sim\",\"symbol\":\"GOOG\",\"position\":\(session.ledger.positions[0]),\"avg_price\":\(averageText)}"), "\(positions)")
    // Expired day orders show in /v1/orders with their state, and none is left open.
    let orders = EngineStatusJSON.orders(status)
    let expired = session.router.expiredCount
    #expect(expired > 0)
    #expect(orders.components(separatedBy: "\"state\":\"expired\"").count - 1 == expired)
    #expect(session.router.open.isEmpty)
    #expect(EngineStatusJSON.status(status, risk: "{}").contains("\"open_orders\":0,\"expired\":\(expired),"))
  }

  /// A gateway that checks, at each request, that the engine's journal already holds every row
  /// of the strategy's order log (the request's own `submitted` row last).
  final class JournalCheckingGateway: OrderGateway {
    let host: HostedStrategy
    var journaledFirst: [Bool] = []
    init(host: HostedStrategy) { self.host = host }
    func check(_ event: OrderLogEntry.Event) {
      let log = host.audit.log.entries
      journaledFirst.append(host.journaledRows == log.count && log.last?.event == event)
    }
    func submit(_ order: VenueOrderRequest, decidedAt: Int64) -> UInt64 {
      check(.submitted)
      return order.id
    }
    func cancel(orderID: UInt64, decidedAt: Int64) { check(.cancelRequested) }
    func replace(orderID: UInt64, quantity: Int64, price: Int64, decidedAt: Int64) {}
    func openOrders() -> [VenueOrderStatus] { [] }
  }

  @Test func theEnginesWriteAheadJournalsARequestBeforeTheGatewaySeesIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oms-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let logPath = folder + ".log"
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    let engine = try Self.engine(journal: folder, log: logPath)
    let host = engine.strategies[0]
    let gateway = JournalCheckingGateway(host: host)
    let writeAhead = JournalWriteAhead(engine: engine, host: host)
    let order = OrderRecord(time: 1, instrument: 0, kind: .limit, quantity: 1, limit: Price(raw: 500 * 100_000_000))
    host.runner.session.router.send(
      order, at: 1, venue: gateway, writeAhead: writeAhead, position: 0, reference: 500 * 100_000_000, equity: 0)
    host.runner.session.router.cancel(instrument: 0, side: nil, at: 2, venue: gateway, writeAhead: writeAhead)
    #expect(gateway.journaledFirst == [true, true])
    #expect(host.journaledRows == 2)
    #expect(engine.writeAheadFailure == nil)
    engine.journal?.close()
  }

  @Test func aDroppedRepeatedReportIsCountedAndLoggedOnce() throws {
    let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("oms-\(UUID().uuidString).log").path
    defer { try? FileManager.default.removeItem(atPath: logPath) }
    let folder = logPath + ".journal"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let engine = try Self.engine(journal: folder, log: logPath)
    // The OMS has applied report 7, then sees it twice more (as a session resending it would).
    let applied = (0..<3).map { _ in engine.strategies[0].runner.session.router.executions.isFirst(7) }
    #expect(applied == [true, false, false])
    engine.superviseOMS()
    engine.superviseOMS()
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    let lines = log.split(separator: "\n").filter { $0.contains("\"event\":\"oms.duplicate-report\"") }
    #expect(lines.count == 1)
    #expect(lines.first?.contains("\"dropped\":2,\"total\":2") == true, "\(log)")
    #expect(engine.metrics.registry.render().contains("strat_engine_oms_duplicate_reports_total 2"))
    engine.journal?.close()
  }
}
