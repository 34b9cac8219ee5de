import Foundation
import Testing

/// `stratc backtest` on order-book data end to end: the LOBSTER GOOG level-1 day through the
/// simulated venue, repeatable byte for byte, sensitive to latency, with a report; bad venue
/// options are usage errors.
@Suite struct BookBacktestTests {
  static let messages =
    Stratc.root.path
    + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"
  static let strategy = Stratc.root.path + "/Strategies/market_maker.strat"

  static func backtest(_ extra: [String]) throws -> (Stratc.Run, String) {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", strategy, "--data", messages, "--out", out] + extra)
    return (run, out)
  }

  static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  @Test func aLOBSTERDayRunsThroughTheVenueTheSameWayEveryTime() throws {
    let options = ["--order-latency", "uniform:50us:150us", "--feed-latency", "20us", "--seed", "7"]
    let (first, a) = try Self.backtest(options)
    let (second, b) = try Self.backtest(options)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("fill venue"))
    #expect(first.stdout.contains("49482 book events"))
    let trades = Self.read(a + "/trades.csv")
    #expect(trades.split(separator: "\n").count > 10, "the market maker trades on this day")
    #expect(trades == Self.read(b + "/trades.csv"))
    #expect(Self.read(a + "/summary.json") == Self.read(b + "/summary.json"))
    #expect(Self.read(a + "/summary.json").contains("\"venue\": \"order latency uniform 50000..150000ns"))
  }

  @Test func latencyChangesTheFills() throws {
    let (fast, a) = try Self.backtest(["--order-latency", "0"])
    let (slow, b) = try Self.backtest(["--order-latency", "50ms"])
    #expect(fast.status == 0 && slow.status == 0)
    #expect(Self.read(a + "/trades.csv").split(separator: "\n").count > 10)
    #expect(Self.read(b + "/trades.csv").split(separator: "\n").count > 10)
    #expect(Self.read(a + "/trades.csv") != Self.read(b + "/trades.csv"))
  }

  @Test func theReportIsWrittenForBookRuns() throws {
    let report = Stratc.temporaryDirectory() + "/report.html"
    let (run, _) = try Self.backtest(["--report", report])
    #expect(run.status == 0, "\(run.stderr)")
    let page = Self.read(report)
    for id in ["metrics-table", "equity-chart", "drawdown-chart", "price-0"] {
      #expect(page.contains("id=\"\(id)\""), "\(id)")
    }
    #expect(page.contains("simulated venue"))
    #expect(!page.contains("http://") && !page.contains("https://"))
  }

  @Test(arguments: [
    ["--order-latency", "fast"], ["--queue", "lifo"], ["--maker-fee", "rebate"],
    ["--feed-latency", "uniform:9us:1us"], ["--seed", "-1"], ["--on-error", "ignore"],
  ])
  func badVenueOptionsAreUsageErrors(_ option: [String]) throws {
    let (run, _) = try Self.backtest(option)
    #expect(run.status == 2, "\(option): \(run.stderr)")
    #expect(!run.crashed)
  }

  @Test func aBarStrategyOnBookDataIsADataError() throws {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run([
      "backtest", Stratc.root.path + "/Strategies/bollinger.strat", "--data", Self.messages,
      "--instrument", "x=GOOG", "--out", out,
    ])
    #expect(run.status == 1)
    #expect(run.stderr.contains("backtest.needs-bars"))
  }

  @Test func aSweepOnBookDataIsTheSameWhateverTheJobs() throws {
    func sweep(_ jobs: String) throws -> Stratc.Run {
      try Stratc.run([
        "sweep", Self.strategy, "--data", Self.messages, "--param", "lot=50,100",
        "--param", "min_spread=0.01:0.02:0.01", "--order-latency", "100us", "--jobs", jobs,
      ])
    }
    let one = try sweep("1")
    let two = try sweep("2")
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdout == two.stdout)
    #expect(one.stdout.split(separator: "\n").count == 5, "header and 4 runs, no trailing comment")
    #expect(one.stderr.contains("sweep: 4 trials"))
  }

  @Test func aBacktestFromTheTickStoreMatchesTheLOBSTERFiles() throws {
    let store = Stratc.temporaryDirectory()
    let imported = try Stratc.run(["data", "import", Self.messages, "--store", store])
    #expect(imported.status == 0, "\(imported.stderr)")
    let options = ["--order-latency", "100us", "--feed-latency", "20us"]
    let (fromFiles, a) = try Self.backtest(options)
    let out = Stratc.temporaryDirectory()
    let fromStore = try Stratc.run(
      ["backtest", Self.strategy, "--data", store + "/GOOG/2012-06-21.tick", "--out", out] + options)
    #expect(fromFiles.status == 0 && fromStore.status == 0, "\(fromStore.stderr)")
    #expect(Self.read(out + "/trades.csv") == Self.read(a + "/trades.csv"))
    #expect(fromStore.stdout.contains("steps, 49482 book events"))
  }
}
