import Foundation
import Testing

/// `stratc data import|info|export` run as a user would: real data in, tick files out, CSV back,
/// and import → export → import giving the same tick file byte for byte.
@Suite struct DataCommandTests {
  static let data = Stratc.root.path + "/../shared/data"

  /// A fresh folder.
  static func folder() -> String {
    let path = Stratc.temporaryDirectory()
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func bytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

  /// Imports `input`, exports `tickRelative` to a CSV named like the input in another folder,
  /// imports that, and checks both tick files and both exports are identical.
  static func roundTrip(_ input: String, tick tickRelative: String, extra: [String] = []) throws {
    let first = folder()
    let run1 = try Stratc.run(["data", "import", input, "--store", first] + extra)
    #expect(run1.status == 0, "\(run1.stderr)")
    let tick1 = first + "/" + tickRelative
    let csvFolder = folder()
    let csv = csvFolder + "/" + (input as NSString).lastPathComponent
    let export1 = try Stratc.run(["data", "export", tick1, "--out", csv])
    #expect(export1.status == 0, "\(export1.stderr)")
    let second = folder()
    let format = extra.contains("--format") ? [] : ["--format", csvFormat(tick1)]
    let run2 = try Stratc.run(["data", "import", csv, "--store", second] + extra.filter { $0 != "--format" && $0 != "lobster" && $0 != "itch" } + format)
    #expect(run2.status == 0, "\(run2.stderr)")
    let tick2 = second + "/" + tickRelative
    let export2 = try Stratc.run(["data", "export", tick2])
    #expect(export2.status == 0)
    #expect(export2.stdout.utf8.elementsEqual(bytes(csv)), "export → import → export is stable")
    if !isFeed(tick1) {
      #expect(bytes(tick1) == bytes(tick2), "import → export → import gives the same tick file")
      #expect(!bytes(tick1).isEmpty)
    }
  }

  /// The CSV format of a tick file's export, read from `data info`.
  static func csvFormat(_ tick: String) -> String {
    let info = (try? Stratc.run(["data", "info", tick]).stdout) ?? ""
    for (kind, format) in [("bars", "csv-bars"), ("trades", "csv-trades"), ("quotes", "csv-quotes")]
    where info.contains("kind     \(kind)") { return format }
    return "csv-orders"
  }

  /// True when the tick file came from a feed (its source names lobster or itch), so that a
  /// re-import from CSV differs in the source description only.
  static func isFeed(_ tick: String) -> Bool {
    let info = (try? Stratc.run(["data", "info", tick]).stdout) ?? ""
    return info.contains("source   lobster") || info.contains("source   itch")
  }

  @Test func tradesRoundTripByteForByte() throws {
    let input = Self.folder() + "/BTCUSDT-trades.csv"
    try Data(("timestamp_ms,price,qty,side,trade_id\n1667346579146,20377.00,1.770,buy,1\n"
      + "1667346579146,20376.9,0.001,S,2\n1667433600000,20001,0.5,,3\n").utf8).write(to: URL(fileURLWithPath: input))
    try Self.roundTrip(input, tick: "BTCUSDT/2022-11-01.tick")
    let store = Self.folder()
    let run = try Stratc.run(["data", "import", input, "--store", store])
    #expect(run.stdout.contains("3 rows → 2 files"))
    #expect(run.stdout.contains("BTCUSDT/2022-11-03.tick  1 rows"))
  }

  @Test func quotesRoundTripByteForByte() throws {
    let input = Self.folder() + "/EURUSD.csv"
    try Data("Timestamp,Bid Price,BidSize,Ask_Px,Ask_Qty\n2024-01-02 14:30:00.5,1.09501,1000000,1.09503,250000.5\n"
      .utf8).write(to: URL(fileURLWithPath: input))
    try Self.roundTrip(input, tick: "EURUSD/2024-01-02.tick")
  }

  @Test func realFXBarsRoundTripByteForByte() throws {
    try Self.roundTrip(Self.data + "/fx-fxcm-m1-gbpusd-2012/gbpusd-m1-ask-2012.csv", tick: "GBPUSD/2012-02-14.tick",
      extra: ["--symbol", "GBPUSD"])
  }

  @Test func realCryptoBarsWithVolumeRoundTrip() throws {
    try Self.roundTrip(Self.data + "/crypto-ftx-btcperp-1m/btc-perp-20211231-20220201_1m.csv",
      tick: "BTCPERP/2022-01-15.tick", extra: ["--symbol", "BTCPERP"])
  }

  @Test func realLOBSTERImportsAndItsOrderCSVRoundTrips() throws {
    let input = Self.data + "/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"
    let store = Self.folder()
    let run = try Stratc.run(["data", "import", input, "--store", store])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("lobster, 49482 rows → 2 files"), "the orders and, from the orderbook file beside them, the book")
    let book = try Stratc.run(["data", "info", store + "/GOOG/2012-06-21.book.tick"])
    #expect(book.stdout.contains("kind     book"))
    #expect(book.stdout.contains("rows     49482"), "one level per message at level 1")
    let info = try Stratc.run(["data", "info", store + "/GOOG/2012-06-21.tick"])
    #expect(info.stdout.contains("kind     orders"))
    #expect(info.stdout.contains("rows     49482"))
    // LOBSTER counts from New York's midnight; 2012-06-21 is daylight time (UTC−4).
    #expect(info.stdout.contains("span     2012-06-21T13:30:00.015105074Z … 2012-06-21T19:59:59.320718269Z"))
    try Self.roundTrip(input, tick: "GOOG/2012-06-21.tick")
  }

