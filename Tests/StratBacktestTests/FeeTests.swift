import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct FeeTests {
  static let a = Fixture.flat("A", [1, 2], ["10.00000001", "10.00000001"])

  @Test func chargesPerShareExactly() throws {
    let r = try Fixture.run(
      [Self.a],
      script: [0: [Fixture.target(0, 300)], 1: [Fixture.target(0, -100)]],
      fill: .close,
      fees: .perShare(money("0.005"))
    )
    #expect(r.ledger.fills.map(\.quantity.units) == [300, -400])
    #expect(r.ledger.fills.map(\.fee) == [money("1.5"), money("2")])
    #expect(r.metrics.fees == money("3.5"))
    #expect(r.metrics.pnl == money("-3.5"))
    #expect(r.ledger.cash == money("1000.000001") - money("3.5"))
  }

  @Test func chargesPerNotionalRoundingHalfAwayFromZero() throws {
    let rate = try Rate("0.5")
    let r = try Fixture.run(
      [Self.a],
      script: [0: [Fixture.target(0, 1)], 1: [Fixture.target(0, 0)]],
      fill: .close,
      fees: .perNotional(rate)
    )
    #expect(r.ledger.fills.map(\.fee) == [money("5.00000001"), money("5.00000001")])
    #expect(r.metrics.turnover == money("20.00000002"))
  }

  @Test func chargesFiveBasisPoints() throws {
    let b = Fixture.flat("B", [1, 2], ["123.45", "123.45"])
    let r = try Fixture.run(
      [b],
      script: [0: [Fixture.target(0, 7)]],
      fill: .close,
      fees: .perNotional(try Rate("0.0005"))
    )
    #expect(r.ledger.fills.map(\.fee) == [money("0.4320750")])
  }

  @Test func describesFeeModels() throws {
    #expect(FeeModel.none.description == "none")
    #expect(FeeModel.perShare(money("0.005")).description == "per-share 0.005")
    #expect(FeeModel.perNotional(try Rate("0.0005")).description == "per-notional 0.0005")
  }
}
