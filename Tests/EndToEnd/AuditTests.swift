import Foundation
import Testing

/// Issue 10, "why this fill": every fill in `trades.csv` traces to its order's life in
/// `orders.csv` and to the market event that filled it, on bars and on a LOBSTER book, and
/// `stratc explain` says why in words read from an interpreter re-run.
@Suite struct AuditTests {
  static let lobster = BookBacktestTests.messages
  static let expected = Stratc.root.path + "/Tests/EndToEnd/expected/audit"

  static func backtest(_ strategy: String, _ extra: [String]) throws -> String {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", strategy, "--out", out, "--quiet"] + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return out
  }

  /// The rows of a CSV file (no quoted commas before the last column) as column → text.
  static func rows(_ path: String) -> [[String: String]] {
    let lines = BackendTests.read(path).split(separator: "\n").map(String.init)
    guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
    return lines.dropFirst().map { line in
      let cells = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false).map(String.init)
      return Dictionary(uniqueKeysWithValues: zip(header, cells))
    }
  }

  @Test func barOutputsEqualTheirGoldens() throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    for name in ["trades.csv", "equity.csv", "orders.csv"] {
      #expect(BackendTests.read(out + "/" + name) == BackendTests.read(Self.expected + "/pairs-next-open/" + name), "\(name)")
    }
  }

  @Test func equityIsCashPlusMarketValue() throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data", "--fill", "close"])
    let rows = Self.rows(out + "/equity.csv")
    #expect(rows.count > 1000)
    for row in rows {
      let equity = Decimal(string: row["equity"]!)!, cash = Decimal(string: row["cash"]!)!
      let market = Decimal(string: row["market_value"]!)!, gross = Decimal(string: row["gross_exposure"]!)!
      #expect(equity == cash + market, "\(row)")
      #expect(gross >= abs(market), "\(row)")
    }
    #expect(rows.contains { Decimal(string: $0["gross_exposure"]!)! > 0 }, "the pairs strategy holds positions")
  }

  /// Every fill's order has a life in orders.csv that leads to it: submitted first, then
  /// fills whose quantities take the remaining down exactly, and one filled row per fill.
  static func expectEveryFillHasALife(_ out: String, liquidity: Set<String>) {
    let trades = rows(out + "/trades.csv")
    let orders = rows(out + "/orders.csv")
    #expect(trades.count > 10, "a vacuous check")
    let lives = Dictionary(grouping: orders.filter { !$0["order_id"]!.isEmpty }, by: { $0["order_id"]! })
    for trade in trades {
      guard let life = lives[trade["order_id"]!] else {
        Issue.record("order \(trade["order_id"]!) of fill \(trade) is not in orders.csv")
        continue
      }
      #expect(life.first?["event"] == "submitted", "\(life.first ?? [:])")
      #expect(liquidity.contains(trade["liquidity"]!))
      #expect(Int(trade["event"]!)! >= 1)
      let filled = life.filter { $0["event"] == "filled" && $0["time"] == trade["time"] && $0["quantity"] == trade["quantity"] }
      #expect(filled.contains { $0["price"] == trade["price"] && $0["decided"] == trade["decided"] }, "\(trade)")
    }
    for (id, life) in lives {
      var remaining = Int(life[0]["quantity"]!)!
      for row in life.dropFirst() {
        switch row["event"] {
        case "filled":
          #expect(Int(row["remaining"]!)! == remaining - Int(row["quantity"]!)!, "order \(id): \(row)")
          remaining = Int(row["remaining"]!)!
        case "replaced", "cancelled": remaining = Int(row["remaining"]!)!
        default: break
        }
      }
      let fills = trades.filter { $0["order_id"] == id }.count
      #expect(fills == life.filter { $0["event"] == "filled" }.count, "order \(id)")
    }
  }

  @Test func everyBarFillHasAMatchingLife() throws {
    for fill in ["next-open", "close"] {
      let out = try Self.backtest("Strategies/logistic.strat", ["--data", "Examples/data", "--fill", fill])
      Self.expectEveryFillHasALife(out, liquidity: ["bar"])
    }
  }

  @Test func everyLOBSTERFillHasAMatchingLife() throws {
    let out = try Self.backtest("Strategies/market_maker.strat", ["--data", Self.lobster, "--order-latency", "100us"])
    Self.expectEveryFillHasALife(out, liquidity: ["maker", "taker"])
    let orders = Self.rows(out + "/orders.csv")
    #expect(orders.contains { $0["event"] == "accepted" && !$0["queue_ahead"]!.isEmpty })
    #expect(orders.contains { $0["event"] == "cancelled" && $0["reason"] == "requested" })
  }

  @Test func riskDenialsAreLoggedWithTheirCodeAndMessage() throws {
    let source = """
      strategy capped
      instrument a = "SPY"
      when a.close > 0 { target a = 100 }
      risk { max_position a = 50 }
      """
    let path = try Stratc.temporaryFile(Array(source.utf8))
    let out = try Self.backtest(path, ["--data", "SPY=Examples/data/SPY.csv"])
    let orders = Self.rows(out + "/orders.csv")
    #expect(orders.count > 100)
    #expect(orders.allSatisfy { $0["event"] == "denied" && $0["reason"] == "max_position" && $0["order_id"] == "" })
    #expect(orders.first?["detail"] == "\"position 100 would exceed the limit of 50\"")
    #expect(BackendTests.read(out + "/trades.csv").split(separator: "\n").count == 1, "only the header")
  }

  /// Fill 1 comes from the second `when` and fill 3 from the first: the rule must be read at the
  /// decision step, not after the re-run's last step.
  @Test(arguments: [1, 3])
  func explainSaysWhyABarFillHappened(_ fill: Int) throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    let run = try Stratc.run(["explain", out, "--fill", String(fill)])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == BackendTests.read(Self.expected + "/explain-pairs-fill-\(fill).txt"))
  }

  /// A rule whose guard needs no definedness bit gets no `fire` name: the rule is found by the
  /// order of the guards, not by the `fire.k` suffix.
  @Test func explainNamesTheRuleInSourceOrder() throws {
    let source = """
      strategy order_test
      instrument a = "SPY"
      when a.position > 1000 { flat a }
      when a.close > 0 { target a = 100 }
      """
    let path = try Stratc.temporaryFile(Array(source.utf8))
    let out = try Self.backtest(path, ["--data", "SPY=Examples/data/SPY.csv"])
    let run = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("  rule: fire (when #2, line 4: when a.close > 0 { target a = 100 }) was true: `target a`\n"), "\(run.stdout)")
  }

  @Test func explainSaysWhyABookFillHappened() throws {
    let out = try Self.backtest("Strategies/market_maker.strat", ["--data", Self.lobster, "--order-latency", "100us"])
    let run = try Stratc.run(["explain", out, "--fill", "2"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout == BackendTests.read(Self.expected + "/explain-market-maker-fill-2.txt"))
  }

  /// One byte of an input changes the re-run's run id: explain names the file and both digests.
  @Test func explainRefusesAChangedInput() throws {
    let folder = try RunIDTests.workspace()
    let out = Stratc.temporaryDirectory()
    let backtest = ["backtest", "pairs.strat", "--data", "data", "--out", out, "--quiet"]
    #expect(try Stratc.run(backtest, in: folder).status == 0)
    #expect(try Stratc.run(["explain", out, "--fill", "1"], in: folder).status == 0)
    var bytes = [UInt8](RunIDTests.bytes(folder + "/data/GLD.csv"))
    let k = bytes.lastIndex { $0 >= 0x30 && $0 <= 0x38 }!
    bytes[k] += 1
    try Data(bytes).write(to: URL(fileURLWithPath: folder + "/data/GLD.csv"))
    let run = try Stratc.run(["explain", out, "--fill", "1"], in: folder)
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[explain.run-changed]: `GLD GLD.csv` changed since the backtest ran (sha256 "), "\(run.stderr)")
    #expect(run.stderr.contains("… now "), "\(run.stderr)")
    #expect(run.stdout.isEmpty)
  }

  /// A changed setting (not an input) is named by the two run ids.
  @Test func explainRefusesAChangedSetting() throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    let summary = BackendTests.read(out + "/summary.json")
      .replacingOccurrences(of: "\"options\": []", with: "\"options\": [\"--fee=per-share:0.01\"]")
    try Data(summary.utf8).write(to: URL(fileURLWithPath: out + "/summary.json"))
    let run = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(run.status == 1)
    let id = try RunIDTests.runID(in: out)
    #expect(run.stderr.contains("error[explain.run-changed]: the re-run's run id "), "\(run.stderr)")
    #expect(run.stderr.contains(" is not the backtest's \(id): "), "\(run.stderr)")
  }

  /// A crafted recipe cannot make explain write files: options that choose outputs or the
  /// executor are refused before anything runs.
  @Test(arguments: ["--report=REPORT", "--out=REPORT", "--backend=jit", "REPORT"])
  func explainRefusesARecipeThatChoosesOutputs(_ option: String) throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    let planted = Stratc.temporaryDirectory() + "-planted.html"
    let summary = BackendTests.read(out + "/summary.json").replacingOccurrences(
      of: "\"options\": []", with: "\"options\": [\"\(option.replacingOccurrences(of: "REPORT", with: planted))\"]")
    try Data(summary.utf8).write(to: URL(fileURLWithPath: out + "/summary.json"))
    let run = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[explain.bad-recipe]: "), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: planted))
  }

  /// A cut or emptied trades.csv is a located data error (exit 1), not a usage error.
  @Test func explainRefusesACutTradesFile() throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    let text = BackendTests.read(out + "/trades.csv")
    let lines = text.split(separator: "\n")
    try Data((lines[0...2].joined(separator: "\n") + "\n" + lines[3].prefix(20)).utf8).write(to: URL(fileURLWithPath: out + "/trades.csv"))
    let cut = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(cut.status == 1)
    #expect(cut.stderr.contains("error[explain.bad-file]: \(out)/trades.csv:4: expected 12 fields; found "), "\(cut.stderr)")
    try Data().write(to: URL(fileURLWithPath: out + "/trades.csv"))
    let empty = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(empty.status == 1)
    #expect(empty.stderr.contains("error[explain.bad-file]: \(out)/trades.csv:1: expected the header `time,instrument,side,"), "\(empty.stderr)")
  }

  /// A touched input (new modification time, same bytes) is the same run.
  @Test func explainAcceptsATouchedInput() throws {
    let folder = try RunIDTests.workspace()
    let out = Stratc.temporaryDirectory()
    #expect(try Stratc.run(["backtest", "pairs.strat", "--data", "data", "--out", out, "--quiet"], in: folder).status == 0)
    try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: folder + "/data/GLD.csv")
    let run = try Stratc.run(["explain", out, "--fill", "1"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
  }

  @Test func explainRefusesAMissingInput() throws {
    let folder = try RunIDTests.workspace()
    let out = Stratc.temporaryDirectory()
    let backtest = ["backtest", "pairs.strat", "--data", "GLD=data/GLD.csv", "--data", "GDX=data/GDX.csv", "--out", out, "--quiet"]
    #expect(try Stratc.run(backtest, in: folder).status == 0)
    try FileManager.default.removeItem(atPath: folder + "/data/GDX.csv")
    let run = try Stratc.run(["explain", out, "--fill", "1"], in: folder)
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[explain.missing-input]: `data/GDX.csv` does not exist in "), "\(run.stderr)")
    #expect(run.stderr.contains("run `stratc explain` from that folder"), "\(run.stderr)")
  }

  /// The recipe's paths are relative to where the backtest ran: explain from elsewhere is told
  /// to run from there, and from a copy of that folder (same relative paths) it explains.
  @Test func explainResolvesTheRecipeAgainstItsWorkingDirectory() throws {
    let folder = try RunIDTests.workspace()
    let out = Stratc.temporaryDirectory()
    #expect(try Stratc.run(["backtest", "pairs.strat", "--data", "data", "--out", out, "--quiet"], in: folder).status == 0)
    let elsewhere = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(elsewhere.status == 1)
    #expect(elsewhere.stderr.contains("error[explain.missing-input]: `pairs.strat` does not exist in \(Stratc.root.path)"), "\(elsewhere.stderr)")
    #expect(elsewhere.stderr.contains("relative to the folder the backtest ran in"), "\(elsewhere.stderr)")
    let there = try Stratc.run(["explain", out, "--fill", "1"], in: folder)
    #expect(there.status == 0, "\(there.stderr)")
    #expect(there.stdout.hasPrefix("fill 1: BUY 100 a (GLD) at 184.445"), "\(there.stdout)")
    let copy = try Stratc.run(["explain", out, "--fill", "1"], in: try RunIDTests.workspace())
    #expect(copy.status == 0, "\(copy.stderr)")
    #expect(copy.stdout == there.stdout)
  }

  @Test func explainRefusesARunFedFromAPipe() throws {
    let csv = DataCommandTests.bytes(Stratc.root.path + "/Examples/data/GLD.csv")
    let out = try Self.backtest(
      "Strategies/pairs.strat", ["--data", "GLD=" + DataValueTests.fifo(csv), "--data", "GDX=Examples/data/GDX.csv"])
    let run = try Stratc.run(["explain", out, "--fill", "1"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[explain.not-rerunnable]"), "\(run.stderr)")
  }

  @Test func explainRefusesEditedFills() throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    let trades = BackendTests.read(out + "/trades.csv").replacingOccurrences(of: ",184.445,", with: ",184.446,")
    try Data(trades.utf8).write(to: URL(fileURLWithPath: out + "/trades.csv"))
    let run = try Stratc.run(["explain", out, "--fill", "2"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[explain.rerun-differs]"), "\(run.stderr)")
  }

  @Test(arguments: [["--fill", "0"], ["--fill", "9999"], ["--fill", "x"], []])
  func badFillNumbersAreUsageErrors(_ flags: [String]) throws {
    let out = try Self.backtest("Strategies/pairs.strat", ["--data", "Examples/data"])
    let run = try Stratc.run(["explain", out] + flags)
    #expect(run.status == 2, "\(flags): \(run.stderr)")
  }

  @Test func explainHasHelpWithExamples() throws {
    let run = try Stratc.run(["explain", "--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("EXAMPLES\n  stratc backtest"))
  }
}
