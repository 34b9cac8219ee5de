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

// strat-bench: the interpreter, the JIT and AOT code on the common pairs workload
// (../shared/bench), side by side with the hand-written C loop and the peer (backtrader) in the
// same run, plus the whole `stratc backtest` against the whole C program, compile times, memory
// and step latency per strategy, and the market-data table. Ratios, not absolute times, matter.
//
// usage: strat-bench [--bars N] [--runs R] [--copies C] [--market-only | --book-only | --no-market]
//        strat-bench --profile-book [--runs R]   only the LOBSTER-day book loop (JIT), for perf
//        strat-bench --profile-backtest [--null] [--runs R]   only the backtest loop (JIT, or a
//        strategy that does nothing), for perf
//        strat-bench --engine [--runs R] [--cpu N] [--only tick|loop|recovery|swap]   the live engine: tick-to-order, events/s, recovery, hot-swap pause
//        strat-bench --models [--events N] [--runs R]   a tree model per event: stratc's backends beside TL2cgen's C
//        strat-bench --fix [--runs R]   FIX encode/decode, matching, a round trip to strat-venue, tick to FIX bytes
//        (run from the repository root, release build)

let arguments = CommandLine.arguments
func option(_ name: String, default value: Int) -> Int {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return value }
  return v
}
let bars = option("--bars", default: 1_000_000)
let runs = option("--runs", default: 5)
let root = FileManager.default.currentDirectoryPath
let shared = root + "/../shared/bench"
let dataDir = root + "/bench-data"

try? FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
if arguments.contains("--engine") { runEngineBench(root: root, dataDir: dataDir, runs: runs, cpu: option("--cpu", default: 1), counts: [1, 2, 4, 8], only: arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }) }
if arguments.contains("--fix") {
  do {
    try FIXBench(bench: EngineBenchSetup(root: root, dataDir: dataDir), runs: runs).run()
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("strat-bench --fix: \(error)\n".utf8))
    exit(1)
  }
}
if arguments.contains("--models") {
  do {
    try ModelBench(root: root, dataDir: dataDir, runs: runs, events: option("--events", default: 1_000_000)).run()
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("strat-bench --models: \(error)\n".utf8))
    exit(1)
  }
}
if arguments.contains("--journal") { runJournalBench(dataDir: dataDir, appends: option("--appends", default: 2_000_000), records: option("--records", default: 1_000_000)) }
let market = MarketDataBench(
  root: root, dataDir: dataDir, copies: option("--copies", default: 20), runs: runs)
if arguments.contains("--profile-backtest") {
  // For perf: only the backtester's loop with the JIT, many times.
  let workload = BenchWorkload(bars: bars, dataDir: dataDir, sharedBench: shared)
  let series = workload.measureCSV(runs: 1).series
  let executor = try! NativeExecutor(code: NativeBackend.jit(workload.compileBench()))
  if arguments.contains("--null") {
    print(workload.measureBacktestLoop(series: series, runs: runs, executor: NullExecutor(like: executor.interface)))
  } else {
    print(workload.measureBacktestLoop(series: series, runs: runs, executor: executor))
  }
  exit(0)
}
let books = BookLoopBench(root: root, dataDir: dataDir, runs: runs)
if arguments.contains("--book-only") {
  do {
    try books.run()
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("strat-bench: \(error)\n".utf8))
    exit(1)
  }
}
if arguments.contains("--profile-book") {
  // For perf: only the book backtest loop with the JIT, many times.
  let feed = try! BookFeed.load(path: books.lobsterMessages)
  let executor = try! NativeExecutor(code: NativeBackend.jit(books.marketMaker()))
  let loop = books.loop(feed, executor: executor, runs: runs)
  print("\(loop.events) messages, \(loop.seconds * 1e3) ms median, \(loop.answer)")
  exit(0)
}
if arguments.contains("--market-only") {
  do {
    try market.run()
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("strat-bench: \(error)\n".utf8))
    exit(1)
  }
}

let workload = BenchWorkload(bars: bars, dataDir: dataDir, sharedBench: shared)
do {
  try workload.prepare()
} catch {
  FileHandle.standardError.write(Data("strat-bench: \(error)\n".utf8))
  exit(1)
}

print("strat-bench: pairs workload, \(bars) bars × 2 instruments = \(2 * bars) events, median of \(runs) runs")
print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; \(ProcessInfo.processInfo.operatingSystemVersionString)")
print("")

