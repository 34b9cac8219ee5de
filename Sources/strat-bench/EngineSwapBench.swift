import Foundation
import StratEngine
import Synchronization

/// `strat-bench --engine --only swap`: the hot-swap pause on the LOBSTER day (Examples/engine/
/// paper.toml's venue, journaled), a breakout strategy over 20 steps swapped every 1,024 events:
/// with its state carried (the versions differ in a parameter), and warmed up (the versions'
/// windows differ, 10 and 20 steps), the warm-up prepared 8, 100 or 250 events before the swap
/// on the driving thread, or on a thread of its own as the hot-load thread does it.
func reportSwap(_ bench: EngineBenchSetup, runs: Int) throws {
  let folder = bench.dataDir + "/engine-swap"
  try? FileManager.default.removeItem(atPath: folder)
  try FileManager.default.createDirectory(atPath: folder + "/v", withIntermediateDirectories: true)
  func version(_ name: String, window: Int, lot: Int) throws -> EngineSetup.Strategy {
    let text = """
      strategy breakout
      instrument s = "GOOG"
      param lot: Qty = \(lot)
      let hi = highest(s.mid, \(window))
      let lo = lowest(s.mid, \(window))
      when s.mid >= hi and s.mid > lo { target s = lot }
      when s.mid <= lo and s.mid < hi { target s = -lot }
      """
    try text.write(toFile: folder + "/v/\(name).strat", atomically: true, encoding: .utf8)
    return EngineSetup.Strategy(path: folder + "/v/\(name).strat")
  }
  let live = try version("live", window: 20, lot: 100)
  let carried = [try version("lot200", window: 20, lot: 200), try version("lot100", window: 20, lot: 100)]
  let warmed = [try version("w10", window: 10, lot: 100), try version("w20", window: 20, lot: 100)]
  print("\nHot-swap pause: the hot thread's part of a swap between two events (carry or the warm-up's last records, swap, journal record); breakout over 20 steps on the LOBSTER day, a swap every 1,024 events\n")
  print("| state | prepared before the swap | swaps | warm-up records replayed off the hot thread (mean) | p50 | p99 | max |")
  print("|---|---|---|---|---|---|---|")
  let cases: [(HotLoader.Policy, [EngineSetup.Strategy], [Int?])] = [(.carry, carried, [100]), (.warmup, warmed, [8, 100, 250, nil])]
  for (policy, versions, leads) in cases {
    for lead in leads {
      var setup = try bench.setup(strategies: 1, journal: folder + "/journal-\(policy)-\(lead ?? 0)")
      setup.strategies = [live]
      setup.hotload = .init(folder: folder + "/v", policy: policy)
      let engine = try Engine(setup: setup, builder: CachingBuilder(), log: bench.quietLog())
      let r = try HotSwapProbe.run(engine, versions: versions, lead: lead)
      let when = lead.map { "\($0) events (here)" } ?? "on its own thread, handing over near a boundary"
      print(String(format: "| %@ | %@ | %d | %.0f | %.2f µs | %.2f µs | %.2f µs |", policy.rawValue, when, r.swaps,
        Double(r.warmupRecords) / Double(max(r.swaps, 1)), Double(r.pause.p50) / 1e3, Double(r.pause.p99) / 1e3, Double(r.pause.max) / 1e3))
    }
  }
}

/// Builds each file once and hands out the same version again (its executor is reset by the
/// warm-up or overwritten by the carry), so that swaps are not paced by the JIT: the version
/// swapped out is never stepped again before it comes back.
final class CachingBuilder: StrategyBuilder, @unchecked Sendable {
  private let built = Mutex<[String: BuiltStrategy]>([:])

  func build(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy {
    if let b = built.withLock({ $0[strategy.path] }) { return b }
    let b = try BenchStrategyBuilder().build(strategy)
    built.withLock { $0[strategy.path] = b }
    return b
  }
}
