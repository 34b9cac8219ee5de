import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct RoundTripTests {
  func fill(_ t: Int64, _ q: Int64, _ p: String, fee: String = "0", instrument: Int = 0) -> Fill {
    Fill(time: t, instrument: instrument, quantity: Quantity(q), price: try! Price(p), fee: money(fee))
  }

  @Test func flipClosesTheTripAndOpensOneTheOtherWay() {
    let trips = RoundTrips.matching(
      [fill(1, 100, "10"), fill(2, -150, "12"), fill(3, 50, "11")], instrumentCount: 1)
    #expect(trips.openLots == 0)
    #expect(trips.closed.map(\.side) == [.long, .short])
    #expect(trips.closed.map(\.quantity) == [100, 50])
    #expect(trips.closed.map(\.pnl) == [money("200"), money("50")])
    #expect(trips.closed.map(\.entryTime) == [1, 2])
    #expect(trips.closed.map(\.exitTime) == [2, 3])
    #expect(trips.closed[1].entryPrice == (try! Price("12")))
  }

  @Test func partialClosesSplitTheLotAndItsFee() {
    let trips = RoundTrips.matching(
      [fill(1, 100, "10", fee: "0.03"), fill(2, -30, "11", fee: "0.01"), fill(3, -70, "12", fee: "0.02")],
      instrumentCount: 1)
    #expect(trips.closed.map(\.quantity) == [30, 70])
    #expect(trips.closed.map(\.fees) == [money("0.019"), money("0.041")])
    #expect(trips.closed.map(\.pnl) == [money("29.981"), money("139.959")])
  }

  @Test func oneFillClosingSeveralLotsMatchesTheOldestFirst() {
    let trips = RoundTrips.matching(
      [fill(1, -10, "20"), fill(2, -5, "19"), fill(3, 12, "18")], instrumentCount: 1)
    #expect(trips.closed.map(\.quantity) == [10, 2])
    #expect(trips.closed.map(\.entryTime) == [1, 2])
    #expect(trips.closed.map(\.pnl) == [money("20"), money("2")])
    #expect(trips.openLots == 1)
  }

  @Test func feeSharesSumToTheFeeExactly() {
    // A fee of 1e-8 over three units: 0, 0, then the remainder.
    let trips = RoundTrips.matching(
      [fill(1, 3, "1", fee: "0.00000001"), fill(2, -1, "1"), fill(3, -1, "1"), fill(4, -1, "1")],
      instrumentCount: 1)
    #expect(trips.closed.map(\.fees.raw) == [0, 0, 1])
  }

  @Test func instrumentsAreMatchedSeparately() {
    let trips = RoundTrips.matching(
      [fill(1, 5, "10", instrument: 0), fill(2, -5, "30", instrument: 1), fill(3, -5, "11", instrument: 0)],
      instrumentCount: 2)
    #expect(trips.closed.count == 1)
    #expect(trips.closed[0].instrument == 0)
    #expect(trips.openLots == 1)
  }

  @Test func csvHasTheDocumentedColumnsAndExactValues() throws {
    var result = try Fixture.run(
      [Fixture.flat("A", [1, 2, 3], ["10", "12.5", "11"])],
      script: [0: [Fixture.target(0, 4)], 1: [Fixture.target(0, 0)]], fill: .close)
    result.capital = money("1000")
    let text = String(decoding: result.roundTripsCSV(), as: UTF8.self)
    #expect(text == """
      instrument,symbol,side,entry_time,exit_time,quantity,entry_price,exit_price,pnl,fees,duration_s
      A,A,LONG,2020-07-01T00:00:00Z,2020-07-02T00:00:00Z,4,10.00,12.50,10.00,0.00,86400

      """)
  }
}
