import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// The monitor between the hot thread (update) and the control thread (snapshot), on a real
/// session's ledger and marks.
@Suite struct PostTradeMonitorTests {
  static let unit: Int64 = 100_000_000

  static func session() throws -> BookSession {
    let interface = StrategyInterface(
      name: "m", instruments: [InstrumentBinding(name: "s", symbol: "GOOG")], params: [], stateBytes: 0,
      risk: RiskLimits())
    let config = BookBacktestConfig(venue: VenueConfig(), feedInstrumentForInstrument: [0], symbols: ["GOOG"])
    return try BookSession(interface: interface, config: config, snapshots: nil)
  }

  @Test func updateBooksOnlyNewFillsAndSnapshotAddsUpToTheLedger() throws {
    var session = try Self.session()
    let monitor = PostTradeMonitor(names: ["m"], symbols: [["GOOG"]])
    try session.ledger.book(time: 0, instrument: 0, quantity: 100, price: Price(raw: 10 * Self.unit), fee: Money(raw: 7))
    session.lastTrade[0] = 12 * Self.unit
    monitor.update(0, session: session, time: 0, events: 256)
    monitor.update(0, session: session, time: 1, events: 512)  // the same fill is not booked twice
    try session.ledger.book(time: 2, instrument: 0, quantity: -40, price: Price(raw: 13 * Self.unit), fee: Money(raw: 3))
    monitor.update(0, session: session, time: 2, events: 768)
    let snapshot = monitor.snapshot()
    let row = try #require(snapshot.strategies.first?.instruments.first)
    #expect(snapshot.events == 768)
    #expect(row.symbol == "GOOG" && row.position == 60 && row.mark == Price(raw: 12 * Self.unit))
    #expect(row.realised == Money(raw: 120 * Self.unit))
    #expect(row.unrealised == Money(raw: 120 * Self.unit))
    #expect(row.fees == Money(raw: 10))
    #expect(row.pnl == (try session.ledger.equity(marks: [Price(raw: 12 * Self.unit)])))
    #expect(snapshot.total.gross == Money(raw: 720 * Self.unit))
    #expect(snapshot.strategies[0].valueAtRisk == nil && snapshot.strategies[0].varReturns == 0)
  }

  @Test func aSnapshotIsCopiedOutSoLaterUpdatesDoNotChangeIt() throws {
    var session = try Self.session()
    let monitor = PostTradeMonitor(names: ["m"], symbols: [["GOOG"]])
    session.lastTrade[0] = 5 * Self.unit
    monitor.update(0, session: session, time: 0, events: 1)
    let before = monitor.snapshot()
    session.lastTrade[0] = 6 * Self.unit
    try session.ledger.book(time: 0, instrument: 0, quantity: 1, price: Price(raw: 6 * Self.unit), fee: .zero)
    monitor.update(0, session: session, time: PostTradeRisk.minuteNanos, events: 2)
    #expect(before.strategies[0].instruments[0].position == 0)
    #expect(before.strategies[0].instruments[0].mark == Price(raw: 5 * Self.unit))
    #expect(monitor.snapshot().strategies[0].instruments[0].position == 1)
  }
}
