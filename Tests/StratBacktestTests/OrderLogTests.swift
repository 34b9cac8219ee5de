import StratRuntime
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

@Suite struct OrderLogSummaryTests {
  @Test func theSummariesSayWhenRowsWereLeftOut() throws {
    var result = try OutputTests.smallRun()
    var log = OrderLog(capacity: 2, bound: 2)
    for entry in result.orderLog.entries { log.append(entry) }
    result.orderLog = log
    #expect(result.summaryText().contains("orders.csv keeps the first 2 order events; 4 more were left out"))
    #expect(String(decoding: result.summaryJSON(), as: UTF8.self).contains("\"orders_omitted\": 4,"))
    #expect(String(decoding: result.ordersCSV(), as: UTF8.self).split(separator: "\n").count == 3)
  }
}
