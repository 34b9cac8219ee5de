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

/// The order-book figures of issue 10: the loop of the market_maker backtest on the LOBSTER GOOG
/// day (message_10 with its orderbook file; venue, fills, ledger, equity per event) timed alone
/// with the JIT and the interpreter, and the whole `stratc backtest --timing` process from the
/// gzipped LOBSTER files and from the tick store, with the share of its time spent loading.
struct BookLoopBench {
  let root: String
  let dataDir: String
  let runs: Int

  var lobsterMessages: String {
    root + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
  }

  /// The venue settings of every figure: 100 µs order latency, no feed latency, no fees.
  static let config = BookBacktestConfig(
    venue: VenueConfig(orderLatency: .constant(nanos: 100_000)),
    feedInstrumentForInstrument: [0], symbols: ["GOOG"], backend: "bench")

  struct Loop {
    var events: Int
    var seconds: Double
    var answer: String
  }

  /// Median time of `BookBacktester.run` alone, the feed already in memory, in thread CPU time
  /// (steadier than wall time on a machine shared with builds).
  func loop(_ feed: BookFeed, executor: some StrategyExecutor, runs: Int) -> Loop {
    var times: [Double] = []
    var answer = ""
    for _ in 0..<runs {
      let start = Self.threadCPUTime()
      let result = try! BookBacktester(events: feed.events, snapshots: feed.snapshots, config: Self.config)
        .run(executor)
      times.append(Self.threadCPUTime() - start)
      answer = "P&L \(result.metrics.pnl), \(result.metrics.trades) fills"
    }
    return Loop(events: feed.events.count, seconds: median(times), answer: answer)
  }

  static func threadCPUTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  func marketMaker() -> IRModule {
    let path = root + "/Strategies/market_maker.strat"
    let source = try! String(contentsOfFile: path, encoding: .utf8)
    return Compiler.compile(SourceFile(path: path, text: source)).module!
  }

  /// The four `--timing` figures of the whole process (median run by total).
  func wholeProcess(data: String) -> (load: Double, compile: Double, loop: Double, write: Double)? {
    let out = dataDir + "/out-book"
    var samples: [(Double, Double, Double, Double)] = []
    for _ in 0..<runs {
      guard (try? capture(".build/release/stratc", [
        "backtest", "Strategies/market_maker.strat", "--data", data, "--order-latency", "100us",
        "--out", out, "--quiet", "--timing",
      ])) != nil,
        let bytes = FileManager.default.contents(atPath: out + "/summary.json"),
        let json = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
        let t = json["timing"] as? [String: Double]
      else { return nil }
      samples.append((t["load_s"] ?? .nan, t["compile_s"] ?? .nan, t["loop_s"] ?? .nan, t["write_s"] ?? .nan))
    }
    samples.sort { $0.0 + $0.1 + $0.2 + $0.3 < $1.0 + $1.1 + $1.2 + $1.3 }
    let m = samples[samples.count / 2]
    return (m.0, m.1, m.2, m.3)
  }

  /// Imports the day into a tick store under `dataDir` (once); the orders file's path.
  func tickStore() -> String? {
    let store = dataDir + "/book-store"
    let path = store + "/GOOG/2012-06-21.tick"
    if !FileManager.default.fileExists(atPath: path) {
      guard (try? capture(".build/release/stratc", ["data", "import", lobsterMessages, "--store", store])) != nil
      else { return nil }
    }
    return path
  }

  /// Prints the table.
  func run() throws {
    let start = now()
    let feed = try BookFeed.load(path: lobsterMessages)
    let load = now() - start
    let module = marketMaker()
    let jit = loop(feed, executor: try NativeExecutor(code: NativeBackend.jit(module)), runs: runs)
    let interp = loop(feed, executor: try Interpreter(module: module), runs: runs)
    func rate(_ l: Loop) -> String { String(format: "%6.2f M msg/s (%.1f ms)", Double(l.events) / l.seconds / 1e6, l.seconds * 1e3) }
    print("\nOrder books: market_maker on the LOBSTER GOOG day (message_10 + orderbook_10, \(feed.events.count) messages), "
      + "100 µs order latency; median of \(runs) runs; loops in thread CPU time, the whole process in wall time\n")
    print("| what | figure | target |")
    print("|---|---|---|")
    print("| backtest loop, JIT (venue + fills + ledger + equity per message) | \(rate(jit)) | ≥ 8 M msg/s |")
    print("| backtest loop, interpreter | \(rate(interp)) | |")
    print(String(format: "| loading both gzipped files in process (BookFeed.load) | %.1f ms | |", load * 1e3))
    for (label, data) in [("gzipped LOBSTER files", lobsterMessages), ("tick store", tickStore())] {
      guard let data, let t = wholeProcess(data: data) else {
        print("| whole `stratc backtest --timing`, \(label) | failed | |")
        continue
      }
      let total = t.load + t.compile + t.loop + t.write
      print(String(format: "| whole `stratc backtest --timing`, %@: load / compile / loop / write | %.1f / %.1f / %.1f / %.1f ms, load %.0f %% | %@ |",
        label, t.load * 1e3, t.compile * 1e3, t.loop * 1e3, t.write * 1e3, 100 * t.load / total,
        label == "tick store" ? "load < 10 %" : ""))
    }
    print("\nanswers: JIT \(jit.answer); interpreter \(interp.answer)")
  }
}
