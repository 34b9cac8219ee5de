import Foundation
import Testing

/// Every output file loads in pandas with no options, with exactly the columns Docs/OUTPUTS.md
/// documents (Tests/Oracle/outputs_pandas.py parses the document's tables). Without pandas the
/// test says so and passes, unless STRATC_REQUIRE_PANDAS=1 (as in .ci/run).
@Suite struct OutputColumnsTests {
  static let checker = "Tests/Oracle/outputs_pandas.py"

  /// Runs the checker; nil (with the reason printed) when pandas is missing and not required.
  static func check(_ arguments: [String]) throws -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", checker, "Docs/OUTPUTS.md"] + arguments
    process.currentDirectoryURL = Stratc.root
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 77 else { return (process.terminationStatus, output) }
    if ProcessInfo.processInfo.environment["STRATC_REQUIRE_PANDAS"] == "1" {
      Issue.record("STRATC_REQUIRE_PANDAS=1 but \(output)")
    } else {
      print("OutputColumnsTests skipped: \(output)")
    }
    return nil
  }

  @Test func barBookAndSweepOutputsLoadInPandasAsDocumented() throws {
    let bars = Stratc.temporaryDirectory()
    let barRun = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", bars, "--report", bars + "/report.html", "--quiet",
    ])
    #expect(barRun.status == 0, "\(barRun.stderr)")
    let book = Stratc.temporaryDirectory()
    let bookRun = try Stratc.run([
      "backtest", BookBacktestTests.strategy, "--data", BookBacktestTests.messages, "--order-latency", "100us",
      "--out", book, "--quiet",
    ])
    #expect(bookRun.status == 0, "\(bookRun.stderr)")
    let sweep = Stratc.temporaryDirectory() + ".csv"
    let sweepRun = try Stratc.run([
      "sweep", "Strategies/pairs.strat", "--data", "Examples/data", "--param", "lookback=10:20:10",
      "--param", "entry=1.5,2", "--out", sweep, "--quiet",
    ])
    #expect(sweepRun.status == 0, "\(sweepRun.stderr)")
    #expect(sweepRun.stderr.contains("sweep: 4 trials"))
    let files = ["trades.csv", "equity.csv", "summary.json"]
    guard
      let barCheck = try Self.check(files.map { "\($0)=\(bars)/\($0)" } + [
        "Sweep CSV=\(sweep):lookback,entry", "Sweep sidecar=\(String(sweep.dropLast(4))).json",
        "report.html=\(bars)/report.html",
      ]),
      let bookCheck = try Self.check(files.map { "\($0)=\(book)/\($0)" } + ["--book"])
    else { return }
    #expect(barCheck.status == 0, "\(barCheck.output)")
    #expect(barCheck.output.contains("checked Sweep sidecar"))
    #expect(bookCheck.status == 0, "\(bookCheck.output)")
  }

  /// The checker itself refuses what pandas cannot read as documented: the old sweep CSV with
  /// its trailing `# trials` row, and a file with an undocumented column.
  @Test func theCheckerRefusesACommentRowAndAnUndocumentedColumn() throws {
    let withComment = try Stratc.temporaryFile(Array("time,equity,cash,market_value,gross_exposure\n2020-01-02T00:00:00Z,1.00,1.00,0.00,0.00\n# trials 1\n".utf8), suffix: ".csv")
    let extraColumn = try Stratc.temporaryFile(Array("time,equity,cash,market_value,gross_exposure,bogus\n2020-01-02T00:00:00Z,1.00,1.00,0.00,0.00,1.00\n".utf8), suffix: ".csv")
    guard let comment = try Self.check(["equity.csv=\(withComment)"]),
      let extra = try Self.check(["equity.csv=\(extraColumn)"])
    else { return }
    #expect(comment.status == 1 && comment.output.contains("pd.to_datetime"), "\(comment.output)")
    #expect(extra.status == 1 && extra.output.contains("columns ['time', 'equity', 'cash', 'market_value', 'gross_exposure', 'bogus'], documented"), "\(extra.output)")
  }
}
