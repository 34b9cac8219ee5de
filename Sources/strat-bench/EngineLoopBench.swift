import Foundation
import StratEngine
import StratJournal

/// Sustained events/s of `Engine.run` on the LOBSTER day in virtual time (the example config:
/// 20 µs feed and 100 µs order latency, fees, risk limits), with and without the journal, for
/// 1, 2, 4 … copies of market_maker; and the engine's recovery from a journal of ≥ 1 M records.
/// Wall time on the pinned thread; the journal's syncer thread runs where the kernel puts it.
struct EngineLoopBench {
  let bench: EngineBenchSetup
  let runs: Int

  struct Row {
    var strategies: Int
    var journal: Bool
    var events: Int
    var seconds: Double
    /// The hot thread's own CPU time (the journal's syncer runs on another thread).
    var cpuSeconds: Double
    var records: Int
  }

  /// Median wall time of `run()` over `runs` fresh engines (feed load and JIT not timed).
  func loop(strategies: Int, journal: Bool) throws -> Row {
    var times: [Double] = [], cpu: [Double] = []
    var events = 0, records = 0
    let folder = bench.dataDir + "/engine-journal"
    for _ in 0..<runs {
      try? FileManager.default.removeItem(atPath: folder)
      let engine = try Engine(
        setup: bench.setup(strategies: strategies, journal: journal ? folder : nil), builder: BenchStrategyBuilder(),
        log: bench.quietLog())
      let start = monotonicSeconds(), startCPU = BookLoopBench.threadCPUTime()
      let outcome = try engine.run()
      times.append(monotonicSeconds() - start)
      cpu.append(BookLoopBench.threadCPUTime() - startCPU)
      events = Int(outcome.events)
      if journal { records = try JournalReader(folder: folder).recordCount }
    }
    return Row(strategies: strategies, journal: journal, events: events, seconds: median(times), cpuSeconds: median(cpu), records: records)
  }

  struct Recovery {
    var strategies = 0, records = 0
    /// `Engine.init` on the journal: feed load, JIT, journal open (read, check, copy).
    var open = 0.0
    /// `run()`: the day re-run, each record compared with the journaled one.
    var rerun = 0.0
  }

  /// Journals a day with enough copies of the strategy for ≥ `records` records, then restarts
  /// on that journal `runs` times (median by total).
  func recovery(records wanted: Int, perStrategy: Int) throws -> Recovery {
    let count = max(1, (wanted + perStrategy - 1) / perStrategy)
    let folder = bench.dataDir + "/engine-recovery"
    try? FileManager.default.removeItem(atPath: folder)
    let setup = try bench.setup(strategies: count, journal: folder)
    _ = try Engine(setup: setup, builder: BenchStrategyBuilder(), log: bench.quietLog()).run()
    var samples: [Recovery] = []
    for _ in 0..<runs {
      var r = Recovery(strategies: count, records: try JournalReader(folder: folder).recordCount)
      let start = monotonicSeconds()
      let engine = try Engine(setup: setup, builder: BenchStrategyBuilder(), log: bench.quietLog())
      let opened = monotonicSeconds()
      _ = try engine.run()
      r.open = opened - start
      r.rerun = monotonicSeconds() - opened
      samples.append(r)
    }
    try? FileManager.default.removeItem(atPath: folder)
    return samples.sorted { $0.open + $0.rerun < $1.open + $1.rerun }[samples.count / 2]
  }
}
