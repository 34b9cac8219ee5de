import Foundation
import Testing

/// `--backend jit` makes the same decisions as the interpreter: byte-identical `trades.csv`,
/// `equity.csv` and `summary.json` (but the backend's name) on every reference strategy, on bars
/// and on order-book data.
@Suite struct BackendTests {
  static let lobster =
    Stratc.root.path
    + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"

  static func run(_ strategy: String, _ data: [String], backend: String) throws -> String {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(
      ["backtest", Stratc.root.path + "/Strategies/\(strategy).strat", "--out", out, "--quiet",
       "--backend", backend] + data)
    #expect(run.status == 0, "\(strategy) \(backend): \(run.stderr)")
    return out
  }

  static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  @Test(arguments: [
    ("pairs", ["--data", "Examples/data"]), ("bollinger", ["--data", "Examples/data"]),
    ("logistic", ["--data", "Examples/data"]),
    ("pairs", ["--data", "Examples/data", "--instrument", "a=KO", "--instrument", "b=PEP", "--fill", "close"]),
    ("market_maker", ["--data", lobster, "--order-latency", "100us"]),
    ("imbalance_taker", ["--data", lobster, "--feed-latency", "20us"]),
  ])
  func jitAndInterpreterWriteTheSameFiles(_ strategy: String, _ data: [String]) throws {
    let data = data.map { $0 == "Examples/data" ? Stratc.root.path + "/Examples/data" : $0 }
    let interp = try Self.run(strategy, data, backend: "interp")
    let jit = try Self.run(strategy, data, backend: "jit")
    #expect(Self.read(jit + "/trades.csv") == Self.read(interp + "/trades.csv"), "\(strategy)")
    #expect(Self.read(jit + "/equity.csv") == Self.read(interp + "/equity.csv"), "\(strategy)")
    let summary = Self.read(jit + "/summary.json").replacingOccurrences(of: "\"jit\"", with: "\"interpreter\"")
    #expect(summary == Self.read(interp + "/summary.json"), "\(strategy)")
    #expect(!Self.read(jit + "/trades.csv").isEmpty)
  }

  @Test func anUnknownBackendIsAUsageError() throws {
    let run = try Stratc.run([
      "backtest", Stratc.root.path + "/Strategies/pairs.strat", "--data", Stratc.root.path + "/Examples/data",
      "--out", Stratc.temporaryDirectory(), "--backend", "fpga",
    ])
    #expect(run.status == 2)
  }

  @Test func irPrintsTheLLVMModule() throws {
    let run = try Stratc.run(["ir", "--llvm", Stratc.root.path + "/Strategies/pairs.strat"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("define i64 @stratc_step(ptr %state, ptr %inputs, ptr %seen, i64 %time, ptr %out)"))
    #expect(!run.stdout.contains("fast"), "no fast-math flags")
  }
}
