import Foundation
import StratEngine
import StratJournal

/// `strat-bench --engine [--runs R] [--cpu N] [--only tick|loop|recovery|swap]`: the live engine's figures
/// for BENCHMARKS.md ("The engine (issue 11)"), run by hand from the repository root on a
/// release build. The thread is pinned to CPU N (default 1) first; the C loop of ../shared/bench
/// runs in the same process run as the peer for events/s.
func runEngineBench(root: String, dataDir: String, runs: Int, cpu: Int, counts: [Int], only: String?) -> Never {
  let pinned = pinThread(to: cpu) ? "thread pinned to CPU \(cpu) (sched_getcpu: \(currentCPU()))" : "thread NOT pinned (sched_setaffinity refused CPU \(cpu))"
  let bench = EngineBenchSetup(root: root, dataDir: dataDir)
  do {
    print("strat-bench --engine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage()), \(pinned)")
    if only == nil || only == "tick" { EngineTickBench.report(try EngineTickBench(bench: bench, runs: runs).run(), cpu: pinned) }
    if only == nil || only == "loop" { try reportLoop(bench, runs: runs, counts: counts) }
    if only == nil || only == "recovery" { try reportRecovery(bench, runs: runs) }
    if only == nil || only == "swap" { try reportSwap(bench, runs: runs) }
    print("\nload average at the end: \(loadAverage())")
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("strat-bench --engine: \(error)\n".utf8))
    exit(1)
  }
}

func reportLoop(_ bench: EngineBenchSetup, runs: Int, counts: [Int]) throws {
  let loops = EngineLoopBench(bench: bench, runs: runs)
  let workload = BenchWorkload(bars: 1_000_000, dataDir: bench.dataDir, sharedBench: bench.root + "/../shared/bench")
  try workload.prepare()
  let c = workload.runReferenceC(runs: runs)
  let cRate = 2e6 / c.loop
  print("\nSustained events/s: Engine.run on the LOBSTER day in virtual time (Examples/engine/paper.toml), "
    + "n copies of market_maker, median of \(runs) runs, wall time\n")
  print("| strategies | journal | events | run (hot thread CPU) | events/s | strategy-events/s | vs C loop (ref_c, pairs) | vs hftbacktest (3.9 M msg/s, published) | journal records |")
  print("|---|---|---|---|---|---|---|---|---|")
  print(String(format: "| C loop, ../shared/bench ref_c pairs (gcc -O2) | | 2000000 | %.1f ms | %.2f M | | 1 | | |", c.loop * 1e3, cRate / 1e6))
  for n in counts {
    for journal in [false, true] {
      let r = try loops.loop(strategies: n, journal: journal)
      let rate = Double(r.events) / r.seconds
      print(String(format: "| %d | %@ | %d | %.1f ms (%.1f ms) | %.2f M | %.2f M | %.3f× | %.2f× | %@ |", n, journal ? "fsync'd" : "none",
        r.events, r.seconds * 1e3, r.cpuSeconds * 1e3, rate / 1e6, rate * Double(n) / 1e6, rate / cRate, rate / 3.9e6, journal ? "\(r.records)" : ""))
    }
  }
}

func reportRecovery(_ bench: EngineBenchSetup, runs: Int) throws {
  let loops = EngineLoopBench(bench: bench, runs: runs)
  let one = try loops.loop(strategies: 1, journal: true)
  let r = try loops.recovery(records: 1_000_000, perStrategy: max(1, one.records - 3))
  let day = try loops.recovery(records: 1, perStrategy: 1)
  let j = try EngineJournalBench(folder: bench.dataDir + "/engine-journal-only", runs: runs).run(records: 1_000_000)
  print("\nRecovery (page cache warm), median of \(runs) restarts; target: a 1 M-record journal ≤ 1 s\n")
  print("| what | records | open | re-run / check | total |")
  print("|---|---|---|---|---|")
  print(String(format: "| engine restart on a finished day's journal: Engine.init (feed load, %d JIT builds, journal open) + run() re-running the day against it | %d | %.0f ms | %.0f ms | %.0f ms |",
    r.strategies, r.records, r.open * 1e3, r.rerun * 1e3, (r.open + r.rerun) * 1e3))
  print(String(format: "| the same for one strategy's day (Examples/engine/paper.toml as it is) | %d | %.0f ms | %.0f ms | %.0f ms |",
    day.records, day.open * 1e3, day.rerun * 1e3, (day.open + day.rerun) * 1e3))
  print(String(format: "| EngineJournal alone: open (map, CRC, copy) + compare every record (66-byte order rows) | %d | %.0f ms | %.0f ms | %.0f ms |",
    j.records, j.open * 1e3, j.check * 1e3, (j.open + j.check) * 1e3))
  print(String(format: "(writing that journal through EngineJournal, synced once at the end: %.0f ms)", j.write * 1e3))
  print("\nJournal appends/s with fsync (StratJournal's JournalBenchmark, as strat-bench --journal):")
  print(try JournalBenchmark.run(folder: bench.dataDir + "/engine-journal-appends").report)
}

func loadAverage() -> String {
  var loads = [Double](repeating: 0, count: 3)
  return getloadavg(&loads, 3) == 3 ? String(format: "%.2f %.2f %.2f", loads[0], loads[1], loads[2]) : "unknown"
}
