import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct LedgerExactnessTests {
  @Test func keepsCashAndEquityExactWhereDoublesDrift() throws {
    let prices = ["0.1", "0.2", "0.3", "0.7", "0.1"]
    let a = Fixture.flat("A", [1, 2, 3, 4, 5], prices)
    var script: [Int: [Decision]] = [:]
    for k in 0..<5 { script[k] = [Fixture.target(0, k % 2 == 0 ? 3 : -7)] }
    let r = try Fixture.run([a], script: script, fill: .close)
    #expect(r.ledger.fills.map(\.quantity.units) == [3, -10, 10, -10, 10])
    #expect(r.ledger.cash == money("-0.3") + money("2") - money("3") + money("7") - money("1"))
    #expect(r.ledger.cash == money("4.7"))
    #expect(r.metrics.pnl == money("5"))
    #expect(r.equity.map(\.description) == ["0.00", "0.30", "-0.40", "0.80", "5.00"])
    #expect(r.metrics.turnover == money("13.3"))
  }

  @Test func marksEquityAtTheLastCloseOfEveryInstrument() throws {
    let a = Fixture.flat("A", [1, 2, 3], ["10", "11", "12"])
    let b = Fixture.flat("B", [1, 3], ["100", "90"])
    let r = try Fixture.run(
      [a, b],
      script: [0: [Fixture.target(0, 10), Fixture.target(1, -1)]],
      fill: .close
    )
    #expect(r.equity == [money("0"), money("10"), money("30")])
    #expect(r.lastClose == [price("12"), price("90")])
  }

  @Test func booksFillsAtomically() throws {
    var ledger = Ledger(instrumentCount: 1)
    try ledger.book(time: 0, instrument: 0, quantity: 2, price: price("1.5"), fee: money("0.01"))
    #expect(throws: FixedPointError.overflow) {
      try ledger.book(time: 1, instrument: 0, quantity: .max, price: price("2"), fee: .zero)
    }
    #expect(ledger.cash == money("-3.01"))
    #expect(ledger.positions == [2])
    #expect(ledger.fills.count == 1)
    #expect(try ledger.equity(marks: [price("2")]) == money("0.99"))
  }

  @Test func stopsWithAnErrorInsteadOfWrapping() throws {
    let a = Fixture.flat("A", [1, 2], ["90000000000", "90000000000"])
    #expect(throws: BacktestError.self) {
      try Fixture.run(
        [a],
        script: [0: [Fixture.market(0, 1)], 1: [Fixture.market(0, 1)]],
        fill: .close
      )
    }
    let r = try Fixture.run([a], script: [0: [Fixture.market(0, 3)]], fill: .close)
    #expect(r.rejections.map(\.denial) == [.overflow])
  }
}

/// Money addition for expected values in tests.
func + (lhs: Money, rhs: Money) -> Money { try! lhs.adding(rhs) }
