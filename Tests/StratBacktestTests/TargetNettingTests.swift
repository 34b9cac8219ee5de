import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct TargetNettingTests {
  static let a = Fixture.flat("A", [1, 3, 4], ["10", "12", "13"])
  static let b = Fixture.flat("B", [1, 2, 3, 4], ["20", "21", "22", "23"])

  @Test func nettsTargetsAgainstPositionAndPendingOrders() throws {
    let script: [Int: [Decision]] = [
      0: [Fixture.target(0, 100), Fixture.target(0, 50)],
      1: [Fixture.target(0, 80)],
      3: [Fixture.target(0, -20)],
    ]
    let r = try Fixture.run([Self.a, Self.b], script: script)
    #expect(r.ledger.fills.map(\.quantity) == [Quantity(50), Quantity(30)])
    #expect(r.ledger.fills.map(\.time) == [Fixture.day(3), Fixture.day(3)])
    #expect(r.unfilledOrders.map(\.quantity) == [-100])
  }

  @Test func usesOnlyTheLastTargetOfAStepAtItsPlace() throws {
    let script: [Int: [Decision]] = [
      0: [
        Fixture.target(0, 10), Fixture.target(1, 5), Fixture.market(0, 1), Fixture.target(0, 7),
      ]
    ]
    let r = try Fixture.run([Self.a, Self.b], script: script, fill: .close)
    #expect(
      r.ledger.fills.map { [$0.instrument, Int($0.quantity.units)] } == [[1, 5], [0, 1], [0, 6]]
    )
    #expect(r.positions == [Quantity(7), Quantity(5)])
  }

  @Test func flattensWithATargetOfZero() throws {
    let script: [Int: [Decision]] = [0: [Fixture.target(1, -40)], 2: [Fixture.target(1, 0)]]
    let r = try Fixture.run([Self.a, Self.b], script: script, fill: .close)
    #expect(r.ledger.fills.map(\.quantity) == [Quantity(-40), Quantity(40)])
    #expect(r.ledger.fills.map(\.side) == [.sell, .buy])
    #expect(r.ledger.cash == money("800") - money("880"))
    #expect(r.metrics.pnl == money("-80"))
  }
}

/// Money subtraction for expected values in tests.
func - (lhs: Money, rhs: Money) -> Money { try! lhs.subtracting(rhs) }
