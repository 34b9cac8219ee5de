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

  @Test func theKernelDeniesWhatTheBacktestDenies() throws {
    let dir = Stratc.temporaryDirectory()
    let sim = try Stratc.run(["hls-sim", Self.strategy, "--data", "Examples/data", "-o", dir + "/kernel.out"])
    #expect(sim.status == 0, "\(sim.stderr)")
    let run = try Stratc.run(["backtest", Self.strategy, "--data", "Examples/data", "--fill", "close", "--out", dir + "/bt"])
    #expect(run.status == 0, "\(run.stderr)")
    let kernel = Self.kernelOutcomes(try String(contentsOfFile: dir + "/kernel.out", encoding: .utf8))
    let backtest = Self.backtestOutcomes(try String(contentsOfFile: dir + "/bt/orders.csv", encoding: .utf8))
    #expect(kernel.count > 100)
    for code in ["price_band", "order_rate", "max_order_notional", "max_order_quantity", "max_position"] {
      #expect(kernel.contains { $0.hasSuffix("denied " + code) }, "no \(code) denial: the test checks nothing of it")
    }
    #expect(kernel == backtest, "first difference: \(zip(kernel, backtest).first { $0 != $1 }.map { "\($0)" } ?? "lengths \(kernel.count) vs \(backtest.count)")")
  }

  @Test func aDailyLossLimitIsRefusedAtItsLine() throws {
    let source = try String(contentsOfFile: Stratc.root.appendingPathComponent(Self.strategy).path, encoding: .utf8)
      .replacingOccurrences(of: "risk { price_band", with: "risk { max_daily_loss = 500 price_band")
    let path = try Stratc.temporaryFile(Array(source.utf8))
    let run = try Stratc.run(["emit-hls", path, "-o", Stratc.temporaryDirectory()])
    #expect(run.status == 1)
    #expect(run.stderr.contains("error[hls.unsupported-risk]") && run.stderr.contains("max_daily_loss needs"), "\(run.stderr)")
    #expect(run.stderr.contains("\(path):31:"), "\(run.stderr)")
  }
}
