import Foundation
import Testing

/// A LOBSTER message file and its orderbook file go together line by line: `--on-error skip`
/// skips a malformed line of either with its partner in `data book`, `data import` and
/// `backtest`; prices LOBSTER never writes are located errors; the summary says where the
/// book came from.
@Suite struct LOBSTERPairTests {
  static let strategy = Stratc.root.path + "/Strategies/market_maker.strat"

  /// Writes `messages` and `orderbook` as a LOBSTER pair (level 1) into a fresh folder; returns
  /// the two paths.
  static func pair(_ messages: String, _ orderbook: String?) throws -> (String, String) {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let stem = folder + "/GOOG_2012-06-21_34200000_57600000_"
    try messages.write(toFile: stem + "message_1.csv", atomically: true, encoding: .utf8)
    try orderbook?.write(toFile: stem + "orderbook_1.csv", atomically: true, encoding: .utf8)
    return (stem + "message_1.csv", stem + "orderbook_1.csv")
  }

  /// Line 2 is malformed (direction 0); its row repeats the book, and line 3 adds 5 shares.
  static let badMessage = """
    34200.1,1,1,10,5794000,1
    34200.2,5,0,10,5794000,0
    34200.3,1,2,5,5794000,1

    """
  static let goodBook = """
    9999999999,0,5794000,10
    9999999999,0,5794000,10
    9999999999,0,5794000,15

    """

  @Test func dataBookSkipsAMalformedMessageWithItsBookRow() throws {
    let (messages, orderbook) = try Self.pair(Self.badMessage, Self.goodBook)
    let run = try Stratc.run([
      "data", "book", messages, "--orderbook", orderbook, "--on-error", "skip",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == "9999999999,0,5794000,10\n9999999999,0,5794000,15\n")
    #expect(run.stderr.contains("\(messages):2:24: error[data.lobster.bad-direction]"), "\(run.stderr)")
    #expect(run.stderr.contains("rows compared 1 (agreeing 1)"), "\(run.stderr)")
    #expect(run.stderr.contains("agreeing 1 (100.0 %)"))
    #expect(run.stderr.contains("skipped 1 malformed line"))
  }

  @Test func dataBookSkipsAMalformedBookRowWithItsMessage() throws {
    let messages = "34200.1,1,1,10,5794000,1\n34200.2,1,3,3,5794000,1\n34200.3,1,2,5,5794000,1\n"
    let book = "9999999999,0,5794000,10\n9999999999,0,x,13\n9999999999,0,5794000,18\n"
    let (m, b) = try Self.pair(messages, book)
    let stop = try Stratc.run(["data", "book", m, "--orderbook", b])
    #expect(stop.status == 1)
    #expect(stop.stderr.contains("\(b):2:14: error[data.lobster.bad-number]"), "\(stop.stderr)")
    let skip = try Stratc.run(["data", "book", m, "--orderbook", b, "--on-error", "skip"])
    #expect(skip.status == 0, "\(skip.stderr)")
    #expect(skip.stdout.split(separator: "\n").count == 2)
    #expect(skip.stderr.contains("\(b):2:14"), "\(skip.stderr)")
  }

  @Test func aBookFileLongerThanItsMessagesIsAnError() throws {
    let (m, b) = try Self.pair("34200.1,1,1,10,5794000,1\n", Self.goodBook)
    let run = try Stratc.run(["data", "book", m, "--orderbook", b])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(b):2: error[data.lobster.row-count]"), "\(run.stderr)")
  }

  @Test func importSkipKeepsTheBookFileWithoutTheSkippedRow() throws {
    let (messages, _) = try Self.pair(Self.badMessage, Self.goodBook)
    let store = Stratc.temporaryDirectory()
    let run = try Stratc.run(["data", "import", messages, "--store", store, "--on-error", "skip"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("lobster, 2 rows → 2 files"), "\(run.stdout)")
    #expect(run.stdout.contains("2012-06-21.book.tick  2 rows"), "\(run.stdout)")
    let info = try Stratc.run(["data", "export", store + "/GOOG/2012-06-21.book.tick"])
    #expect(info.status == 0, "\(info.stderr)")
    #expect(info.stdout.contains(",15"), "the last row is the third message's: \(info.stdout)")
  }

  @Test func backtestSkipPairsTheRestOfTheDayAndNamesTheBookFile() throws {
    let (messages, _) = try Self.pair(Self.badMessage, Self.goodBook)
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run([
      "backtest", Self.strategy, "--data", messages, "--out", out, "--on-error", "skip",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("\(messages):2:24: warning[data.lobster.bad-direction]"), "\(run.stderr)")
    #expect(run.stdout.contains("book      orderbook file GOOG_2012-06-21_34200000_57600000_orderbook_1.csv (1 levels)"), "\(run.stdout)")
    let summary = (try? String(contentsOfFile: out + "/summary.json", encoding: .utf8)) ?? ""
    #expect(summary.contains("\"book_source\": \"orderbook file GOOG_2012-06-21_34200000_57600000_orderbook_1.csv (1 levels)\",\n"))
  }

  @Test func aBacktestWithoutTheOrderbookSaysTheBookWasRebuilt() throws {
    let (path, _) = try Self.pair("34200.1,1,1,10,5794000,1\n", nil)
    let out = Stratc.temporaryDirectory()
    let report = out + "/report.html"
    let run = try Stratc.run(["backtest", Self.strategy, "--data", path, "--out", out, "--report", report])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("book      rebuilt from the messages\n"))
    let page = (try? String(contentsOfFile: report, encoding: .utf8)) ?? ""
    #expect(page.contains("rebuilt from the messages"))
  }

  @Test(arguments: [
    ("34200.1,1,1,10,5794000,1\n34200.2,1,2,10,-5794000,1\n", 2, 16),
    ("34200.1,1,1,10,0,1\n", 1, 16),
  ])
  func aBacktestRefusesPricesLOBSTERNeverWrites(text: String, line: Int, column: Int) throws {
    let (path, _) = try Self.pair(text, nil)
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", Self.strategy, "--data", path, "--out", out])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("\(path):\(line):\(column): error[data.lobster.bad-price]"), "\(run.stderr)")
  }
}
