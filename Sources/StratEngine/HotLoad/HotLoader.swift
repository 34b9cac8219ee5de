import Foundation
import StratNative
import Synchronization

/// Hot-load: new versions of running strategies, built and checked off the hot thread and
/// swapped in (or run beside the live one as a shadow) between two events.
/// ```
///   watcher (this thread, every 200 ms) ─┐   stat the strategies folder: a new or changed
///   POST /v1/strategies/… (HTTP thread) ─┤   .strat or .so is a load request (NAME.shadow.*: a shadow)
///                                        ▼
///   hot-load thread: build (JIT or verify + load) → state plan (carry / warm-up on the ring /
///                    reset / refuse) → staged ──(one slot; the hot thread try-locks it every
///                    256 events)──┐
///   hot thread: finish the warm-up, carry slots, copy inputs, swap the executor (or start,
///               promote, drop the shadow; unload), journal it ◀──────────────────────────┘
///                    → the old executor goes back here and is released off the hot thread
///   hot thread, after each step: input record → warm-up ring; shadow step → ShadowLog ring
///                    → drained here every millisecond into shadow_decisions.csv
/// ```
/// A version that does not build, is refused by the object checks, or whose state the policy
/// refuses never replaces the running one; the refusal is logged and counted.
package final class HotLoader: StrategyControl, @unchecked Sendable {
  package enum Policy: String, Sendable { case carry, warmup, reset, refuse }

  let folder: String?
  let builder: any StrategyBuilder
  let policy: Policy
  let log: EngineLog
  let metrics: EngineMetrics
  /// Each running strategy's warm-up ring (the hot thread writes it through its `StepTap`).
  let rings: [String: InputRing]
  /// Each running strategy as the config set it up (params, instrument bindings): a new version
  /// of it is built with the same, as a recovery rebuilds it.
  let configured: [String: EngineSetup.Strategy]
  /// New versions start as shadows (`hotload.shadow`), as do files named `*.shadow.strat|so`.
  let shadowByDefault: Bool
  /// Where `shadow_decisions.csv` goes (`engine.out`); nil: shadows are counted, not logged.
  let out: String?
  /// Each shadow's decision log, drained here (the hot thread fills it).
  let shadowLogs = Mutex<[String: (log: ShadowLog, symbols: [String])]>([:])
  let drainLock = Mutex<Void>(())
  /// Whether a warm-up waits until the hot thread nears a boundary before it hands over (set
  /// false when prepare runs on the hot thread itself: the events would never advance).
  package var waitsForBoundary = true
  private let requests = Mutex<[Request]>([])
  private let staged = Mutex<Staged?>(nil)
  /// Each strategy's versions, oldest first; the last one runs (or is staged).
  private let versions = Mutex<[String: [BuiltStrategy]]>([:])
  private let seen = Mutex<[String: Date]>([:])
  /// Changed files waiting to settle: taken once their time stays the same over one poll and is
  /// half a second old (a file still being written is not built).
  private let settling = Mutex<[String: Date]>([:])
  private let stopping = Atomic<Bool>(false)
  private var thread: Thread?
  private let exited = DispatchSemaphore(value: 0)

  /// Also gives each running strategy a warm-up ring of `warmupRecords` input records, kept by a
  /// `StepTap` on its replay.
  package init(
    folder: String?, builder: any StrategyBuilder, policy: Policy, running: [HostedStrategy], log: EngineLog,
    metrics: EngineMetrics, warmupRecords: Int = EngineSetup.Hotload.defaultWarmupRecords, shadow: Bool = false,
    out: String? = nil
  ) {
    shadowByDefault = shadow
    self.out = out
    // The file is the run's, as trades.csv is: a recovery writes it again from the first event.
    if let out { try? FileManager.default.removeItem(atPath: out + "/shadow_decisions.csv") }
    var rings: [String: InputRing] = [:]
    for s in running {
      let tap = StepTap(ring: InputRing(capacity: warmupRecords, recordBytes: s.runner.executor.inputRecordBytes))
      s.tap = tap
      s.runner.stepObserver = tap
      rings[s.name] = tap.ring
    }
    self.rings = rings
    configured = Dictionary(running.map { ($0.name, $0.setup) }, uniquingKeysWith: { first, _ in first })
    self.folder = folder
    self.builder = builder
    self.policy = policy
    self.log = log
    self.metrics = metrics
    versions.withLock { v in for s in running { v[s.name] = [s.built] } }
    if let folder { seen.withLock { $0 = Self.stamps(folder) } }
  }

  package func start() {
    let thread = Thread { [weak self] in self?.loop() }
    thread.name = "strat-engine.hotload"
    self.thread = thread
    thread.start()
  }

  /// Stops the thread; waits (2 s at most) until it wrote the shadows' last decisions.
  package func stop() {
    stopping.store(true, ordering: .releasing)
    if thread != nil { _ = exited.wait(timeout: .now() + 2) }
  }

  /// The staged version, if there is one and the slot is free now (hot thread; never waits).
  @inline(__always)
  package func takeStaged() -> Staged? {
    staged.withLockIfAvailable { slot -> Staged? in
      defer { slot = nil }
      return slot
    } ?? nil
  }

  /// Asks for `strategy` to be built and swapped in (or started as a shadow).
  package func request(_ strategy: EngineSetup.Strategy, shadow: Bool? = nil) {
    request(.load(strategy, shadow: shadow ?? (shadowByDefault || Self.isShadowName(strategy.path))))
  }

  package func request(_ r: Request) { requests.withLock { $0.append(r) } }

  /// `NAME.shadow.strat`, `NAME.shadow.so`: a file dropped to run as a shadow.
  static func isShadowName(_ path: String) -> Bool { path.hasSuffix(".shadow.strat") || path.hasSuffix(".shadow.so") }

  func stage(_ s: Staged) { staged.withLock { $0 = s } }

  func running(_ name: String) -> BuiltStrategy? { versions.withLock { $0[name]?.last } }

  func record(_ built: BuiltStrategy, as name: String) { versions.withLock { $0[name, default: []].append(built) } }

  func previous(_ name: String) -> BuiltStrategy? {
    versions.withLock { v in
      guard let list = v[name], list.count >= 2 else { return nil }
      return list[list.count - 2]
    }
  }

  func dropLast(_ name: String) { versions.withLock { _ = $0[name]?.popLast() } }

  func allVersions() -> [String: [BuiltStrategy]] { versions.withLock { $0 } }

  private func loop() {
    var pending: Staged?
    while !stopping.load(ordering: .acquiring) {
      if let p = pending, p.done.load(ordering: .acquiring) {
        pending = p.lapped ? rewarmed(p) : nil
        if !p.lapped { finish(p) }
      }
      if pending == nil, let next = nextRequest() { pending = handle(next) }
      let shadows = drainShadows()
      usleep(pending == nil && shadows == 0 ? 200_000 : 1_000)
    }
    _ = drainShadows()
    exited.signal()
  }

  func nextRequest() -> Request? {
    if let r = requests.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return r }
    guard let folder else { return nil }
    let now = Self.stamps(folder)
    let changed = settled(now.filter { stamp in seen.withLock { $0[stamp.key] != stamp.value } })
    seen.withLock { old in for path in changed { old[path] = now[path] } }
    for path in changed.dropFirst() { request(EngineSetup.Strategy(path: path)) }
    return changed.first.map { .load(EngineSetup.Strategy(path: $0), shadow: shadowByDefault || Self.isShadowName($0)) }
  }

  /// The files of `changed` whose time was the same at the previous poll and is 0.5 s old.
  func settled(_ changed: [String: Date]) -> [String] {
    let now = Date()
    return settling.withLock { waiting -> [String] in
      var ready: [String] = []
      for (path, stamp) in changed {
        if waiting[path] == stamp && now.timeIntervalSince(stamp) >= 0.5 {
          ready.append(path)
          waiting[path] = nil
        } else {
          waiting[path] = stamp
        }
      }
      return ready.sorted()
    }
  }

  /// Modification times of the folder's .strat and .so files (a .sig change touches its .so).
  static func stamps(_ folder: String) -> [String: Date] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    var stamps: [String: Date] = [:]
    for name in names where name.hasSuffix(".strat") || name.hasSuffix(".so") || name.hasSuffix(".so.sig") {
      let path = folder + "/" + (name.hasSuffix(".sig") ? String(name.dropLast(4)) : name)
      let date = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.modificationDate] as? Date
      stamps[path] = max(stamps[path] ?? .distantPast, date ?? .distantPast)
    }
    return stamps
  }
}
