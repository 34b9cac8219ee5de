import Foundation
import StratDiagnostics
@testable import StratMarket
import Testing

/// `LOBSTERDay.load` reads the message and orderbook files on two threads under `.stop`: the
/// day it returns is the one the line-by-line paired reader gives, and a malformed or unequal
/// pair falls back to that reader, so the diagnostics are the same.
@Suite struct LOBSTERDayParallelTests {
  static func serial(_ messages: String, _ book: String, date: String? = nil) throws(MarketDataError) -> LOBSTERDay {
    // `.skip` reads the pair line by line; on well-formed files it skips nothing.
    try LOBSTERDay.load(messagePath: messages, orderbookPath: book, date: date, policy: .skip)
  }

  @Test(arguments: [1, 10])
  func theParallelDayIsThePairedReadersDay(_ levels: Int) throws {
    let messages = LOBSTERSample.messages(levels)
    let book = LOBSTERSample.orderbook(levels)
    let session = try LOBSTERFileName.sessionClock(path: messages, date: nil)
    let parallel = try #require(
      LOBSTERDay.loadInParallel(messagePath: messages, bookPath: book, session: session, symbol: "GOOG"))
    let paired = try Self.serial(messages, book)
    #expect(parallel.events.count > 40_000)
    #expect(parallel.events == paired.events)
    #expect(parallel.snapshots?.levels == levels)
    #expect(parallel.snapshots?.values == paired.snapshots?.values)
    let loaded = try LOBSTERDay.load(messagePath: messages, policy: .stop)
    #expect(loaded.events == paired.events && loaded.snapshots?.values == paired.snapshots?.values)
    #expect(loaded.bookSource == paired.bookSource && loaded.skipped == 0)
  }

  static let good = "34200.1,1,1,10,5794000,1\n34200.2,1,2,10,5795000,1\n"
  static let row = "5795000,10,5794000,10\n"

  static func files(_ messages: String, _ book: String) throws -> (String, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lobster-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let m = folder.appendingPathComponent("X_2012-06-21_34200000_57600000_message_1.csv").path
    let b = folder.appendingPathComponent("X_2012-06-21_34200000_57600000_orderbook_1.csv").path
    try Data(messages.utf8).write(to: URL(fileURLWithPath: m))
    try Data(book.utf8).write(to: URL(fileURLWithPath: b))
    return (m, b)
  }

  static func stopDiagnostic(_ messages: String, _ book: String) throws -> Diagnostic? {
    let (m, b) = try files(messages, book)
    let session = try LOBSTERFileName.sessionClock(path: m, date: nil)
    #expect(LOBSTERDay.loadInParallel(messagePath: m, bookPath: b, session: session, symbol: "X") == nil)
    do {
      _ = try LOBSTERDay.load(messagePath: m, policy: .stop)
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test func aMalformedOrUnequalPairGivesThePairedReadersError() throws {
    // The bad book row 2 comes before the bad message line 3: the paired reader reports it.
    let bad = try Self.stopDiagnostic(Self.good + "34200.3,9,1,1,1,1\n", Self.row + "x,1,1,1\n" + Self.row)
    #expect(bad?.id == "data.lobster.bad-number")
    #expect(bad?.location?.line == 2 && bad?.location?.path.hasSuffix("orderbook_1.csv") == true)
    let short = try Self.stopDiagnostic(Self.good, Self.row)
    #expect(short?.id == "data.lobster.row-count" && short?.location?.line == 2)
    let long = try Self.stopDiagnostic(Self.good, Self.row + Self.row + Self.row)
    #expect(long?.id == "data.lobster.row-count" && long?.location?.line == 3)
  }
}