  @Test func itchImportsOneFilePerStockAndInfoCountsTypes() throws {
    let input = Self.data + "/itch50-ritch-synthetic/ex20101224.TEST_ITCH_50"
    let store = Self.folder()
    let run = try Stratc.run(["data", "import", input, "--store", store])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("ALC/2010-12-24.tick"))
    #expect(run.stdout.contains("CHAR/2010-12-24.tick"))
    let info = try Stratc.run(["data", "info", input])
    #expect(info.stdout.contains("types    A 4997, D 1745, E 198, F 3, H 3, P 5000, R 3, S 6, U 12, X 45"))
    #expect(info.stdout.contains("framing  zeroLengthPrefix"))
    // ITCH counts from New York's midnight; 2010-12-24 is standard time (UTC−5).
    #expect(info.stdout.contains("span     2010-12-24T08:06:42.47529871Z … 2010-12-25T00:04:58.845099321Z"))
    try Self.roundTrip(input, tick: "BOB/2010-12-24.tick")
  }

  @Test func infoDescribesCSVsAndLOBSTER() throws {
    let bars = try Stratc.run(["data", "info", Self.data + "/fx-fxcm-m1-gbpusd-2012/gbpusd-m1-bid-2012.csv"])
    #expect(bars.status == 0)
    #expect(bars.stdout.contains("csv-bars") && bars.stdout.contains("rows     30117"))
    let lobster = try Stratc.run(["data", "info", Self.data
      + "/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"])
    #expect(lobster.status == 0, "\(lobster.stderr)")
    #expect(lobster.stdout.contains("messages 147916"))
    #expect(lobster.stdout.contains("add 71258, cancel 19, delete 64961, execute 7765, hidden-trade 3913"))
  }

  @Test func badRowsStopWithALocationOrAreSkippedAndCounted() throws {
    let input = Self.folder() + "/X.csv"
    try Data("time,price,size\n2024-01-02,1,1\n2024-01-02,1,zz\n2024-01-03,1,1\n".utf8)
      .write(to: URL(fileURLWithPath: input))
    let store = Self.folder()
    let stop = try Stratc.run(["data", "import", input, "--store", store])
    #expect(stop.status == 1)
    #expect(stop.stderr.contains("\(input):3:14: error[data.csv.bad-number]"))
    #expect(!FileManager.default.fileExists(atPath: store + "/X"), "nothing written for a stopped input")
    let skip = try Stratc.run(["data", "import", input, "--store", store, "--on-error", "skip"])
    #expect(skip.status == 0)
    #expect(skip.stdout.contains("skipped 1 malformed row"))
    #expect(skip.stderr.contains("warning[data.csv.bad-number]"))
  }

  @Test func damagedTickFilesAreDataErrorsNotCrashes() throws {
    let store = Self.folder()
    let input = Self.folder() + "/Q.csv"
    try Data("time,bid,bid_size,ask,ask_size\n2024-01-02,1,1,2,2\n".utf8).write(to: URL(fileURLWithPath: input))
    _ = try Stratc.run(["data", "import", input, "--store", store])
    let tick = store + "/Q/2024-01-02.tick"
    let good = Self.bytes(tick)
    for (name, bytes) in [("cut", Array(good.prefix(300))), ("flip", good.enumerated().map { $0.offset == 100 ? $0.element ^ 1 : $0.element })] {
      let path = Self.folder() + "/\(name).tick"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      for command in [["data", "info", path], ["data", "export", path]] {
        let run = try Stratc.run(command)
        #expect(run.status == 1 && !run.crashed, "\(command)")
        #expect(run.stderr.contains("error[data.tick."))
      }
    }
  }

  @Test(arguments: [["data"], ["data", "frob"], ["data", "import", "x.csv"], ["data", "import", "--store", "/tmp/x"],
    ["data", "export"], ["data", "info", "a", "b"], ["data", "import", "x.csv", "--store", "d", "--on-error", "maybe"]])
  func usageErrorsExitTwo(args: [String]) throws {
    let run = try Stratc.run(args)
    #expect(run.status == 2, "\(args): \(run.stderr)")
  }
}
