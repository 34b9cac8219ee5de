import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// The time model: what an order can and cannot see.
@Suite struct VenueTimeTests {
  static let book = VenueTestBook(bids: [("99.99", 300)], asks: [("100.00", 100), ("100.01", 200)])

  @Test func neverFillsFromTheExecutionThatCausedTheDecision() throws {
    let h = try VenueHarness(book: Self.book)
    // A seller hits 200 of the 300 bid at 99.99; seeing it, we join the bid at zero latency.
    h.send(Ev.execute(1_000, .buy, "99.99", 200))
    let id = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 50, price: px("99.99")),
      decidedAt: 1_000
    )
    h.send(Ev.tick(1_000))
    // Had the causing print counted, 200 − 0 ahead would have filled us; it must not.
    #expect(h.fills.isEmpty)
    #expect(h.venue.order(id)?.queueAhead == 100)
    #expect(h.venue.order(id)?.state == .open)
  }

  @Test func neverFillsFromTheAddThatCausedTheDecision() throws {
    let h = try VenueHarness(book: Self.book)
    // Our resting buy at 99.99 is placed first; then an ask at 99.99 is added: that crosses us.
    let early = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 10, price: px("99.99")),
      decidedAt: 0
    )
    h.send(Ev.tick(0))
    h.send(Ev.add(1_000, .sell, "99.98", 30))
    #expect(h.fills.map(\.orderID) == [early])
    // A new buy decided on that add takes the added ask only as it stands when it arrives (20 left
    // after our resting order took 10), never from the add event itself.
    let late = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 25), decidedAt: 1_000)
    h.send(Ev.tick(1_001))
    let lateFills = h.fills.filter { $0.orderID == late }
    #expect(lateFills.map(\.quantity) == [20, 5])
    #expect(lateFills.map(\.price) == [px("99.98"), px("100.00")])
    #expect(lateFills.allSatisfy { $0.time == 1_000 && $0.liquidity == .taker })
  }

  @Test func latencyDelaysArrivalExactly() throws {
    let h = try VenueHarness(VenueConfig(orderLatency: .constant(nanos: 1_000)), book: Self.book)
    let id = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 150), decidedAt: 0)
    #expect(h.venue.order(id)?.arrivalTime == 1_000)
    // Before arrival the 100.00 ask is taken by others and a worse ask replaces it.
    h.send(Ev.execute(500, .sell, "100.00", 100))
    h.send(Ev.add(600, .sell, "100.05", 50))
    h.send(Ev.tick(999))
    #expect(h.venue.order(id)?.state == .pendingNew)
    #expect(h.report.updates.isEmpty)
    // An event at exactly the arrival time comes after the arrival.
    h.send(Ev.execute(1_000, .sell, "100.01", 200))
    #expect(h.fills.map(\.quantity) == [150])
    #expect(h.fills.map(\.price) == [px("100.01")])
    #expect(h.fills.map(\.time) == [1_000])
    #expect(h.updates(of: id) == [.accepted])
  }

  @Test func zeroLatencyOrdersArriveBeforeTheNextEventAtTheSameTime() throws {
    let h = try VenueHarness(book: Self.book)
    h.send(Ev.tick(5))
    let id = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 100), decidedAt: 5)
    // The next event has the same timestamp: it is later in sequence, so the order sees the book
    // before it and fills at 100.00, not after the ask was executed away.
    h.send(Ev.execute(5, .sell, "100.00", 100))
    #expect(h.fills.map(\.price) == [px("100.00")])
    #expect(h.venue.order(id)?.state == .filled)
  }

  @Test func ordersFromOneSessionArriveInTheOrderSent() throws {
    let latencies: [Int64] = [5_000, 10]
    let h = try VenueHarness(VenueConfig(orderLatency: .empirical(latencies)), book: Self.book)
    var arrivals: [Int64] = []
    for k in 0..<50 {
      let id = h.venue.submit(
        .limit(instrument: 0, side: .buy, quantity: 1, price: px("90")),
        decidedAt: Int64(k)
      )
      arrivals.append(h.venue.order(id)?.arrivalTime ?? -1)
    }
    #expect(arrivals == arrivals.sorted())
    #expect(arrivals.first.map { $0 == 10 || $0 == 5_000 } == true)
  }

  @Test func rejectsAnOrderDecidedBeforeTheVenueClock() throws {
    let h = try VenueHarness(book: Self.book)
    h.send(Ev.tick(2_000))
    let id = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 10), decidedAt: 1_000)
    h.advance(to: 2_000)
    #expect(h.updates(of: id) == [.rejected(.decidedInThePast)])
    #expect(h.fills.isEmpty)
  }

  @Test func reportsEventsThatGoBackInTimeAndIgnoresThem() throws {
    let h = try VenueHarness(book: Self.book)
    h.send(Ev.tick(2_000))
    h.venue.process(Ev.tick(1_999), instrument: 0, books: h.books, report: &h.report)
    h.venue.process(Ev.tick(2_001), instrument: 3, books: h.books, report: &h.report)
    h.venue.process(Ev.tick(2_001), instrument: 0, books: [VenueTestBook](), report: &h.report)
    #expect(
      h.report.diagnostics.map(\.id) == [
        "venue.event.time-backwards", "venue.event.unknown-instrument", "venue.books.count",
      ]
    )
    #expect(h.venue.currentTime == 2_000)
    #expect(h.venue.ignoredEventCount == 2)
  }

  @Test func advanceDeliversOrdersWithoutAMarketEvent() throws {
    let h = try VenueHarness(VenueConfig(orderLatency: .constant(nanos: 300)), book: Self.book)
    let id = h.venue.submit(.market(instrument: 0, side: .sell, quantity: 100), decidedAt: 0)
    #expect(h.venue.nextArrivalTime == 300)
    h.advance(to: 299)
    #expect(h.venue.order(id)?.state == .pendingNew)
    h.advance(to: 300)
    #expect(h.fills.map(\.quantity) == [100])
    #expect(h.fills.map(\.price) == [px("99.99")])
    #expect(h.venue.nextArrivalTime == nil)
  }
}
