import StratBacktest
import Testing

@Suite struct OrderLogTests {
  static func entry(_ id: UInt64) -> OrderLogEntry {
    OrderLogEntry(time: 0, orderID: id, instrument: 0, event: .submitted, side: 1, quantity: 1, decided: 0, step: 1)
  }

  @Test func keepsTheFirstRowsAndCountsTheRest() {
    var log = OrderLog(capacity: 8, bound: 3)
    for id in 1...5 { log.append(Self.entry(UInt64(id))) }
    #expect(log.entries.map(\.orderID) == [1, 2, 3])
    #expect(log.omitted == 2)
  }

  @Test func theDefaultBoundIsOneMillionRows() {
    #expect(OrderLog().bound == 1_000_000)
  }
}
