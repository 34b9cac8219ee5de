import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct FillTests {
  static let a = Fixture.series(
    "A",
    [
      (1, "10", "11", "9", "10.5"), (2, "11", "12", "10", "11.5"), (3, "12", "13", "11", "12.5"),
    ]
  )

  @Test func nextOpenFillsAtTheNextBarsOpen() throws {
    let r = try Fixture.run([Self.a], script: [0: [Fixture.target(0, 100)]])
    #expect(
      r.ledger.fills == [
        Fill(
          time: Fixture.day(2),
          instrument: 0,
          quantity: Quantity(100),
          price: price("11"),
          fee: .zero
        )
      ]
    )
    #expect(r.ledger.cash == money("-1100"))
    #expect(r.equity == [money("0"), money("50"), money("150")])
    #expect(r.metrics.pnl == money("150"))
    #expect(r.positions == [Quantity(100)])
  }

  @Test func closeFillsAtTheSignalBarsClose() throws {
    let r = try Fixture.run([Self.a], script: [0: [Fixture.target(0, 100)]], fill: .close)
    #expect(r.ledger.fills.map(\.price) == [price("10.5")])
    #expect(r.ledger.fills.map(\.time) == [Fixture.day(1)])
    #expect(r.equity == [money("0"), money("100"), money("200")])
  }

  @Test func closeModeUsesTheLastCloseWhenTheInstrumentHasNoBar() throws {
    let b = Fixture.flat("B", [1, 3], ["20", "22"])
    let r = try Fixture.run([Self.a, b], script: [1: [Fixture.target(1, 10)]], fill: .close)
    #expect(r.ledger.fills.map(\.price) == [price("20")])
    #expect(r.ledger.fills.map(\.time) == [Fixture.day(2)])
  }

  @Test func feedsOnlyTheBarFieldsTheStrategyReadsAndTheRestAsNaN() throws {
    var interface = Fixture.interface(["A"])
    interface.inputFields = [.close, .volume]
    let executor = ScriptedExecutor(interface: interface)
    _ = try Backtester(series: [Self.a], config: BacktestConfig(seriesForInstrument: [0])).run(executor)
    let bar = try #require(executor.fed.first?.bar)
    #expect(bar.open.isNaN && bar.high.isNaN && bar.low.isNaN)
    #expect(bar.close == 10.5 && bar.volume == 1000)
  }

  @Test func nextOpenWaitsForTheInstrumentsOwnNextBar() throws {
    let b = Fixture.flat("B", [1, 3], ["20", "22"])
    let r = try Fixture.run([Self.a, b], script: [0: [Fixture.target(1, 10)]])
    #expect(r.ledger.fills.map(\.time) == [Fixture.day(3)])
    #expect(r.ledger.fills.map(\.price) == [price("22")])
  }

  @Test func feedsBarsThenStepsOncePerTimestamp() throws {
    let b = Fixture.flat("B", [2], ["20"])
    var interface = Fixture.interface(["A", "B"])
    interface.inputFields = [.open, .high, .low, .close, .volume]
    let executor = ScriptedExecutor(interface: interface)
    let config = BacktestConfig(seriesForInstrument: [0, 1])
    let r = try Backtester(series: [Self.a, b], config: config).run(executor)
    #expect(executor.resets == 1)
    #expect(executor.times == [Fixture.day(1), Fixture.day(2), Fixture.day(3)])
    #expect(executor.fed.map { [$0.step, $0.instrument] } == [[0, 0], [1, 0], [1, 1], [2, 0]])
    #expect(executor.fed[0].bar == Bar(open: 10, high: 11, low: 9, close: 10.5, volume: 1000))
    #expect(r.metrics.events == 4)
    #expect(r.metrics.steps == 3)
    #expect(r.metrics.firstTime == Fixture.day(1))
    #expect(r.metrics.lastTime == Fixture.day(3))
  }

  @Test func reportsOrdersPendingAtTheEndAsUnfilled() throws {
    let r = try Fixture.run([Self.a], script: [2: [Fixture.target(0, 5)]])
    #expect(r.ledger.fills.isEmpty)
    #expect(r.metrics.unfilled == 1)
    #expect(r.unfilledOrders.map(\.quantity) == [5])
    #expect(r.positions == [Quantity(0)])
  }

  @Test func fillsPendingOrdersBeforeTheStrategySeesTheBar() throws {
    let r = try Fixture.run(
      [Self.a],
      script: [0: [Fixture.market(0, 3)], 1: [Fixture.target(0, 3)]]
    )
    #expect(r.ledger.fills.count == 1)
    #expect(r.metrics.unfilled == 0)
  }

  @Test func limitOrdersFillOnlyAtOrBetterThanTheLimit() throws {
    let script: [Int: [Decision]] = [
      0: [Fixture.limit(0, 10, at: 10.99)],
      1: [Fixture.limit(0, 10, at: 12)],
      2: [],
    ]
    let r = try Fixture.run([Self.a], script: script)
    #expect(r.cancelled == 1)
    #expect(r.ledger.fills.map(\.price) == [price("12")])
    let sells = try Fixture.run([Self.a], script: [0: [Fixture.limit(0, -1, at: 11)]])
    #expect(sells.ledger.fills.map(\.price) == [price("11")])
    let closes = try Fixture.run(
      [Self.a],
      script: [0: [Fixture.limit(0, 1, at: 10.4)]],
      fill: .close
    )
    #expect(closes.cancelled == 1 && closes.ledger.fills.isEmpty)
  }

  @Test func skipsZeroQuantityOrders() throws {
    let r = try Fixture.run(
      [Self.a],
      script: [0: [Fixture.target(0, 0), Fixture.market(0, 0.4)]],
      fill: .close
    )
    #expect(r.ledger.fills.isEmpty)
    #expect(r.rejected == 0)
  }
}
