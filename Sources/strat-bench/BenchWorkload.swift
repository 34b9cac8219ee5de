import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratMarket
import StratNative
import StratSema

/// The common workload: generated data, the C reference, and stratc's paths over it.
struct BenchWorkload {
  let bars: Int
  let dataDir: String
  let sharedBench: String

  var pathA: String { "\(dataDir)/A_\(bars).csv" }
  var pathB: String { "\(dataDir)/B_\(bars).csv" }
  var refC: String { "\(dataDir)/ref_c" }

  /// Generates the data with the shared generator and builds ref_c, when missing.
  func prepare() throws {
    try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
    if !FileManager.default.fileExists(atPath: pathB) {
      try shell("python3", ["\(sharedBench)/gen_data.py", "\(bars)", dataDir])
    }
    if !FileManager.default.fileExists(atPath: refC) {
      try shell("gcc", ["-O2", "-o", refC, "\(sharedBench)/ref_c.c", "-lm"])
    }
  }

  struct CResult {
    var load: Double
    var loop: Double
    var answer: String
  }

  /// Runs ref_c `runs` times; medians of its own load and loop timings.
  func runReferenceC(runs: Int) -> CResult {
    var loads: [Double] = []
    var loops: [Double] = []
    var answer = ""
    for _ in 0..<runs {
      let text = (try? capture(refC, ["pairs", pathA, pathB])) ?? "{}"
      let json = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
      loads.append(json["load_s"] as? Double ?? .nan)
      loops.append(json["loop_s"] as? Double ?? .nan)
      answer = "fills \(json["fills"] ?? "?"), A \(json["posA"] ?? "?"), B \(json["posB"] ?? "?"), P&L \(json["pnl"] ?? "?")"
    }
    return CResult(load: median(loads), loop: median(loops), answer: answer)
  }

  /// Times reading both CSV files into bar series as `stratc backtest` does (one file per
  /// thread, `MarketDataSource.load`).
  func measureCSV(runs: Int) -> (seconds: Double, series: [BarSeries]) {
    var times: [Double] = []
    var series: [BarSeries] = []
    for _ in 0..<runs {
      let start = now()
      series = try! MarketDataSource.load(specs: ["A=\(pathA)", "B=\(pathB)"])
      times.append(now() - start)
    }
    return (median(times), series)
  }

  func compileBench() -> IRModule {
    let source = try! String(contentsOfFile: "Strategies/pairs_bench.strat", encoding: .utf8)
    let result = Compiler.compile(SourceFile(path: "Strategies/pairs_bench.strat", text: source))
    guard let module = result.module else { fatalError("pairs_bench.strat does not compile") }
    return module
  }

  /// The executor alone: setBar for both instruments and one step per timestamp.
  func measureInterpreter(series: [BarSeries], runs: Int) -> (seconds: Double, decisions: Int) {
    measureExecutor(try! Interpreter(module: compileBench()), series: series, runs: runs)
  }

  /// The same loop with the strategy as native code (compile time not counted).
  func measureNative(series: [BarSeries], runs: Int, compile: (IRModule) throws -> NativeCode)
    -> (seconds: Double, decisions: Int, compile: Double)
  {
    let module = compileBench()
    let start = now()
    let executor = try! NativeExecutor(code: compile(module))
    let compileSeconds = now() - start
    let (seconds, decisions) = measureExecutor(executor, series: series, runs: runs)
    return (seconds, decisions, compileSeconds)
  }

  /// The executor's step loop alone over both series: set both bars, step.
  func measureExecutor(_ executor: some StrategyExecutor, series: [BarSeries], runs: Int)
    -> (seconds: Double, decisions: Int)
  {
    let n = series[0].count
    let a = series[0]
    let b = series[1]
    let closeA = a.close.map(\.doubleValue)
    let closeB = b.close.map(\.doubleValue)
    let openA = a.open.map(\.doubleValue)
    let openB = b.open.map(\.doubleValue)
    var times: [Double] = []
    var decisions = 0
    for _ in 0..<runs {
      executor.reset()
      decisions = 0
      let start = now()
      for i in 0..<n {
        executor.setBar(instrument: 0, bar: Bar(open: openA[i], high: openA[i], low: openA[i], close: closeA[i], volume: 0))
        executor.setBar(instrument: 1, bar: Bar(open: openB[i], high: openB[i], low: openB[i], close: closeB[i], volume: 0))
        decisions &+= executor.step(timeNanos: a.times[i])
      }
      times.append(now() - start)
    }
    return (median(times), decisions)
  }

  /// The backtester's whole loop: fills, ledger, risk, equity per step.
  func measureBacktestLoop(series: [BarSeries], runs: Int, executor: some StrategyExecutor) -> (seconds: Double, answer: String) {
    let config = BacktestConfig(seriesForInstrument: [0, 1], fill: .close, fees: .none, backend: "bench", params: nil)
    var times: [Double] = []
    var answer = ""
    for _ in 0..<runs {
      executor.reset()
      let start = now()
      let result = try! Backtester(series: series, config: config).run(executor)
      times.append(now() - start)
      answer = "fills \(result.metrics.trades), A \(result.positions[0]), B \(result.positions[1]), P&L \(result.metrics.pnl)"
    }
    return (median(times), answer)
  }

  /// The whole `stratc backtest` process, as a user runs it: read, compile, run, write files.
  func measureWholeStratc(runs: Int) -> Double {
    let out = dataDir + "/out"
    var times: [Double] = []
    for _ in 0..<runs {
      let start = now()
      _ = try? capture(".build/release/stratc", [
        "backtest", "Strategies/pairs_bench.strat", "--data", "A=\(pathA)", "--data", "B=\(pathB)",
        "--fill", "close", "--out", out, "--quiet",
      ])
      times.append(now() - start)
    }
    return median(times)
  }
}

/// `stratc check` time per reference strategy, in process.
enum CheckTimes {
  static func measure(root: String, runs: Int) -> [(String, Double)] {
    ["pairs", "bollinger", "logistic", "pairs_bench"].map { name in
      let path = "Strategies/\(name).strat"
      var times: [Double] = []
      for _ in 0..<runs {
        let start = now()
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        _ = Compiler.compile(SourceFile(path: path, bytes: bytes))
        times.append(now() - start)
      }
      return (name, median(times))
    }
  }
}

func now() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

@discardableResult
func capture(_ executable: String, _ args: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") || executable.hasPrefix(".") ? executable : "/usr/bin/env")
  process.arguments = executable.hasPrefix("/") || executable.hasPrefix(".") ? args : [executable] + args
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw NSError(domain: "strat-bench", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "\(executable) \(args.joined(separator: " ")) failed"])
  }
  return String(decoding: data, as: UTF8.self)
}

func shell(_ executable: String, _ args: [String]) throws { try capture(executable, args) }
