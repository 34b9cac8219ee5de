import Foundation
import Testing

/// stratc's backtests on real daily data, held to an independent implementation
/// (Tests/Oracle/oracle.py: two-pass windows, Decimal cash) trade for trade.
@Suite struct BacktestOracleTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var expected: String
    var strategy: String
    var bindings: [String]
    var testDescription: String { expected }
  }

  static let cases: [Case] = ["close", "next-open"].flatMap { fill in
    [
      Case(expected: "pairs-\(fill)", strategy: "pairs", bindings: []),
      Case(expected: "pairs-KO-PEP-\(fill)", strategy: "pairs", bindings: ["--instrument", "a=KO", "--instrument", "b=PEP"]),
      Case(expected: "bollinger-\(fill)", strategy: "bollinger", bindings: []),
      Case(expected: "logistic-\(fill)", strategy: "logistic", bindings: []),
      Case(expected: "rsi-\(fill)", strategy: "rsi", bindings: []),
      Case(expected: "donchian-\(fill)", strategy: "donchian", bindings: []),
      Case(expected: "macd-\(fill)", strategy: "macd", bindings: []),
      Case(expected: "monthly_momentum-\(fill)", strategy: "monthly_momentum", bindings: []),
    ]
  }

  @Test(arguments: cases)
  func tradesEqualTheOracle(_ c: Case) throws {
    let out = Stratc.temporaryDirectory()
    let fill = c.expected.hasSuffix("next-open") ? "next-open" : "close"
    let run = try Stratc.run(
      ["backtest", "Strategies/\(c.strategy).strat", "--data", "Examples/data", "--fill", fill, "--out", out, "--quiet"]
        + c.bindings)
    #expect(run.status == 0, "\(run.stderr)")
    let expectedDir = Stratc.root.appendingPathComponent("Tests/EndToEnd/expected/\(c.expected)")
    let trades = try String(contentsOfFile: out + "/trades.csv", encoding: .utf8)
    let expectedTrades = try String(contentsOf: expectedDir.appendingPathComponent("trades.csv"), encoding: .utf8)
    // The oracle writes the first six columns; the trace columns after them are held to the
    // audit goldens (AuditTests).
    #expect(Self.firstSixColumns(trades) == expectedTrades)

    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
    let oracle = try JSONSerialization.jsonObject(with: Data(contentsOf: expectedDir.appendingPathComponent("summary.json"))) as! [String: Any]
    #expect(summary["trades"] as? Int == oracle["trades"] as? Int)
    #expect(summary["positions"] as? [String: Int] == oracle["positions"] as? [String: Int])
    // pnl is printed as an exact decimal; compare its text in the file with the oracle's Decimal.
    let raw = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    #expect(raw.contains("\"pnl\": \(oracle["pnl"] as! String),"))
  }

  /// Each line of a CSV text cut to its first six fields.
  static func firstSixColumns(_ csv: String) -> String {
    csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",") }
      .joined(separator: "\n") + "\n"
  }

  @Test func summaryHasTheDocumentedKeys() throws {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", out])
    #expect(run.status == 0)
    #expect(run.stdout.contains("pnl"))
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as! [String: Any]
    for key in ["events", "steps", "trades", "positions", "pnl", "fees", "sharpe", "max_drawdown", "run_id", "inputs"] {
      #expect(summary[key] != nil, "missing \(key)")
    }
    // Outputs are a function of the run id: no backend, no folder, no file stamps.
    #expect(summary["backend"] == nil)
    #expect(run.stdout.contains("backend jit "), "the text summary names the backend, the JIT by default")
    let recipe = try #require(summary["recipe"] as? [String: Any])
    #expect(Set(recipe.keys) == ["strategy", "data", "options"])
    #expect(recipe["strategy"] as? String == "Strategies/pairs.strat")
    #expect(recipe["data"] as? [String] == ["Examples/data"])
    let equity = try String(contentsOfFile: out + "/equity.csv", encoding: .utf8)
    #expect(equity.hasPrefix("time,equity,cash,market_value,gross_exposure\n2020-07-27T04:00:00Z,"))
  }

  @Test func runsAreByteForByteRepeatable() throws {
    var outputs: [[Data]] = []
    for _ in 0..<2 {
      let out = Stratc.temporaryDirectory()
      let run = try Stratc.run(["backtest", "Strategies/logistic.strat", "--data", "Examples/data", "--out", out, "--fee", "per-share:0.005", "--quiet"])
      #expect(run.status == 0)
      outputs.append(try ["trades.csv", "equity.csv", "orders.csv", "summary.json", "round_trips.csv"].map {
        try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0))
      })
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test func feesAreChargedPerShare() throws {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--fill", "close", "--fee", "per-share:0.01", "--out", out, "--quiet"])
    #expect(run.status == 0)
    let raw = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
    // The oracle's fills trade 17,000 shares in all (flips trade 200): 170.00 of fees at 0.01,
    // and P&L 3364.00 − 170.00.
    let oracleTrades = try String(contentsOf: Stratc.root.appendingPathComponent("Tests/EndToEnd/expected/pairs-close/trades.csv"), encoding: .utf8)
    let shares = oracleTrades.split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[3])! }.reduce(0, +)
    #expect(shares == 17_000)
    #expect(raw.contains("\"fees\": 170.00,"))
    #expect(raw.contains("\"pnl\": 3194.00,"))
  }

  @Test func malformedRowIsReportedWithItsLine() throws {
    let csv = "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.5,100\n2020-01-03,1,2,0.5,oops,1.5,100\n"
    let path = try Stratc.temporaryFile(Array(csv.utf8), suffix: ".csv")
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", "Strategies/bollinger.strat", "--data", "SPY=\(path)", "--out", out])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(path):3:"), "\(run.stderr)")
  }

  @Test func unknownSymbolAndInstrumentAreUserErrors() throws {
    let out = Stratc.temporaryDirectory()
    let missing = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--instrument", "a=NOPE", "--out", out])
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("NOPE"))
    let wrongName = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--instrument", "aa=GLD", "--out", out])
    #expect(wrongName.status == 1)
    #expect(wrongName.stderr.contains("did you mean `a`"))
  }

  @Test func warnsWhenTheDataCannotCoverTheWarmup() throws {
    let csv = "Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.5,100\n2020-01-03,1,2,0.5,1.2,1.2,100\n"
    let path = try Stratc.temporaryFile(Array(csv.utf8), suffix: ".csv")
    let run = try Stratc.run(["backtest", "Strategies/bollinger.strat", "--data", "SPY=\(path)", "--out", Stratc.temporaryDirectory(), "--quiet"])
    #expect(run.status == 0)
    #expect(run.stderr.contains("warning[backtest.no-warmup]"))
  }
}
