import Foundation
import Testing

/// The kernel's risk stage denies exactly what the backtester denies: `stratc hls-sim` (the
/// kernel's arithmetic, bit for bit) and `stratc backtest --fill close` (every order fills at
/// once, so what the kernel holds, Σ orders sent, is the backtest's position) on the same bars
/// send the same orders and deny the same ones for the same reasons, decision by decision.
@Suite struct HLSRiskTests {
  static let strategy = "Tests/EndToEnd/strategies/hls_risk.strat"

  /// Each decision's outcome, in order: `sent +N`, `sent -N` or a denial's code, keyed by time.
  static func kernelOutcomes(_ text: String) -> [String] {
    text.split(separator: "\n").flatMap { line -> [String] in
      let words = line.split(separator: " ")
      let time = Self.iso(Int64(words[1])!)
      return words.dropFirst(2).compactMap { word in
        if let r = word.firstIndex(of: ">") { return "\(time) sent \(word[word.index(after: r)...])" }
        if let r = word.firstIndex(of: "!") { return "\(time) denied \(word[word.index(after: r)...])" }
        return nil
      }
    }
  }

  static func backtestOutcomes(_ csv: String) -> [String] {
    csv.split(separator: "\n").dropFirst().compactMap { row -> String? in
      let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      switch f[4] {
      case "submitted": return "\(f[10]) sent \(f[5] == "BUY" ? "" : "-")\(f[6])"
      case "denied": return "\(f[10]) denied \(f[9])"
      default: return nil
      }
    }
  }

  static func iso(_ ns: Int64) -> String {
    let f = ISO8601DateFormatter()
    f.timeZone = TimeZone(identifier: "UTC")
    return f.string(from: Date(timeIntervalSince1970: Double(ns / 1_000_000_000)))
  }

  /// hls-sim's and the close-fill backtest's outcomes of `strategy` on the bundled bars.
  static func outcomes(_ strategy: String) throws -> (kernel: [String], backtest: [String]) {
    let dir = Stratc.temporaryDirectory()
    let sim = try Stratc.run(["hls-sim", strategy, "--data", "Examples/data", "-o", dir + "/kernel.out"])
    #expect(sim.status == 0, "\(sim.stderr)")
    let run = try Stratc.run(["backtest", strategy, "--data", "Examples/data", "--fill", "close", "--out", dir + "/bt"])
    #expect(run.status == 0, "\(run.stderr)")
    return (
      Self.kernelOutcomes((try? String(contentsOfFile: dir + "/kernel.out", encoding: .utf8)) ?? ""),
      Self.backtestOutcomes((try? String(contentsOfFile: dir + "/bt/orders.csv", encoding: .utf8)) ?? "")
    )
  }

  static func file(_ text: String) throws -> String { try Stratc.temporaryFile(Array(text.utf8)) }

  @Test func theKernelDeniesWhatTheBacktestDenies() throws {
    let (kernel, backtest) = try Self.outcomes(Self.strategy)
    #expect(kernel.count > 100)
    for code in ["price_band", "order_rate", "max_order_notional", "max_order_quantity", "max_position"] {
      #expect(kernel.contains { $0.hasSuffix("denied " + code) }, "no \(code) denial: the test checks nothing of it")
    }
    #expect(kernel == backtest, "first difference: \(zip(kernel, backtest).first { $0 != $1 }.map { "\($0)" } ?? "lengths \(kernel.count) vs \(backtest.count)")")
  }

  /// Found by a hostile review: an instrument never read nor ordered beside a risk block (it
  /// crashed), and quantities at the 1e15 limit, checked before rounding as the CPU does.
  @Test(arguments: [
    """
    strategy unread
    instrument a = "GLD"
    instrument b = "GDX"
    when a.close > 190 { buy a 10 }
    risk { max_position = 100 }
    """,
    """
    strategy huge
    instrument a = "GLD"
    when a.close > 0 { buy a 1000000000000000.25 }
    when a.close > 0 { sell a 1000000000000000.5 }
    when a.close > 0 { buy a 999999999999999.5 }
    when a.close > 0 { sell a 0.5 }
    when a.close > 0 { buy a 2.5 }
    risk { max_position = 1e15 }
    """,
  ])
  func edgeStrategiesMatchTheBacktestDecisionByDecision(text: String) throws {
    let (kernel, backtest) = try Self.outcomes(try Self.file(text))
    #expect(!kernel.isEmpty)
    #expect(kernel == backtest, "first difference: \(zip(kernel, backtest).first { $0 != $1 }.map { "\($0)" } ?? "lengths \(kernel.count) vs \(backtest.count)")")
  }

  /// A quantity that saturates its format (its ratio is unbounded) is not the strategy's
  /// quantity: the kernel denies it, and never sends what the backtest denies.
  @Test func aSaturatedQuantityIsDeniedNeverSent() throws {
    let (kernel, backtest) = try Self.outcomes(try Self.file("""
      strategy saturating
      instrument a = "GDX"
      param unit: Qty = 8300000
      when a.close / a.close[1] > 1.03 { buy a unit * (a.close / a.close[1]) }
      when a.close / a.close[1] < 1.03 { flat a }
      risk { max_order = 8400000 }
      """))
    #expect(kernel.filter { $0.contains(" sent ") } == backtest.filter { $0.contains(" sent ") })
    #expect(kernel.contains { $0.hasSuffix("denied invalid_quantity") })
  }

  @Test func aDailyLossLimitIsRefusedAtItsLine() throws {
    let source = try String(contentsOfFile: Stratc.root.appendingPathComponent(Self.strategy).path, encoding: .utf8)
      .replacingOccurrences(of: "risk { price_band", with: "risk { max_daily_loss = 500 price_band")
    let path = try Stratc.temporaryFile(Array(source.utf8))
    let run = try Stratc.run(["emit-hls", path, "-o", Stratc.temporaryDirectory()])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[hls.unsupported-risk]") && run.stderr.contains("max_daily_loss needs"), "\(run.stderr)")
    #expect(run.stderr.contains("\(path):31:"), "\(run.stderr)")
    // A parameter of that name is not the limit: the error points at the risk item.
    let named = try Self.file("strategy p\ninstrument a = \"GLD\"\nparam max_daily_loss: Money = 500\n"
      + "when a.close > 0 { buy a 1 }\nrisk { max_daily_loss = max_daily_loss }\n")
    let again = try Stratc.run(["emit-hls", named, "-o", Stratc.temporaryDirectory()])
    #expect(again.stderr.contains("\(named):5:8: error[hls.unsupported-risk]"), "\(again.stderr)")
  }
}
