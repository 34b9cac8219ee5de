import Foundation
import StratMarket
import Testing

/// A LOBSTER day imported into the tick store gives back, from its `.book.tick` file, the same
/// flat snapshots as the orderbook file itself, and the tick feed loads its two files into the
/// same events and book: on the real ten-level day and on a small day with empty levels.
@Suite struct TickBookSnapshotsTests {
  /// Imports the pair into a fresh store and compares the tick side with the LOBSTER side.
  static func expectSameBook(messages: String, orderbook: String, levels: Int) throws {
    let day = try LOBSTERDay.load(messagePath: messages, orderbookPath: orderbook)
    let store = FileManager.default.temporaryDirectory.appendingPathComponent("ticks-\(UUID().uuidString)").path
    var events = day.events.makeIterator()
    let report = try TickImport.orderEvents(
      symbol: "GOOG", into: TickStore(folder: store), source: "test",
      next: { () throws(MarketDataError) in events.next() }, skipped: { (0, []) })
    let orders = try #require(report.files.first?.path)
    _ = try TickImport.lobsterBook(LOBSTERBookReader(path: orderbook), ordersPath: orders, source: "test")
    let expected = try #require(day.snapshots)
    let snapshots = try #require(try TickFile(path: TickImport.bookPath(forOrders: orders)).bookSnapshots())
    #expect(snapshots.levels == levels && snapshots.count == day.events.count)
    let sameSnapshots = snapshots.values == expected.values  // (a failure would print every value)
    #expect(sameSnapshots)
    let feed = try BookFeed.load(path: orders)
    let sameEvents = feed.events.map(\.timeNanos) == day.events.map(\.timeNanos)
    let sameFeedBook = feed.snapshots?.values == expected.values
    #expect(sameEvents && sameFeedBook)
    #expect(feed.bookSource == "tick file \((TickImport.bookPath(forOrders: orders) as NSString).lastPathComponent) (\(levels) levels)")
  }

  @Test func theRealTenLevelDay() throws {
    try Self.expectSameBook(messages: LOBSTERSample.messages(10), orderbook: LOBSTERSample.orderbook(10), levels: 10)
  }

  @Test func aDayWithEmptyLevelsOnEitherSide() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lobster-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let m = folder.appendingPathComponent("GOOG_2012-06-21_34200000_57600000_message_3.csv").path
    let b = folder.appendingPathComponent("GOOG_2012-06-21_34200000_57600000_orderbook_3.csv").path
    try Data("34200.1,1,1,10,5794000,1\n34200.2,1,2,10,5795000,-1\n34200.3,1,3,5,5796000,-1\n".utf8)
      .write(to: URL(fileURLWithPath: m))
    let empty = "9999999999,0,-9999999999,0"
    try Data((
      "9999999999,0,5794000,10,\(empty),\(empty)\n"
        + "5795000,10,5794000,10,\(empty),\(empty)\n"
        + "5795000,10,5794000,10,5796000,5,-9999999999,0,\(empty)\n").utf8)
      .write(to: URL(fileURLWithPath: b))
    try Self.expectSameBook(messages: m, orderbook: b, levels: 3)
  }
}
