import Foundation
import Synchronization

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

  /// With `lead` nil the preparation runs on a thread of its own, started `every` − 256 events
  /// before the boundary, as the hot-load thread does it (a warm-up then hands over in the last
  /// 16 events before a boundary).
  package static func run(
    _ engine: Engine, versions: [EngineSetup.Strategy], every: Int = 1_024, lead: Int? = 100
  ) throws(EngineError) -> Result {
    guard let loader = engine.hotLoader, let events = engine.feed.day?.events, every % 256 == 0, every >= 512, (lead ?? 0) <= 256 else {
      throw EngineError(id: "bench.swap", message: "the engine needs a watched folder and a replayed day")
    }
    loader.waitsForBoundary = lead == nil
    var result = Result()
    var pauses: [UInt64] = []
    var pending: HotLoader.Staged?
    let preparing = Mutex<HotLoader.Staged?>(nil)
    var next = 0
    var launched = false
    for event in events {
      let k = Int(engine.delivered)
      if k % every == every - (lead ?? 512), !launched {
        let version = versions[next % versions.count]
        if lead != nil {
          pending = loader.prepare(version, rollback: false)
          result.warmupRecords += pending?.warmUp.map { Int($0.next - $0.start) } ?? 0
        } else {
          launched = true
          Thread { preparing.withLock { $0 = loader.prepare(version, rollback: false) } }.start()
        }
        next += 1
      }
      if lead == nil, pending == nil, let p = preparing.withLock({ p -> HotLoader.Staged? in defer { p = nil }; return p }) {
        pending = p
        result.warmupRecords += p.warmUp.map { Int($0.next - $0.start) } ?? 0
      }
      if k & 255 == 0 {
        _ = try engine.applyCommands()
        try engine.applyHotLoads()
        if let p = pending, p.done.load(ordering: .acquiring) {
          if p.failure == nil && !p.lapped { pauses.append(UInt64(max(p.pauseNanos, 0))) }
          pending = nil
          launched = false
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
