import Foundation
import Testing

/// `--backend jit` and `--backend aot` make the same decisions as the interpreter:
/// byte-identical `trades.csv`, `equity.csv`, `orders.csv`, `round_trips.csv` and
/// `summary.json` (which names no backend) on every reference strategy and example, on bars
/// and on order-book data.
@Suite struct BackendTests {
  static let lobster =
    Stratc.root.path
    + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"
  static let bars = Stratc.root.path + "/Examples/data"

  static func strategy(_ name: String) -> String { Stratc.root.path + "/Strategies/\(name).strat" }

  static func run(_ strategy: String, _ data: [String], backend: [String]) throws -> String {
    let out = Stratc.temporaryDirectory()
    let run = try Stratc.run(["backtest", Self.strategy(strategy), "--out", out, "--quiet"] + backend + data)
    #expect(run.status == 0, "\(strategy) \(backend): \(run.stderr)")
    return out
  }

  static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  /// Every result file of `out` is byte for byte `expected`'s, summary.json included.
  static func expectSameFiles(_ out: String, as expected: String, backend: String, _ label: String) {
    #expect(read(out + "/trades.csv") == read(expected + "/trades.csv"), "\(label) \(backend)")
    #expect(read(out + "/equity.csv") == read(expected + "/equity.csv"), "\(label) \(backend)")
    #expect(read(out + "/round_trips.csv") == read(expected + "/round_trips.csv"), "\(label) \(backend)")
    #expect(read(out + "/orders.csv") == read(expected + "/orders.csv"), "\(label) \(backend)")
    #expect(!read(out + "/orders.csv").isEmpty, "\(label) \(backend): no orders.csv")
    #expect(read(out + "/summary.json") == read(expected + "/summary.json"), "\(label) \(backend)")
    #expect(read(out + "/summary.json").contains("\"run_id\": "), "\(label) \(backend): no summary.json")
    #expect(!read(out + "/trades.csv").isEmpty, "\(label) \(backend): no trades, a vacuous comparison")
  }

  @Test(arguments: [
    ("pairs", ["--data", bars]), ("bollinger", ["--data", bars]), ("logistic", ["--data", bars]), ("rsi", ["--data", bars]), ("donchian", ["--data", bars]), ("macd", ["--data", bars]), ("monthly_momentum", ["--data", bars]),
    ("pairs", ["--data", bars, "--instrument", "a=KO", "--instrument", "b=PEP", "--fill", "close"]),
    ("pairs_bench", ["--data", bars, "--instrument", "a=GLD", "--instrument", "b=GDX", "--param", "entry=1.5"]),
    ("market_maker", ["--data", lobster, "--order-latency", "100us"]),
    ("imbalance_taker", ["--data", lobster, "--feed-latency", "20us"]),
  ])
  func everyBackendWritesTheSameFiles(_ strategy: String, _ data: [String]) throws {
    let interp = try Self.run(strategy, data, backend: ["--backend", "interp"])
    for backend in ["jit", "aot"] {
      let out = try Self.run(strategy, data, backend: ["--backend", backend])
      Self.expectSameFiles(out, as: interp, backend: backend, strategy)
    }
  }

