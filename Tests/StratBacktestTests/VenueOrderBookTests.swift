import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// The venue driven by the real order-by-order `OrderBook` applying `OrderEvent`s.
@Suite struct VenueOrderBookTests {
  /// Applies events to a real book after the venue saw them, as the backtest loop must.
  final class Loop {
    let venue: SimulatedVenue
    let book = OrderBook()
    var report = VenueReport()

    init(_ config: VenueConfig = VenueConfig()) throws {
      venue = try SimulatedVenue(config: config, instrumentCount: 1)
    }

    func send(_ event: OrderEvent) {
      venue.process(event, instrument: 0, books: [book], report: &report)
      book.apply(event)
    }

    func add(_ t: Int64, _ id: UInt64, _ side: Side, _ price: String, _ quantity: Int64) {
      send(
        OrderEvent(
          timeNanos: t,
          kind: .add,
          side: side,
          orderID: id,
          price: px(price),
          quantity: quantity
        )
      )
    }
  }

  static func seeded() throws -> Loop {
    let loop = try Loop()
    loop.add(1, 1, .buy, "50.00", 100)
    loop.add(2, 2, .buy, "50.00", 200)
    loop.add(3, 3, .sell, "50.02", 300)
    loop.add(4, 4, .sell, "50.03", 400)
    return loop
  }

  @Test func queuesBehindRealOrdersAndFillsOnlyPastThem() throws {
    let loop = try Self.seeded()
    let id = loop.venue.submit(
      .limit(instrument: 0, side: .buy, quantity: 150, price: px("50.00")),
      decidedAt: 4
    )
    loop.add(5, 5, .buy, "50.00", 500)  // behind us
    #expect(loop.venue.order(id)?.queueAhead == 300)
    loop.send(
      OrderEvent(
        timeNanos: 6,
        kind: .delete,
        side: .buy,
        orderID: 5,
        price: px("50.00"),
        quantity: 500
      )
    )
    #expect(loop.venue.order(id)?.queueAhead == 300)
    loop.send(
      OrderEvent(
        timeNanos: 7,
        kind: .execute,
        side: .buy,
        orderID: 1,
        price: px("50.00"),
        quantity: 100
      )
    )
    #expect(loop.report.fills.isEmpty)
    loop.add(8, 6, .buy, "50.00", 1_000)
    // Order 2 (200) executes fully, then 60 of order 6: 60 of the print lies past us.
    loop.send(
      OrderEvent(
        timeNanos: 9,
        kind: .execute,
        side: .buy,
        orderID: 2,
        price: px("50.00"),
        quantity: 200
      )
    )
    loop.send(
      OrderEvent(
        timeNanos: 9,
        kind: .execute,
        side: .buy,
        orderID: 6,
        price: px("50.00"),
        quantity: 60
      )
    )
    #expect(loop.report.fills.map(\.quantity) == [60])
    #expect(loop.venue.order(id)?.remainingQuantity == 90)
  }

  @Test func marketOrderWalksTheRealBookAndRemembersWhatItTook() throws {
    let loop = try Self.seeded()
    loop.venue.submit(.market(instrument: 0, side: .buy, quantity: 500), decidedAt: 4)
    loop.send(OrderEvent(timeNanos: 5, kind: .crossTrade))
    #expect(loop.report.fills.map(\.quantity) == [300, 200])
    #expect(loop.report.fills.map(\.price) == [px("50.02"), px("50.03")])
    loop.venue.submit(.market(instrument: 0, side: .buy, quantity: 300), decidedAt: 5)
    loop.send(OrderEvent(timeNanos: 6, kind: .crossTrade))
    #expect(loop.report.fills.map(\.quantity) == [300, 200, 200])
    // The 50.02 ask leaves the book (the real order was taken by someone): the level refreshed.
    loop.send(
      OrderEvent(
        timeNanos: 7,
        kind: .delete,
        side: .sell,
        orderID: 3,
        price: px("50.02"),
        quantity: 300
      )
    )
    loop.add(8, 7, .sell, "50.02", 50)
    loop.venue.submit(.market(instrument: 0, side: .buy, quantity: 50), decidedAt: 8)
    loop.send(OrderEvent(timeNanos: 9, kind: .crossTrade))
    #expect(loop.report.fills.last?.price == px("50.02"))
    #expect(loop.report.fills.last?.quantity == 50)
  }
}
