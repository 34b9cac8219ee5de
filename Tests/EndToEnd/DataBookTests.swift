import Foundation
import Testing

/// `stratc data book` end to end: the printed book, in LOBSTER's own layout, equals LOBSTER's
/// orderbook file on every row the messages fully determine; errors are located.
@Suite struct DataBookTests {
  static let folder = Stratc.root.path + "/../shared/data/lobster-goog-2012-06-21/"
  static let messages = folder + "GOOG_2012-06-21_34200000_57600000_message_1.csv"
  static let orderbook = folder + "GOOG_2012-06-21_34200000_57600000_orderbook_1.csv"

  /// Rows as integer fields.
  static func rows(_ text: String) -> [[Int64]] {
    text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
      line.split(separator: ",").map { Int64($0) ?? Int64.min }
    }
  }

  /// The worst visible price of each side (ask, bid) when the row shows all `levels` levels of
  /// it, nil when it shows fewer (the whole side is visible).
  static func bounds(_ row: [Int64], levels: Int) -> [Int64?] {
    (0..<2).map { side -> Int64? in
      let prices = (0..<levels).map { row[4 * $0 + 2 * side] }
      let empty: Int64 = side == 0 ? 9_999_999_999 : -9_999_999_999
      return prices.contains(empty) ? nil : prices.last
    }
  }

  /// Row t (0-based, t ≥ 1) is fully determined by the messages when, on both sides, its
  /// visible range is inside row t-1's: no level entered the visible depth from beyond it.
  /// Worked out from LOBSTER's orderbook file alone, independently of stratc.
  static func isFullyDetermined(_ rows: [[Int64]], _ t: Int, levels: Int) -> Bool {
    let now = bounds(rows[t], levels: levels)
    let before = bounds(rows[t - 1], levels: levels)
    for side in 0..<2 {
      guard let previous = before[side] else { continue }
      guard let current = now[side] else { return false }
      let inside = side == 0 ? current <= previous : current >= previous
      if !inside { return false }
    }
    return true
  }

  @Test func printedBookEqualsLOBSTEROnEveryDeterminedRow() throws {
    let run = try Stratc.run([
      "data", "book", Self.messages, "--levels", "1", "--orderbook", Self.orderbook,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(!run.crashed)
    let printed = Self.rows(run.stdout)
    let expected = Self.rows(try String(contentsOfFile: Self.orderbook, encoding: .utf8))
    #expect(printed.count == 49_482 && expected.count == 49_482)
    var determined = 0
    var differing: [Int] = []
    for t in 1..<min(printed.count, expected.count)
    where Self.isFullyDetermined(expected, t, levels: 1) {
      determined += 1
      if printed[t] != expected[t] { differing.append(t + 1) }
    }
    #expect(determined > 38_000)
    #expect(differing.isEmpty, "first differing lines: \(differing.prefix(5))")
    #expect(run.stderr.contains("agreeing 87755 (100.0 %)"), "\(run.stderr)")
  }

  /// `data convert` writes the day as ITCH 5.0; `data book` on that file, against the same
  /// orderbook file, prints LOBSTER's rows wherever the messages fully determine them and
  /// agrees on every determined level, as the LOBSTER file does.
  @Test func theDayConvertedToITCHReplaysToLOBSTERsBook() throws {
    let itch = Stratc.temporaryDirectory() + ".itch"
    let convert = try Stratc.run(["data", "convert", Self.messages, "--to", "itch", "-o", itch])
    #expect(convert.status == 0, "\(convert.stderr)")
    #expect(convert.stdout.contains("49482 messages (3822 orders from before the file added first)"))
    let run = try Stratc.run(["data", "book", itch, "--levels", "1", "--orderbook", Self.orderbook])
    #expect(run.status == 0, "\(run.stderr)")
    let printed = Self.rows(run.stdout)
    let expected = Self.rows(try String(contentsOfFile: Self.orderbook, encoding: .utf8))
    #expect(printed.count == expected.count)
    var differing: [Int] = []
    for t in 1..<min(printed.count, expected.count)
    where Self.isFullyDetermined(expected, t, levels: 1) && printed[t] != expected[t] {
      differing.append(t + 1)
    }
    #expect(differing.isEmpty, "first differing lines: \(differing.prefix(5))")
    #expect(run.stderr.contains("levels compared 87755, agreeing 87755 (100.0 %)"), "\(run.stderr)")
  }

  @Test func theQuirkDayConvertedToITCHAgreesOnEveryRow() throws {
    let stem = Stratc.root.path
      + "/Tests/StratMarketTests/Corpus/lobster-quirks/QUIRKS_2012-06-21_34200000_57600000_"
    let itch = Stratc.temporaryDirectory() + ".itch"
    let convert = try Stratc.run(["data", "convert", stem + "message_2.csv", "--to", "itch", "-o", itch])
    #expect(convert.status == 0, "\(convert.stderr)")
    let run = try Stratc.run([
      "data", "book", itch, "--levels", "2", "--orderbook", stem + "orderbook_2.csv",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("rows compared 16 (agreeing 16)"), "\(run.stderr)")
    #expect(run.stderr.contains("agreeing 58 (100.0 %)"), "\(run.stderr)")
  }

  @Test(arguments: [
    ["data", "convert"], ["data", "convert", "x.csv", "-o", "y.itch"],
    ["data", "convert", "x.csv", "--to", "fix", "-o", "y.itch"], ["data", "convert", "x.csv", "--to", "itch"],
    ["data", "book", "x.itch", "--levels", "1", "--orderbook", "b.csv", "--on-error", "skip"],
    ["data", "book", "GOOG_2012-06-21_34200000_57600000_message_1.csv", "--symbol", "AAPL"],
  ])
  func rejectsBadConvertAndBookOptionsWithUsage(arguments: [String]) throws {
    let run = try Stratc.run(arguments)
    #expect(run.status == 2, "\(run.stderr)")
  }

  @Test func convertHasHelpAndIsListed() throws {
    let help = try Stratc.run(["data", "convert", "--help"])
    #expect(help.status == 0 && help.stdout.contains("--to itch"))
    let data = try Stratc.run(["data", "--help"])
    #expect(data.stdout.contains("stratc data convert MESSAGE_FILE --to itch -o OUT.itch"))
  }

  @Test func infoCountsTimesRoundedToTheNanosecond() throws {
    let path = try Stratc.temporaryFile(
      Array("43002.632812672004,1,1,1,5794000,1\n43003.5,1,2,1,5794000,1\n".utf8), suffix: ".csv")
    let run = try Stratc.run(["data", "info", path, "--format", "lobster", "--date", "2012-06-21"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("rounded  1 time(s) with more than 9 decimals"), "\(run.stdout)")
    #expect(run.stdout.contains("2012-06-21T15:56:42.632812672Z"), "\(run.stdout)")
    let book = try Stratc.run(["data", "book", path, "--levels", "1", "--date", "2012-06-21"])
    #expect(book.status == 0 && book.stdout == "9999999999,0,5794000,1\n9999999999,0,5794000,2\n")
  }

  @Test func printsTheRebuiltBookInLOBSTERLayout() throws {
    let text = """
      34200.1,1,1,10,5794000,1
      34200.2,1,2,5,5795000,1
      34200.3,1,3,7,5800000,-1
      34200.4,4,2,5,5795000,1
      34200.5,2,1,4,5794000,1
      34200.6,3,3,7,5800000,-1
      """
    let path = try Stratc.temporaryFile(Array((text + "\n").utf8), suffix: "_message_2.csv")
    let run = try Stratc.run(["data", "book", path, "--levels", "2", "--date", "2012-06-21"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        9999999999,0,5794000,10,9999999999,0,-9999999999,0
        9999999999,0,5795000,5,9999999999,0,5794000,10
        5800000,7,5795000,5,9999999999,0,5794000,10
        5800000,7,5794000,10,9999999999,0,-9999999999,0
        5800000,7,5794000,6,9999999999,0,-9999999999,0
        9999999999,0,5794000,6,9999999999,0,-9999999999,0

        """
    )
  }

  @Test func locatesMalformedLinesAndSkipsThemWhenAsked() throws {
    let text = "34200.1,1,1,10,5794000,1\n34200.2,9,2,10,5794000,1\n34200.3,1,3,1,5794000,1\n"
    let path = try Stratc.temporaryFile(Array(text.utf8), suffix: ".csv")
    let stop = try Stratc.run(["data", "book", path, "--levels", "1", "--date", "2012-06-21"])
    #expect(stop.status == 1)
    #expect(stop.stderr.contains("\(path):2:9: error[data.lobster.bad-type]"), "\(stop.stderr)")
    #expect(stop.stdout == "9999999999,0,5794000,10\n")
    let skip = try Stratc.run([
      "data", "book", path, "--levels", "1", "--date", "2012-06-21", "--on-error", "skip",
    ])
    #expect(skip.status == 0)
    #expect(skip.stdout == "9999999999,0,5794000,10\n9999999999,0,5794000,11\n")
    #expect(skip.stderr.contains("skipped 1 malformed line"))
  }

  @Test(arguments: [
    ["data", "book"], ["data", "book", "x.csv"], ["data", "book", "x.csv", "--levels", "0"],
    ["data", "book", "x.csv", "--levels", "1", "--on-error", "maybe"],
  ])
  func rejectsBadCommandLinesWithUsage(arguments: [String]) throws {
    let run = try Stratc.run(arguments)
    #expect(run.status == 2, "\(run.stderr)")
  }

  @Test func reportsAMissingFileOrDate() throws {
    let missing = try Stratc.run(["data", "book", "/nonexistent/GOOG_2012-06-21_1_2_message_1.csv"])
    #expect(missing.status == 1 && missing.stderr.contains("error[data.io."), "\(missing.stderr)")
    let path = try Stratc.temporaryFile(Array("1.0,1,1,1,1,1\n".utf8), suffix: ".csv")
    let undated = try Stratc.run(["data", "book", path, "--levels", "1"])
    #expect(undated.status == 1 && undated.stderr.contains("data.lobster.no-date"))
  }

  /// ITCH 5.0 bytes, big-endian, for the few message types this test needs.
  struct ITCHBytes {
    var bytes: [UInt8] = []
    static func be(_ value: UInt64, _ width: Int) -> [UInt8] {
      (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(width - 1 - $0))) }
    }
    static func symbol(_ text: String) -> [UInt8] {
      Array((text + String(repeating: " ", count: 8 - text.count)).utf8)
    }
    mutating func message(_ type: Character, locate: UInt16, time: UInt64, _ body: [UInt8]) {
      let m = [type.asciiValue!] + Self.be(UInt64(locate), 2) + [0, 0] + Self.be(time, 6) + body
      bytes += Self.be(UInt64(m.count), 2) + m
    }
    mutating func directory(_ stock: String, locate: UInt16) {
      message(
        "R",
        locate: locate,
        time: 1,
        Self.symbol(stock) + Array("QN".utf8) + Self.be(100, 4)
          + Array("NCZ PN 1N".utf8) + Self.be(0, 4) + Array("N".utf8)
      )
    }
    mutating func add(
      _ id: UInt64,
      _ side: Character,
      _ shares: UInt32,
      _ stock: String,
      _ price: UInt32,
      locate: UInt16
    ) {
      message(
        "A",
        locate: locate,
        time: 2,
        Self.be(id, 8) + [side.asciiValue!] + Self.be(UInt64(shares), 4)
          + Self.symbol(stock) + Self.be(UInt64(price), 4)
      )
    }
    mutating func execute(_ id: UInt64, _ shares: UInt32, locate: UInt16) {
      message(
        "E",
        locate: locate,
        time: 3,
        Self.be(id, 8) + Self.be(UInt64(shares), 4) + Self.be(9, 8)
      )
    }
    mutating func delete(_ id: UInt64, locate: UInt16) {
      message("D", locate: locate, time: 4, Self.be(id, 8))
    }
  }

  @Test func printsTheBookOfOneStockFromAnITCHFile() throws {
    var itch = ITCHBytes()
    itch.directory("AAPL", locate: 1)
    itch.directory("GOOG", locate: 2)
    itch.add(1, "B", 100, "AAPL", 1_000_000, locate: 1)
    itch.add(2, "B", 300, "GOOG", 5_794_000, locate: 2)
    itch.add(3, "S", 200, "GOOG", 5_802_300, locate: 2)
    itch.execute(2, 100, locate: 2)
    itch.delete(1, locate: 1)
    itch.delete(3, locate: 2)
    let path = try Stratc.temporaryFile(itch.bytes, suffix: ".itch")
    let run = try Stratc.run(["data", "book", path, "--levels", "1", "--symbol", "GOOG"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      run.stdout == """
        9999999999,0,5794000,300
        5802300,200,5794000,300
        5802300,200,5794000,200
        9999999999,0,5794000,200

        """
    )
    let missing = try Stratc.run(["data", "book", path, "--levels", "1", "--symbol", "MSFT"])
    #expect(missing.status == 1 && missing.stderr.contains("data.itch.unknown-symbol"))
  }

  @Test func aSymbolUnderTwoLocateCodesIsRefusedNotBoundByChance() throws {
    var itch = ITCHBytes()
    itch.directory("ALC", locate: 3)
    itch.directory("ALC", locate: 7)
    itch.add(1, "B", 100, "ALC", 1_000_000, locate: 3)
    itch.add(2, "S", 100, "ALC", 1_010_000, locate: 7)
    let path = try Stratc.temporaryFile(itch.bytes, suffix: ".itch")
    let strategy = Stratc.root.path + "/Tests/EndToEnd/strategies/hls_book.strat"
    let run = try Stratc.run([
      "backtest", strategy, "--data", path, "--date", "2024-03-05", "--out", Stratc.temporaryDirectory(), "--quiet",
    ])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("backtest.unknown-symbol"))
    #expect(run.stderr.contains("carries under 2 instrument numbers (3, 7)"), "\(run.stderr)")
  }
}