  /// The text summary names the backend that ran; summary.json does not (its bytes are the
  /// same on every backend).
  @Test func theJITIsTheDefault() throws {
    let run = try Stratc.run(["backtest", Self.strategy("pairs"), "--data", Self.bars, "--out", Stratc.temporaryDirectory()])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("   backend jit   "), "\(run.stdout)")
  }

  @Test func aPrebuiltObjectRunsWithOtherParameterValues() throws {
    let object = Stratc.temporaryDirectory() + ".so"
    let build = try Stratc.run(["build", Self.strategy("pairs"), "-o", object, "--cpu", "generic"])
    #expect(build.status == 0, "\(build.stderr)")
    // Parameters are read at run time: one object serves every value of `entry`.
    let data = ["--data", Self.bars, "--param", "entry=1.5"]
    let interp = try Self.run("pairs", data, backend: ["--backend", "interp"])
    let out = try Self.run("pairs", data, backend: ["--object", object])
    Self.expectSameFiles(out, as: interp, backend: "aot", "pairs --object")
    let defaults = try Self.run("pairs", ["--data", Self.bars], backend: ["--object", object])
    #expect(Self.read(defaults + "/trades.csv") != Self.read(out + "/trades.csv"), "entry=1.5 must change the trades")
  }

  @Test func irPrintsTheLLVMModule() throws {
    let run = try Stratc.run(["ir", "--llvm", Self.strategy("pairs")])
    #expect(run.status == 0)
    #expect(run.stdout.contains("define internal i64 @stratc_step(ptr noalias %state, ptr noalias %params, ptr noalias %inputs, ptr noalias %seen, i64 %time, ptr noalias %out)"))
    #expect(run.stdout.contains("define ptr @stratc_strategy_v1()"))
    #expect(!run.stdout.contains("fast"), "no fast-math flags")
  }

  @Test(arguments: [
    ["--backend", "fpga"], ["--cpu", "pentium4"], ["--backend", "jit", "--object", "x.so"],
  ])
  func badBackendFlagsAreUsageErrors(_ flags: [String]) throws {
    let run = try Stratc.run(
      ["backtest", Self.strategy("pairs"), "--data", Self.bars, "--out", Stratc.temporaryDirectory()] + flags)
    #expect(run.status == 2, "\(flags): \(run.stderr)")
  }
}

/// `stratc sweep --backend`: the same CSV from every backend, and native code compiled once per
/// distinct code, not once per run.
@Suite struct SweepBackendTests {
  static func sweep(_ backend: String, _ grid: [String]) throws -> (csv: String, stderr: String) {
    let out = Stratc.temporaryDirectory() + ".csv"
    let run = try Stratc.run(
      ["sweep", BackendTests.strategy("pairs"), "--data", BackendTests.bars, "--out", out, "--quiet", "--jobs", "2",
       "--backend", backend] + grid)
    #expect(run.status == 0, "\(backend): \(run.stderr)")
    return (BackendTests.read(out), run.stderr)
  }

  @Test func valueSweepsShareOneCompiledCode() throws {
    let grid = ["--param", "entry=1.5:2.5:0.5", "--param", "exit=0.25,0.5"]
    let interp = try Self.sweep("interp", grid)
    for backend in ["jit", "aot"] {
      let native = try Self.sweep(backend, grid)
      #expect(native.csv == interp.csv, "\(backend)")
      #expect(native.stderr.contains("6 trials (\(backend): 1 compiled code)"), "\(native.stderr)")
    }
    // The header and six rows, nothing after them; the run ids agree across backends too.
    #expect(interp.csv.split(separator: "\n").count == 7)
  }

  @Test func windowSweepsCompileOneCodePerWindow() throws {
    let grid = ["--param", "lookback=10:30:10", "--param", "entry=1.5,2"]
    let interp = try Self.sweep("interp", grid)
    let jit = try Self.sweep("jit", grid)
    #expect(jit.csv == interp.csv)
    #expect(jit.stderr.contains("6 trials (jit: 3 compiled codes)"), "\(jit.stderr)")
  }

  @Test func bookSweepsShareOneCompiledCodeToo() throws {
    func sweep(_ backend: String) throws -> (csv: String, stderr: String) {
      let out = Stratc.temporaryDirectory() + ".csv"
      let run = try Stratc.run(
        ["sweep", BackendTests.strategy("market_maker"), "--data", BackendTests.lobster, "--order-latency", "100us",
         "--param", "lot=100,200", "--param", "min_spread=0.05,0.1", "--out", out, "--quiet", "--backend", backend])
      #expect(run.status == 0, "\(backend): \(run.stderr)")
      return (BackendTests.read(out), run.stderr)
    }
    let interp = try sweep("interp")
    let aot = try sweep("aot")
    #expect(aot.csv == interp.csv && interp.csv.split(separator: "\n").count == 5)
    #expect(aot.stderr.contains("4 trials (aot: 1 compiled code)"), "\(aot.stderr)")
  }
}
