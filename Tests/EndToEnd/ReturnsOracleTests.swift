import Foundation
import Testing

/// Return metrics and round trips held to an independent oracle
/// (Tests/Oracle/returns_oracle.py: pandas, numpy and Decimal from the output files alone).
@Suite struct ReturnsOracleTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var arguments: [String]
    var capital: String
    var bars: [String]
    var testDescription: String { name }
  }

  static let lobster = "../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"

  static let cases = [
    Case(
      name: "pairs, close, per-share fee", arguments: ["Strategies/pairs.strat", "--data", "Examples/data", "--fill", "close", "--fee", "per-share:0.013"],
      capital: "50000", bars: ["GLD=Examples/data/GLD.csv", "GDX=Examples/data/GDX.csv"]),
    Case(
      name: "bollinger, next-open, per-notional fee", arguments: ["Strategies/bollinger.strat", "--data", "Examples/data", "--fee", "per-notional:0.0005"],
      capital: "25000.5", bars: ["SPY=Examples/data/SPY.csv"]),
    // Partial fills: lots closed by several fills and fills closing several lots, with a rebate.
    Case(
      name: "market maker on the LOBSTER day, maker rebate", arguments: ["Strategies/market_maker.strat", "--data", lobster, "--maker-fee", "per-notional:-0.000077", "--taker-fee", "per-notional:0.00031"],
      capital: "100000", bars: []),
  ]

  @Test(arguments: cases)
  func metricsEqualTheOracle(_ c: Case) throws {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest"] + c.arguments + ["--capital", c.capital, "--out", out, "--quiet"])
    #expect(run.status == 0, "\(run.stderr)")
    let oracle = try Self.oracle(out, capital: c.capital, bars: c.bars)
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
    #expect(oracle["round_trips_equal"] as? Bool == true, "round_trips.csv differs from the oracle's FIFO matching")
    #expect((oracle["round_trip_rows"] as? Int ?? 0) > 10, "too few trips to test anything")
    #expect(Decimal(string: "\(summary["capital"]!)") == Decimal(string: c.capital))
    for (key, expected) in oracle where key != "round_trips_equal" && key != "round_trip_rows" {
      Self.expectSame(key, summary[key], expected)
    }
  }

  /// Compares one summary value with the oracle's: null with null, integers and flags exactly,
  /// money as exact decimals, ratios to the summary's six decimals.
  static func expectSame(_ key: String, _ actual: Any?, _ expected: Any) {
    switch key {
    case _ where expected is NSNull: #expect(actual is NSNull, "\(key): \(String(describing: actual)), oracle null")
    case "annualised": #expect(actual as? Bool == expected as? Bool, "\(key)")
    case "returns_basis": #expect(actual as? String == expected as? String, "\(key)")
    case "round_trips", "open_lots", "returns_count": #expect(actual as? Int == expected as? Int, "\(key)")
    case "average_win", "average_loss":
      #expect(actual.map { Decimal(string: "\($0)") } == Decimal(string: expected as! String), "\(key)")
    default:
      let a = (actual as? NSNumber)?.doubleValue ?? .nan
      let e = (expected as! NSNumber).doubleValue
      #expect(abs(a - e) <= 1e-6 + 1e-9 * abs(e), "\(key): \(a), oracle \(e)")
    }
  }

  /// Runs the oracle on an output folder and returns its JSON object.
  static func oracle(_ out: String, capital: String, bars: [String]) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "Tests/Oracle/returns_oracle.py", out, capital] + bars
    process.currentDirectoryURL = Stratc.root
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "the oracle failed")
    return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
  }
}

extension ReturnsOracleTests {
  @Test func capitalMustBeAPositiveAmount() throws {
    for bad in ["0", "-5", "lots", "1.000000001"] {
      let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--capital", bad, "--out", Stratc.temporaryDirectory()])
      #expect(run.status == 2, "\(bad): \(run.stderr)")
      #expect(run.stderr.contains("--capital expects a positive amount"), "\(run.stderr)")
    }
  }

  @Test func defaultCapitalIsStatedInTheSummaries() throws {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--fill", "close", "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("returns   total 3.36%   cagr 0.71%   volatility 1.19%   sharpe 0.60   sortino 0.90   max drawdown 1.28%   on capital 100000.00\n"))
    #expect(run.stdout.contains("annualised by 251.54 samples per year: 1180 returns (per step) over 1712.0 days\n"))
    #expect(run.stdout.contains("trips     84 closed, 2 open   hit rate 52.38%   profit factor 1.36   exposure 34.93%\n"))
    let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\n  \"capital\": 100000.00,\n  \"total_return\": 0.033640,\n"))
    #expect(summary.contains("\n  \"sharpe\": 0.596238,\n"), "sharpe keeps its meaning: on P&L in currency")
    let help = try Stratc.run(["backtest", "--help"])
    #expect(help.stdout.contains("(default 100000)"))
  }
}

extension ReturnsOracleTests {
  @Test func sweepRowsCarryTheReturnsOnTheGivenCapital() throws {
    func sweep(_ capital: String) throws -> [Substring] {
      let run = try Stratc.run([
        "sweep", "Strategies/pairs.strat", "--data", "Examples/data", "--param", "lookback=20,40",
        "--fill", "close", "--capital", capital, "--quiet",
      ])
      #expect(run.status == 0, "\(run.stderr)")
      return run.stdout.split(separator: "\n")
    }
    let rows = try sweep("50000")
    #expect(rows[0].hasSuffix(",unfilled,total_return,sharpe_returns,error,run_id"))
    // lookback=20 is the default run: P&L 3364.00 on 50,000.
    #expect(rows[1].hasPrefix("0,20,3364.00,"))
    #expect(rows[1].contains(",0.067280,0.596946,,"), "\(rows[1])")
    #expect(try sweep("100000")[1].contains(",0.033640,0.596286,,"))
  }
}

extension ReturnsOracleTests {
  @Test func oneLOBSTERDayIsNotAnnualisedAndSaysWhy() throws {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", "Strategies/market_maker.strat", "--data", Self.lobster, "--out", out])
    #expect(run.status == 0, "\(run.stderr)")
    let note = "not annualised: 1 return (last of each UTC day) over 0.0 days; annualising needs at least 30 returns over at least 28 days"
    let summary = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    #expect(summary.contains("\n  \"sharpe_returns\": null,\n"))
    #expect(summary.contains("\n  \"annualised\": false,\n  \"annualise_note\": \"\(note)\",\n"))
    #expect(run.stdout.contains("returns   total 2.35%   cagr -   volatility -   sharpe -   sortino -   max drawdown 0.95%"))
    #expect(run.stdout.contains("          \(note)\n"))
  }
}