let c = workload.runReferenceC(runs: runs)
let load = workload.measureCSV(runs: runs)
let interp = workload.measureInterpreter(series: load.series, runs: runs)
let jit = workload.measureNative(series: load.series, runs: runs) { try NativeBackend.jit($0) }
let aot = workload.measureNative(series: load.series, runs: runs) { try NativeBackend.aot($0, cpu: .host) }
let aotGeneric = workload.measureNative(series: load.series, runs: runs) { try NativeBackend.aot($0, cpu: .generic) }
let backtest = workload.measureBacktestLoop(series: load.series, runs: runs, executor: try! Interpreter(module: workload.compileBench()))
let backtestJIT = workload.measureBacktestLoop(
  series: load.series, runs: runs, executor: try! NativeExecutor(code: NativeBackend.jit(workload.compileBench())))
let harness = workload.measureBacktestLoop(
  series: load.series, runs: runs, executor: NullExecutor(like: try! Interpreter(module: workload.compileBench()).interface))
let whole = workload.measureWholeStratc(runs: runs)
let checks = CheckTimes.measure(root: root, runs: 20)

let events = Double(2 * bars)
func rate(_ seconds: Double) -> String { String(format: "%7.2f M events/s", events / seconds / 1e6) }
func ratio(_ seconds: Double, _ reference: Double) -> String { String(format: "%6.3f×", reference / seconds) }

print("| what | time | rate | vs C |")
print("|---|---|---|---|")
print("| C loop (ref_c, gcc -O2, O(1) sums) | \(ms(c.loop)) | \(rate(c.loop)) | 1 |")
print("| stratc interpreter, executor loop only | \(ms(interp.seconds)) | \(rate(interp.seconds)) | \(ratio(interp.seconds, c.loop)) |")
print("| stratc LLVM JIT, executor loop only (compile \(String(format: "%.1f", jit.compile * 1e3)) ms) | \(ms(jit.seconds)) | \(rate(jit.seconds)) | \(ratio(jit.seconds, c.loop)) |")
print("| stratc AOT object (--cpu host), executor loop only (build \(String(format: "%.1f", aot.compile * 1e3)) ms) | \(ms(aot.seconds)) | \(rate(aot.seconds)) | \(ratio(aot.seconds, c.loop)) |")
print("| stratc AOT object (--cpu generic), executor loop only | \(ms(aotGeneric.seconds)) | \(rate(aotGeneric.seconds)) | \(ratio(aotGeneric.seconds, c.loop)) |")
print("| stratc backtest loop (interpreter + fills + ledger + equity) | \(ms(backtest.seconds)) | \(rate(backtest.seconds)) | \(ratio(backtest.seconds, c.loop)) |")
print("| stratc backtest loop (JIT + fills + ledger + equity) | \(ms(backtestJIT.seconds)) | \(rate(backtestJIT.seconds)) | \(ratio(backtestJIT.seconds, c.loop)) |")
print("| the backtester alone, around a strategy that does nothing (merge, bars, equity per step, metrics) | \(ms(harness.seconds)) | \(rate(harness.seconds)) | \(ratio(harness.seconds, c.loop)) |")
print("| C CSV load (strtod), both files | \(ms(c.load)) | | 1 |")
print("| stratc CSV load, both files (one thread each, all six columns to fixed point) | \(ms(load.seconds)) | | \(ratio(load.seconds, c.load)) |")
print("| C whole program (load + loop) | \(ms(c.load + c.loop)) | | 1 |")
print("| `stratc backtest` whole process (read, compile, run, write files) | \(ms(whole)) | | \(ratio(whole, c.load + c.loop)) |")
if let peer = try? PeerBench(dataDir: dataDir, sharedBench: shared).run() {
  print(String(format: "| backtrader 1.9 (peer, Python), its run only, on 100,000 bars | | %7.3f M events/s | 1/%.0f |", peer.rate / 1e6, events / c.loop / peer.rate))
  print("")
  print("peer answer on 100,000 bars: \(peer.answer) (known: fills 7,596, A +100, B −100, P&L 1,232.00)")
} else {
  print("| backtrader (peer) | not installed: Benchmarks/install-peer.sh | | |")
}
print("")
print("answers: C \(c.answer); stratc \(backtest.answer)")
print("known (../shared/bench/README.md, N = 1,000,000): fills 76,330, A +100, B −100, P&L 10,295.00")
print("")
print("| strategy | stratc check (in process, median of 20) |")
print("|---|---|")
for (name, seconds) in checks { print("| \(name) | \(String(format: "%.2f ms", seconds * 1e3)) |") }

NativeBench.report(workload: workload, series: load.series, runs: runs)

func ms(_ seconds: Double) -> String { String(format: "%8.1f ms", seconds * 1e3) }

if !arguments.contains("--no-market") {
  do {
    try market.run()
    try books.run()
  } catch {
    FileHandle.standardError.write(Data("strat-bench: \(error)\n".utf8))
    exit(1)
  }
}
