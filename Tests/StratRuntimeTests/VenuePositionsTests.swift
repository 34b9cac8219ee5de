import StratABI
import StratMarket
import Testing
@testable import StratRuntime

/// The OMS's positions per (venue, instrument): one strategy trading through two gateways.
@Suite struct VenuePositionsTests {
  static let price: Int64 = 100 * 100_000_000

  static func router() -> OrderRouter {
    let interface = StrategyInterface(
      name: "t", instruments: [InstrumentBinding(name: "a", symbol: "A"), InstrumentBinding(name: "b", symbol: "B")],
      params: [], stateBytes: 0, risk: RiskLimits())
    var table = RiskLimitTable(instrumentCount: 2)
    table.maxPosition = [1_000, 1_000]
    return OrderRouter(interface: interface, limits: table)
  }

  static func fill(_ id: UInt64, _ instrument: Int, _ quantity: Int64, at price: Int64, remaining: Int64 = 0) -> VenueFill {
    VenueFill(
      orderID: id, instrument: instrument, side: quantity > 0 ? .buy : .sell, price: price, quantity: quantity.magnitude > 0 ? Int64(quantity.magnitude) : 0,
      time: 1, liquidity: .taker, fee: .zero, remainingQuantity: remaining)
  }

  @Test func fillsThroughTwoGatewaysAreKeptPerVenueAndAddUpToTheTotal() {
    var router = Self.router()
    let sink = WriteAheadTests.Sink()
    let first = WriteAheadTests.CheckingGateway(sink: sink)
    let second = WriteAheadTests.CheckingGateway(sink: sink)
    func market(_ quantity: Int64) -> OrderRecord { OrderRecord(time: 1, instrument: 0, kind: .market, quantity: quantity) }
    router.send(market(10), at: 1, venue: first, venueIndex: 0, position: 0, reference: Self.price, equity: 0)
    router.send(market(30), at: 1, venue: second, venueIndex: 1, position: 0, reference: Self.price, equity: 0)
    router.send(market(-4), at: 1, venue: second, venueIndex: 1, position: 0, reference: Self.price, equity: 0)
    #expect(first.seen.map(\.id) == [1])
    #expect(second.seen.map(\.id) == [2, 3])
    router.applyFill(Self.fill(1, 0, 10, at: 100 * 100_000_000))
    router.applyFill(Self.fill(2, 0, 20, at: 101 * 100_000_000, remaining: 10))
    router.applyFill(Self.fill(2, 0, 10, at: 104 * 100_000_000))
    router.applyFill(Self.fill(3, 0, -4, at: 103 * 100_000_000))
    #expect(router.positions.position(venue: 0, instrument: 0) == 10)
    #expect(router.positions.position(venue: 1, instrument: 0) == 26)
    #expect(router.positions.total(instrument: 0) == 36)
    #expect(router.positions.position(venue: 1, instrument: 1) == 0)
    #expect(router.positions.averagePrice(venue: 0, instrument: 0) == 100)
    // 20 at 101 and 10 at 104: 102; the sale reduces and leaves the average.
    #expect(router.positions.averagePrice(venue: 1, instrument: 0) == 102)
    #expect(router.positions.averagePrice(venue: 1, instrument: 1).isNaN)
    #expect(router.open.isEmpty)
  }

  @Test func theAveragePriceFollowsTheStrategysRule() {
    var book = VenuePositions(instrumentCount: 1)
    var feed = OrderStateFeed(instrumentCount: 1, fieldsRead: [.avgPrice])
    for (quantity, price) in [(5, 100), (5, 110), (-8, 120), (-6, 90), (4, 95)] as [(Int64, Int64)] {
      book.record(venue: 0, instrument: 0, quantity: quantity, price: price * 100_000_000)
      feed.recordFill(instrument: 0, quantity: quantity, price: price * 100_000_000)
      let (a, b) = (book.averagePrice(venue: 0, instrument: 0), feed.averagePrice[0])
      #expect(a == b || (a.isNaN && b.isNaN))
      #expect(book.position(venue: 0, instrument: 0) == feed.position[0])
    }
    #expect(book.position(venue: 0, instrument: 0) == 0)
    #expect(book.averagePrice(venue: 0, instrument: 0).isNaN)
  }
}
