import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// Each risk limit denies the order it should, with the limit and the attempted value, and the
/// run goes on.
@Suite struct RiskTests {
  static let a = Fixture.flat("A", [1, 2, 3, 4], ["10", "11", "12", "13"])

  /// Runs close-mode fills with `limits` and returns the result.
  static func run(_ script: [Int: [Decision]], _ risk: RiskLimits) throws -> BacktestResult {
    try Fixture.run([a], script: script, fill: .close, risk: risk)
  }

  @Test func deniesOrderWhenPositionWouldExceedLimit() throws {
    let r = try Self.run(
      [0: [Fixture.target(0, 100)], 1: [Fixture.target(0, 101)], 2: [Fixture.target(0, -200)]],
      RiskLimits(maxPosition: [100])
    )
    #expect(
      r.rejections.map(\.denial) == [
        .maxPosition(limit: 100, position: 101), .maxPosition(limit: 100, position: -200),
      ]
    )
    #expect(r.positions == [Quantity(100)])
    #expect(r.rejectedCounts[.maxPosition] == 2)
    #expect(r.metrics.rejected == 2)
    #expect(r.rejections.first?.time == Fixture.day(2))
  }

  @Test func allowsOrdersWithinTheLimitInEitherDirection() throws {
    let r = try Self.run([0: [Fixture.target(0, -150)]], RiskLimits(maxPosition: [100]))
    #expect(r.rejected == 1)
    let ok = try Self.run(
      [0: [Fixture.target(0, 100)], 1: [Fixture.target(0, -50)]],
      RiskLimits(maxPosition: [100])
    )
    #expect(ok.rejected == 0)
  }

  @Test func deniesOrderWhenQuantityExceedsLimit() throws {
    let r = try Self.run([0: [Fixture.market(0, -51)]], RiskLimits(maxOrderQuantity: 50))
    #expect(r.rejections.map(\.denial) == [.maxOrderQuantity(limit: 50, quantity: 51)])
  }

  @Test func deniesOrderWhenNotionalExceedsLimit() throws {
    let r = try Self.run(
      [0: [Fixture.market(0, 100)], 1: [Fixture.market(0, 100)]],
      RiskLimits(maxOrderNotional: 1_000)
    )
    #expect(
      r.rejections.map(\.denial) == [
        .maxOrderNotional(limit: money("1000"), notional: money("1100"))
      ]
    )
    #expect(r.ledger.fills.count == 1)
  }

  @Test func deniesLimitOrdersOutsideThePriceBand() throws {
    let r = try Self.run(
      [
        0: [
          Fixture.limit(0, 1, at: 10.5), Fixture.limit(0, 1, at: 10.51),
          Fixture.limit(0, -1, at: 9.49),
        ]
      ],
      RiskLimits(priceBand: 0.05)
    )
    #expect(
      r.rejections.map(\.denial) == [
        .priceBand(band: try Rate("0.05"), price: price("10.51"), reference: price("10")),
        .priceBand(band: try Rate("0.05"), price: price("9.49"), reference: price("10")),
      ]
    )
    #expect(r.ledger.fills.count == 1)
  }

  @Test func deniesOrdersBeyondTheRateInARollingWindow() throws {
    let threeDays: Int64 = 3 * 86_400 * 1_000_000_000
    let r = try Self.run(
      [
        0: [Fixture.market(0, 1), Fixture.market(0, 1)], 1: [Fixture.market(0, 1)],
        2: [Fixture.market(0, 1)], 3: [Fixture.market(0, 1)],
      ],
      RiskLimits(maxOrders: 2, orderRateWindowNanos: threeDays)
    )
    #expect(r.rejections.map(\.time) == [Fixture.day(2), Fixture.day(3)])
    #expect(r.rejections.first?.denial == .orderRate(limit: 2, windowNanos: threeDays))
    #expect(r.ledger.fills.count == 3)
  }

  @Test func limitsOrdersPerStepWithoutAWindow() throws {
    let r = try Self.run(
      [0: [Fixture.market(0, 1), Fixture.market(0, 1)], 1: [Fixture.market(0, 1)]],
      RiskLimits(maxOrders: 1)
    )
    #expect(r.rejected == 1)
    #expect(r.ledger.fills.count == 2)
  }

  @Test func stopsAddingRiskAfterTheDailyLossLimit() throws {
    let falling = Fixture.series(
      "A",
      [
        (1, "10", "10", "10", "10"), (2, "10", "10", "8", "8"), (3, "8", "8", "8", "8"),
      ]
    )
    let intraday = Timestamp.nanos(year: 2020, month: 7, day: 2, hour: 12)
    var second = falling
    second.times[2] = intraday
    second.times[1] = Timestamp.nanos(year: 2020, month: 7, day: 2, hour: 1)
    let script: [Int: [Decision]] = [
      0: [Fixture.target(0, 100)],
      1: [Fixture.target(0, 150)],
      2: [Fixture.target(0, 200), Fixture.target(0, 50)],
    ]
    let executor = ScriptedExecutor(
      interface: Fixture.interface(["A"], risk: RiskLimits(maxDailyLoss: 150)),
      script: script
    )
    let config = BacktestConfig(seriesForInstrument: [0], fill: .close)
    let r = try Backtester(series: [second], config: config).run(executor)
    #expect(r.rejections.map(\.denial) == [.maxDailyLoss(limit: money("150"), loss: money("200"))])
    #expect(r.positions == [Quantity(50)])
  }

  @Test func resumesTradingOnTheNextUTCDay() throws {
    let falling = Fixture.flat("A", [1, 2, 3], ["10", "8", "8"])
    let r = try Fixture.run(
      [falling],
      script: [
        0: [Fixture.target(0, 100)], 1: [Fixture.target(0, 200)], 2: [Fixture.target(0, 300)],
      ],
      fill: .close,
      risk: RiskLimits(maxDailyLoss: 150)
    )
    #expect(r.rejected == 1)
    #expect(r.positions == [Quantity(300)])
  }

  @Test func rejectsInvalidDecisions() throws {
    let r = try Self.run(
      [
        0: [
          Fixture.target(0, .nan), Fixture.market(0, 1e16), Fixture.limit(0, 1, at: .infinity),
          Fixture.limit(0, 1, at: -1), Fixture.market(7, 1), Fixture.market(-1, 1),
        ]
      ],
      RiskLimits()
    )
    #expect(
      r.rejections.map(\.denial?.code) == [
        .invalidQuantity, .invalidQuantity, .invalidPrice, .invalidPrice, .unknownInstrument,
        .unknownInstrument,
      ]
    )
    #expect(r.rejections[4].instrument == 7)
    #expect(r.rejectedCounts == [.invalidQuantity: 2, .invalidPrice: 2, .unknownInstrument: 2])
  }

  @Test func rejectsOrdersForInstrumentsWithoutABarYet() throws {
    let late = Fixture.flat("B", [3], ["50"])
    let r = try Fixture.run([Self.a, late], script: [0: [Fixture.target(1, 10)]])
    #expect(r.rejections.map(\.denial) == [.noReferencePrice])
  }

  @Test func describesDenials() {
    #expect(
      RiskDenial.maxOrderQuantity(limit: 50, quantity: 51).description
        == "order quantity 51 exceeds the limit of 50"
    )
    #expect(RiskDenial.maxPosition(limit: 100, position: 101).code.rawValue == "max_position")
  }
}
