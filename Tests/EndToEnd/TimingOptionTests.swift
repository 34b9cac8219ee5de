import Foundation
import Testing

/// `--timing` adds the `"timing"` object to summary.json and a breakdown on stderr, on bars and
/// on order-book data; without it summary.json keeps its bytes, and the other files never change.
@Suite struct TimingOptionTests {
  static let bars = ["Strategies/pairs.strat", "--data", "Examples/data", "--fill", "close"]
  static let book = [
    "Strategies/market_maker.strat", "--data",
    Stratc.root.path + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv",
    "--order-latency", "100us",
  ]

  static func backtest(_ arguments: [String], timing: Bool) throws -> (Stratc.Run, String) {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest"] + arguments + ["--out", out, "--quiet"] + (timing ? ["--timing"] : []))
    #expect(run.status == 0, "\(run.stderr)")
    return (run, out)
  }

  static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  @Test(arguments: [bars, book])
  func timingWritesFourNonNegativeSecondsAndChangesNothingElse(_ arguments: [String]) throws {
    let (timed, a) = try Self.backtest(arguments, timing: true)
    let (plain, b) = try Self.backtest(arguments, timing: false)
    let summary = try JSONSerialization.jsonObject(with: Data(Self.read(a + "/summary.json").utf8)) as? [String: Any]
    let timing = try #require(summary?["timing"] as? [String: Any])
    #expect(Set(timing.keys) == ["load_s", "compile_s", "loop_s", "write_s"])
    for (key, value) in timing {
      let seconds = try #require(value as? Double, "\(key) is a number")
      #expect(seconds >= 0, "\(key)")
    }
    #expect(timed.stderr.contains("timing    load "), "\(timed.stderr)")
    #expect(!plain.stderr.contains("timing"))
    // Removing the one timing line gives the untimed summary byte for byte.
    let untimed = Self.read(a + "/summary.json").split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.hasPrefix("  \"timing\": ") }.joined(separator: "\n")
    #expect(untimed == Self.read(b + "/summary.json"))
    #expect(!Self.read(b + "/summary.json").contains("timing"))
    for file in ["trades.csv", "equity.csv"] {
      #expect(Self.read(a + "/" + file) == Self.read(b + "/" + file), "\(file)")
    }
  }
}
