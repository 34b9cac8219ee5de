import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// Resting limit orders: queue position, partial fills, trade-throughs, crossing adds.
@Suite struct VenueQueueTests {
  static let book = VenueTestBook(bids: [("100.00", 300), ("99.99", 500)], asks: [("100.02", 400)])

  /// Rests a buy of 100 at 100.00 behind 300, then adds 300 behind it and cancels 150.
  static func restedBehind300(_ model: QueueModel) throws -> (VenueHarness, UInt64) {
    let h = try VenueHarness(VenueConfig(queueModel: model), book: book)
    let id = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 100, price: px("100.00")),
      decidedAt: 0
    )
    h.send(Ev.add(10, .buy, "100.00", 300))
    h.send(Ev.cancel(20, .buy, "100.00", 150))
    return (h, id)
  }

  @Test func fifoQueueAheadShrinksOnlyByExecutions() throws {
    let (h, id) = try Self.restedBehind300(.conservativeFIFO)
    #expect(h.venue.order(id)?.queueAhead == 300)
    h.send(Ev.execute(30, .buy, "100.00", 250))
    #expect(h.fills.isEmpty)
    #expect(h.venue.order(id)?.queueAhead == 50)
    h.send(Ev.execute(40, .buy, "100.00", 100))
    h.send(Ev.execute(50, .buy, "100.00", 80))
    #expect(h.filledQuantities == [50, 50])
    #expect(h.fills.map(\.remainingQuantity) == [50, 0])
    #expect(h.fills.allSatisfy { $0.price == px("100.00") && $0.liquidity == .maker })
    #expect(h.fills.map(\.time) == [40, 50])
    #expect(h.venue.order(id)?.state == .filled)
    #expect(h.venue.order(id)?.filledQuantity == 100)
    #expect(h.venue.position(instrument: 0) == 100)
  }

  @Test func fifoQueueIsClampedToWhatTheLevelStillDisplays() throws {
    let h = try VenueHarness(book: Self.book)
    let id = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 100, price: px("100.00")),
      decidedAt: 0
    )
    // Everything displayed was ahead of us, so a cancel of 200 of the 300 must have been ahead.
    h.send(Ev.cancel(10, .buy, "100.00", 200))
    #expect(h.venue.order(id)?.queueAhead == 100)
    h.send(Ev.execute(20, .buy, "100.00", 130))
    #expect(h.filledQuantities == [30])
  }

  @Test func proportionalQueueAdvancesOnCancelsByTheirShare() throws {
    let (h, id) = try Self.restedBehind300(.proportional)
    // 150 cancelled of a level of 600 with 300 ahead: 75 of them were ahead.
    #expect(h.venue.order(id)?.queueAhead == 225)
    h.send(Ev.execute(30, .buy, "100.00", 250))
    #expect(h.filledQuantities == [25])
  }

  @Test func optimisticQueueIsAtTheFront() throws {
    let (h, id) = try Self.restedBehind300(.optimistic)
    #expect(h.venue.order(id)?.queueAhead == 0)
    h.send(Ev.execute(30, .buy, "100.00", 60))
    #expect(h.filledQuantities == [60])
  }

  @Test func ourOwnEarlierOrdersAtALevelAreAheadOfOurLaterOnes() throws {
    let h = try VenueHarness(book: VenueTestBook(bids: [("99.00", 10)], asks: [("101.00", 10)]))
    let first = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 30, price: px("100.00")),
      decidedAt: 0
    )
    let second = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 30, price: px("100.00")),
      decidedAt: 0
    )
    h.send(Ev.add(10, .buy, "100.00", 100))
    h.send(Ev.execute(20, .buy, "100.00", 40))
    #expect(h.fills.map(\.orderID) == [first, second])
    #expect(h.filledQuantities == [30, 10])
  }

  @Test(arguments: [(TradeThroughFill.printedQuantity, Int64(40)), (.wholeOrder, 100)])
  func tradeThroughFillsAtOurPrice(rule: TradeThroughFill, expected: Int64) throws {
    let h = try VenueHarness(VenueConfig(tradeThrough: rule), book: Self.book)
    let id = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 100, price: px("100.00")),
      decidedAt: 0
    )
    // A seller sweeps the 300 ahead of us (no excess) and prints 40 at 99.99, below our bid.
    h.send(Ev.execute(10, .buy, "100.00", 300))
    #expect(h.fills.isEmpty)
    h.send(Ev.execute(11, .buy, "99.99", 40))
    #expect(h.filledQuantities == [expected])
    #expect(h.fills.map(\.price) == [px("100.00")])
    #expect(h.fills.map(\.liquidity) == [.maker])
    #expect(h.venue.order(id)?.filledQuantity == expected)
  }

  @Test func hiddenTradeThroughOurPriceFillsButAtOurPriceOnlyWhenOptimistic() throws {
    for model in QueueModel.allCases {
      let h = try VenueHarness(VenueConfig(queueModel: model), book: Self.book)
      h.venue.submit(
        .limit(instrument: 0, side: .sell, quantity: 50, price: px("100.01")),
        decidedAt: 0
      )
      h.send(Ev.hidden(10, .sell, "100.01", 20))
      #expect(h.filledQuantities == (model == .optimistic ? [20] : []))
      h.send(Ev.hidden(20, .buy, "100.015", 25))
      #expect(h.filledQuantities == (model == .optimistic ? [20, 25] : [25]))
      #expect(h.fills.last?.price == px("100.01"))
    }
  }

  @Test func anAskAddedAcrossOurBidFillsUpToItsQuantityAndIsConsumed() throws {
    let h = try VenueHarness(book: VenueTestBook(bids: [("99.99", 100)], asks: [("100.05", 500)]))
    let bid = h.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 100, price: px("100.01")),
      decidedAt: 0
    )
    h.send(Ev.add(10, .sell, "100.00", 30))
    #expect(h.filledQuantities == [30])
    #expect(h.fills.first?.price == px("100.01"))
    #expect(h.fills.first?.orderID == bid)
    // Our market buy cannot take the same 30 again: it goes to 100.05.
    let buy = h.venue.submit(.market(instrument: 0, side: .buy, quantity: 10), decidedAt: 10)
    h.send(Ev.tick(11))
    #expect(h.fills.filter { $0.orderID == buy }.map(\.price) == [px("100.05")])
  }

  @Test func aCancelOnTheOtherSideOrAtAnotherPriceDoesNotMoveTheQueue() throws {
    let (h, id) = try Self.restedBehind300(.proportional)
    h.send(Ev.cancel(30, .buy, "99.99", 400))
    h.send(Ev.cancel(31, .sell, "100.02", 100))
    h.send(Ev.execute(32, .sell, "100.02", 100))
    #expect(h.venue.order(id)?.queueAhead == 225)
    #expect(h.fills.isEmpty)
  }
}
