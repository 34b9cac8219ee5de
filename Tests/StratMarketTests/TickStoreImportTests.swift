import Foundation
import StratDiagnostics
import StratMarket
import Testing

/// Importing into a store: rows go to SYMBOL/DAY files, real feeds survive the trip exactly, and
/// a failed import leaves nothing behind.
@Suite struct TickStoreImportTests {
  @Test func realLOBSTERMessagesReplayFromTheStoreExactly() throws {
    let path = LOBSTERSample.messages(1)
    let direct = try LOBSTERMessageReader(path: path).readAll()
    let store = TickStore(folder: TestPaths.temporaryFolder())
    let reader = try LOBSTERMessageReader(path: path)
    let report = try TickImport.orderEvents(
      symbol: "GOOG", into: store, source: "lobster test", next: { () throws(MarketDataError) in try reader.next() },
      skipped: { (reader.skipped, reader.skippedDiagnostics) })
    #expect(report.rows == 49_482 && report.files.count == 1)
    var replayed: [OrderEvent] = []
    try TickFile(path: try store.path(symbol: "GOOG", day: 15_512)).forEachOrderEvent { replayed.append($0) }
    #expect(replayed == direct)
  }

  @Test func realITCHOrdersSplitByStockAndKeepEveryEvent() throws {
    let path = TestPaths.packageRoot + "/../shared/data/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50"
    let midnight = try TickImport.itchSessionMidnight(path: path, date: nil)
    #expect(midnight == 14_967 * 86_400_000_000_000)
    let store = TickStore(folder: TestPaths.temporaryFolder())
    let session = try TickImport.itchSessionClock(path: path, date: nil)
    // 2010-12-24 is standard time in New York: local midnight is 05:00Z.
    #expect(session.midnightNanos == midnight + 5 * 3_600_000_000_000)
    let report = try TickImport.itch(try ITCHFileReader(path: path), session: session, into: store, source: "t")
    #expect(report.files.map { ($0.path as NSString).lastPathComponent } == ["2010-12-24.tick", "2010-12-24.tick", "2010-12-24.tick"])
    #expect(report.files.map(\.rows).reduce(0, +) == report.rows)
    var expected: [OrderEvent] = []
    let reader = try ITCHFileReader(path: path)
    while let message = try reader.next() {
      if let event = message.orderEvent(session: session) { expected.append(event) }
    }
    #expect(report.rows == expected.count)
    var replayed: [OrderEvent] = []
    for file in report.files { try TickFile(path: file.path).forEachOrderEvent { replayed.append($0) } }
    #expect(replayed.sorted { ($0.instrument, $0.timeNanos) < ($1.instrument, $1.timeNanos) }
      == expected.sorted { ($0.instrument, $0.timeNanos) < ($1.instrument, $1.timeNanos) })
  }

  @Test(arguments: [("12302019.NASDAQ_ITCH50", "2019-12-30"), ("S20200130-v50.itch.gz", "2020-01-30")])
  func itchSessionDateComesFromTheName(name: String, date: String) throws {
    let midnight = try TickImport.itchSessionMidnight(path: "/x/" + name, date: nil)
    #expect(TickStore.dayText(midnight / 86_400_000_000_000) == date)
    #expect(throws: MarketDataError.self) { try TickImport.itchSessionMidnight(path: "sample.itch", date: nil) }
  }

  @Test func tradesSplitBySymbolAndUTCDay() throws {
    let text = "time,price,size,symbol\n2024-01-02T23:59:59.999999999Z,1,1,A\n2024-01-03T00:00:00Z,2,2,A\n"
      + "2024-01-03T00:00:00Z,3,3,B\n"
    let folder = TestPaths.temporaryFolder()
    let report = try TickImport.trades(
      try TradeCSVReader(stream: MemoryByteStream(text)), into: TickStore(folder: folder), source: "t")
    #expect(report.files.map(\.path) == [folder + "/A/2024-01-02.tick", folder + "/A/2024-01-03.tick", folder + "/B/2024-01-03.tick"])
    #expect(report.files.map(\.rows) == [1, 1, 1])
    let b = try TickFile(path: folder + "/B/2024-01-03.tick")
    #expect(b.header.symbol == "B" && b.int64(.price)[0] == 300_000_000 && b.uint8(.side)[0] == TickSide.unknown)
  }

  @Test func anImportThatStopsWritesNoFile() throws {
    var text = "time,price,size\n"
    for i in 0..<5_000 { text += "\(1_704_205_800 + i),1,1\n" }
    text = text.replacingOccurrences(of: "time,", with: "ts,") + "oops,1,1\n"
    let folder = TestPaths.temporaryFolder()
    #expect(throws: MarketDataError.self) {
      _ = try TickImport.trades(try TradeCSVReader(stream: MemoryByteStream(text, name: "Z.csv")), into: TickStore(folder: folder), source: "t")
    }
    #expect(TickStore(folder: folder).files().isEmpty)
  }
}
