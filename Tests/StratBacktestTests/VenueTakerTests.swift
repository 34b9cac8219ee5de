import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// Orders that take liquidity on arrival: market orders, marketable limits, IOC.
@Suite struct VenueTakerTests {
  static let book = VenueTestBook(
    bids: [("99.99", 100), ("99.98", 100)],
    asks: [("100.00", 100), ("100.01", 200), ("100.03", 50)]
  )

  @Test func marketOrderWalksTheLevelsAtAnExactVWAP() throws {
    let h = try VenueHarness(book: Self.book)
    let id = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 320), decidedAt: 0)
    h.send(Ev.tick(1))
    #expect(h.filledQuantities == [100, 200, 20])
    #expect(h.fills.map(\.price) == [px("100.00"), px("100.01"), px("100.03")])
    #expect(h.fills.map(\.remainingQuantity) == [220, 20, 0])
    let notional = h.fills.reduce(Int64(0)) { $0 + $1.price * $1.quantity }
    #expect(notional == px("32002.6"))
    #expect(notional / 320 == px("100.008125"))
    #expect(notional % 320 == 0)
    #expect(h.venue.order(id)?.state == .filled)
  }

  @Test func thinBookFillsWhatIsThereAndCancelsTheRest() throws {
    let h = try VenueHarness(book: Self.book)
    let id = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 400), decidedAt: 0)
    h.send(Ev.tick(1))
    #expect(h.filledQuantities == [100, 200, 50])
    #expect(h.updates(of: id) == [.accepted, .cancelled(.noLiquidity)])
    #expect(h.venue.order(id)?.state == .cancelled)
    #expect(h.venue.order(id)?.filledQuantity == 350)
    #expect(h.venue.order(id)?.remainingQuantity == 0)
  }

  @Test func consumedLiquidityIsNotTakenTwiceUntilTheBookRefreshes() throws {
    let h = try VenueHarness(book: Self.book)
    h.venue.submit(.market(instrument: 0, side: .buy, quantity: 350), decidedAt: 0)
    h.send(Ev.tick(1))
    let second = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 10), decidedAt: 1)
    h.send(Ev.tick(2))
    #expect(h.fills.filter { $0.orderID == second }.isEmpty)
    #expect(h.updates(of: second) == [.accepted, .cancelled(.noLiquidity)])
    // Others cancel 60 of the 100.00 level we took: it shrinks from the part we did not take
    // (none), so we consumed 40 of the remaining 40. New 25 added there is ours to take.
    h.send(Ev.cancel(3, .sell, "100.00", 60))
    h.send(Ev.add(4, .sell, "100.00", 25))
    let third = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 30), decidedAt: 4)
    h.send(Ev.tick(5))
    #expect(h.fills.filter { $0.orderID == third }.map(\.quantity) == [25])
    // When the level empties, the book has refreshed: a new ask there is fully available.
    h.send(Ev.execute(6, .sell, "100.00", 65))
    h.send(Ev.add(7, .sell, "100.00", 70))
    let fourth = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 70), decidedAt: 7)
    h.send(Ev.tick(8))
    #expect(h.fills.filter { $0.orderID == fourth }.map(\.quantity) == [70])
  }

  @Test func marketableLimitTakesUpToItsPriceAndRestsTheRest() throws {
    let h = try VenueHarness(book: Self.book)
    let id = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 400, price: px("100.01")),
      decidedAt: 0
    )
    h.send(Ev.tick(1))
    #expect(h.filledQuantities == [100, 200])
    #expect(h.fills.allSatisfy { $0.liquidity == .taker && $0.price <= px("100.01") })
    #expect(h.venue.order(id)?.state == .partiallyFilled)
    #expect(h.venue.order(id)?.remainingQuantity == 100)
    #expect(h.venue.order(id)?.queueAhead == 0)
    #expect(h.venue.workingOrders(instrument: 0).map(\.id) == [id])
  }

  @Test func immediateOrCancelRemainderIsCancelledNotRested() throws {
    let h = try VenueHarness(book: Self.book)
    let id = h.venue.submit(
      .limit(
        instrument: 0,
        side: .sell,
        quantity: 500,
        price: px("99.98"),
        timeInForce: .immediateOrCancel
      ),
      decidedAt: 0
    )
    h.send(Ev.tick(1))
    #expect(h.filledQuantities == [100, 100])
    #expect(h.fills.map(\.price) == [px("99.99"), px("99.98")])
    #expect(h.updates(of: id) == [.accepted, .cancelled(.immediateOrCancel)])
    #expect(h.venue.workingOrders(instrument: 0).isEmpty)
    #expect(h.venue.position(instrument: 0) == -200)
    // Later prints at its price cannot fill it.
    h.send(Ev.execute(2, .sell, "100.00", 100))
    #expect(h.fills.count == 2)
  }

  @Test func rejectsBadQuantityUnknownInstrumentAndHaltedTrading() throws {
    let h = try VenueHarness(book: Self.book)
    let zero = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 0), decidedAt: 0)
    let nowhere = h.venue.submit(.market(instrument: 7, side: .buy, quantity: 5), decidedAt: 0)
    h.send(OrderEvent(timeNanos: 1, kind: .tradingState, quantity: 1))
    let halted = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 5), decidedAt: 1)
    h.send(OrderEvent(timeNanos: 2, kind: .tradingState, quantity: 0))
    let resumed = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 5), decidedAt: 2)
    h.send(Ev.tick(3))
    #expect(h.updates(of: zero) == [.rejected(.invalidQuantity)])
    #expect(h.updates(of: nowhere) == [.rejected(.unknownInstrument)])
    #expect(h.updates(of: halted) == [.rejected(.halted)])
    #expect(h.updates(of: resumed) == [.accepted])
    #expect(h.fills.map(\.orderID) == [resumed])
  }
}
