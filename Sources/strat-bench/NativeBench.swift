import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratMarket
import StratNative
import StratSema

/// The native backends' own figures: compile time and memory per reference strategy, and the
/// latency of one step on a warm strategy.
enum NativeBench {
  struct CompileFigures {
    var name: String
    var jit: Double
    var aot: Double
    var stateBytes: Int
    var instanceBytes: Int
    var objectBytes: Int
  }

  /// Median JIT compile and AOT build (emit + link) time of each reference strategy.
  static func compileTimes(runs: Int) -> [CompileFigures] {
    ["pairs", "bollinger", "logistic", "market_maker", "imbalance_taker", "pairs_bench"].map { name in
      let path = "Strategies/\(name).strat"
      let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
      let module = Compiler.compile(SourceFile(path: path, bytes: bytes)).module!
      var jitTimes: [Double] = []
      var aotTimes: [Double] = []
      var instance = 0
      for _ in 0..<runs {
        var start = now()
        let code = try! NativeBackend.jit(module)
        jitTimes.append(now() - start)
        instance = try! NativeExecutor(code: code).instanceBytes
        start = now()
        _ = try! NativeBackend.aot(module)
        aotTimes.append(now() - start)
      }
      let object = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(name).so").path
      try! NativeBackend.buildObject(module, sourceHash: "", cpu: .generic, to: object)
      let size = (try? FileManager.default.attributesOfItem(atPath: object)[.size] as? Int) ?? 0
      try? FileManager.default.removeItem(atPath: object)
      return CompileFigures(
        name: name, jit: median(jitTimes), aot: median(aotTimes), stateBytes: module.stateBytes,
        instanceBytes: instance, objectBytes: size ?? 0)
    }
  }

  struct Latency {
    var p50: Double
    var p99: Double
    var p999: Double
    var max: Double
    /// The median cost of reading the clock twice, subtracted from every sample.
    var clockOverhead: Double
  }

  /// Per-event latency of one step (both bars set, then the step) on a strategy warmed on the
  /// first half of the data, each event timed on its own with the monotonic clock.
  static func stepLatency(_ executor: some StrategyExecutor, series: [BarSeries]) -> Latency {
    let n = series[0].count
    let (a, b) = (series[0], series[1])
    let closeA = a.close.map(\.doubleValue), closeB = b.close.map(\.doubleValue)
    executor.reset()
    var samples: [Double] = []
    samples.reserveCapacity(n)
    var overhead: [Double] = []
    overhead.reserveCapacity(10_000)
    for _ in 0..<10_000 {
      let t0 = nanos()
      overhead.append(Double(nanos() - t0))
    }
    let clock = median(overhead)
    for i in 0..<n {
      let t0 = nanos()
      executor.setBar(instrument: 0, bar: Bar(open: closeA[i], high: closeA[i], low: closeA[i], close: closeA[i], volume: 0))
      executor.setBar(instrument: 1, bar: Bar(open: closeB[i], high: closeB[i], low: closeB[i], close: closeB[i], volume: 0))
      _ = executor.step(timeNanos: a.times[i])
      let elapsed = Double(nanos() - t0) - clock
      if i >= n / 2 { samples.append(Swift.max(0, elapsed)) }
    }
    samples.sort()
    func percentile(_ p: Double) -> Double { samples[Swift.min(samples.count - 1, Int(p * Double(samples.count)))] }
    return Latency(p50: percentile(0.5), p99: percentile(0.99), p999: percentile(0.999), max: samples.last ?? 0, clockOverhead: clock)
  }

  static func nanos() -> Int64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
  }

  /// Prints the tables.
  static func report(workload: BenchWorkload, series: [BarSeries], runs: Int) {
    print("")
    print("| strategy | JIT compile (median of \(runs)) | AOT build: emit + link | state record | bytes per instance | object file |")
    print("|---|---|---|---|---|---|")
    for f in compileTimes(runs: runs) {
      print(String(format: "| %@ | %.1f ms | %.1f ms | %d B | %d B | %d B |", f.name, f.jit * 1e3, f.aot * 1e3, f.stateBytes, f.instanceBytes, f.objectBytes))
    }
    print("")
    print("| step latency, pairs_bench, warm (per event: 2 bars + step; clock cost subtracted) | p50 | p99 | p99.9 | max |")
    print("|---|---|---|---|---|")
    let module = workload.compileBench()
    let rows: [(String, any StrategyExecutor)] = [
      ("interpreter", try! Interpreter(module: module)),
      ("JIT", try! NativeExecutor(code: NativeBackend.jit(module))),
      ("AOT (--cpu host)", try! NativeExecutor(code: NativeBackend.aot(module, cpu: .host))),
    ]
    var clock = 0.0
    for (name, executor) in rows {
      let l = stepLatency(executor, series: series)
      clock = l.clockOverhead
      print(String(format: "| %@ | %.0f ns | %.0f ns | %.0f ns | %.0f ns |", name, l.p50, l.p99, l.p999, l.max))
    }
    print(String(format: "(reading the clock twice costs %.0f ns, subtracted)", clock))
  }
}
