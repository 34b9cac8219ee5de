import Foundation

/// The hot-swap pause, for `strat-bench --engine --only swap` (run by hand; a test checks its
/// counts, never its times). The engine's day is driven on this thread as `Engine.run` drives
/// it; `lead` events before every `every`-th boundary the next of `versions` is prepared here
/// (standing in for the hot-load thread: build, state plan, warm-up), and the hot thread's
/// part at the boundary — the warm-up's last records, the carry, the swap, its journal record —
/// is the pause `applyHotLoads` measures.
package enum HotSwapProbe {
  package struct Result: Sendable {
    package var swaps = 0
    package var events = 0
    package var pause = LatencySummary([])
    /// Input records the warm-ups replayed off the hot thread, in all.
    package var warmupRecords = 0
  }

  package static func run(
    _ engine: Engine, versions: [EngineSetup.Strategy], every: Int = 1_024, lead: Int = 100
  ) throws(EngineError) -> Result {
    guard let loader = engine.hotLoader, let events = engine.feed.day?.events, every % 256 == 0, lead <= 256 else {
      throw EngineError(id: "bench.swap", message: "the engine needs a watched folder and a replayed day")
    }
    var result = Result()
    var pauses: [UInt64] = []
    var pending: HotLoader.Staged?
    var next = 0
    for event in events {
      let k = Int(engine.delivered)
      if k % every == every - lead {
        pending = loader.prepare(versions[next % versions.count], rollback: false)
        result.warmupRecords += pending?.warmUp.map { Int($0.next - $0.start) } ?? 0
        next += 1
      }
      if k & 255 == 0 {
        _ = try engine.applyCommands()
        try engine.applyHotLoads()
        if let p = pending, p.done.load(ordering: .acquiring) {
          if p.failure == nil && !p.lapped { pauses.append(UInt64(max(p.pauseNanos, 0))) }
          pending = nil
        }
      }
      try engine.deliver(event)
    }
    result.swaps = pauses.count
    result.events = Int(engine.delivered)
    result.pause = LatencySummary(pauses)
    return result
  }
}
