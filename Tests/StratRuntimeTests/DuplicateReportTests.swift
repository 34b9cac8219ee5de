import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// Idempotent execution reports: a report delivered again (FIX resends, retries) is applied once.
@Suite struct DuplicateReportTests {
  /// The small day through `BookReplay`, as a backtest runs it.
  static func plainRun() throws -> BookSession {
    BookReplay.replay(
      SmallDay.events, session: try SmallDay.session(), executor: ScriptedStrategy(SmallDay.script),
      interval: 1 << 20, progress: nil)
  }

  /// The same day with a gateway that delivers every report twice: the originals, then the
  /// copies in reverse order (a legal shuffle: nothing is applied before its original).
  static func doubledRun() throws -> (session: BookSession, repeats: Int) {
    var session = try SmallDay.session()
    let strategy = ScriptedStrategy(SmallDay.script)
    var repeats = 0
    func double(_ session: inout BookSession) {
      repeats += session.report.fills.count + session.report.updates.count
      session.report.fills += session.report.fills.reversed()
      session.report.updates += session.report.updates.reversed()
    }
    // Zero feed latency: the strategy sees each event at its time, before the next reaches the venue.
    for (k, event) in SmallDay.events.enumerated() {
      if k > 0 {
        let seen = SmallDay.events[k - 1]
        session.observe(seen, index: k - 1, at: seen.timeNanos, executor: strategy, writeAhead: NoWriteAhead())
      }
      guard session.processAtVenue(event, index: k) else { continue }
      double(&session)
      session.settle(takerEvent: k, makerEvent: k + 1)
    }
    let last = SmallDay.events[SmallDay.events.count - 1]
    session.observe(last, index: SmallDay.events.count - 1, at: last.timeNanos, executor: strategy, writeAhead: NoWriteAhead())
    session.venue.advance(to: last.timeNanos, books: session.venueBooks, report: &session.report)
    double(&session)
    session.settle(takerEvent: SmallDay.events.count, makerEvent: SmallDay.events.count)
    return (session, repeats)
  }

  @Test func everyReportDeliveredTwiceLeavesTheAccountAndTheOrderLogAsOnce() throws {
    let plain = try Self.plainRun()
    let (doubled, repeats) = try Self.doubledRun()
    // The day must exercise fills (maker and taker) and a cancel, or the comparison proves little.
    #expect(plain.ledger.fills.count == 3)
    #expect(plain.audit.log.entries.contains { $0.event == .cancelled })
    #expect(repeats > plain.ledger.fills.count)
    #expect(doubled.ledger.cash == plain.ledger.cash)
    #expect(doubled.ledger.positions == plain.ledger.positions)
    #expect(doubled.ledger.fills.count == plain.ledger.fills.count)
    #expect(doubled.orderState.position == plain.orderState.position)
    #expect(doubled.audit.log.entries == plain.audit.log.entries)
    #expect(doubled.router.open.map(\.id) == plain.router.open.map(\.id))
    #expect(doubled.router.executions.duplicates == repeats)
    #expect(plain.router.executions.duplicates == 0)
  }

  @Test func theFilterAppliesEachIDOnceInAnyOrderWithinItsWindow() {
    var filter = ExecutionReportFilter()
    let applied = [3, 1, 2, 3, 1, 5, 4, 2].map { filter.isFirst($0) }
    #expect(applied == [true, true, true, false, false, true, true, false])
    #expect(filter.duplicates == 3)
    let noID = [filter.isFirst(0), filter.isFirst(0)]
    #expect(noID == [true, true], "no id: always applied")
  }

  @Test func anIDBehindTheWindowIsRefusedAndCounted() {
    var filter = ExecutionReportFilter()
    let window = ExecutionReportFilter.window
    // 10 + window leaves 10 behind the window; 11 is still inside it; a jump past the whole
    // window forgets every id and reuses their bits.
    let applied = [10, 10 + window, 10, 11, 11 + 3 * window, 11 + 3 * window].map { filter.isFirst($0) }
    #expect(applied == [true, true, false, true, true, false])
    #expect(filter.tooOld == 1)
    #expect(filter.duplicates == 2)
  }
}
