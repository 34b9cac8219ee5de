import Foundation
import StratNative
import StratRuntime

/// Shadow (canary) versions and unloads, on the hot thread between two events. A shadow steps
/// after each live step on the same input record (`StepTap`); its decisions are compared and
/// logged, never routed. Each action is journaled, so a recovery applies it at the same event.
extension Engine {
  /// Starts a staged shadow beside `host`: warmed up on the ring, or with the live state carried.
  func startShadow(_ staged: HotLoader.Staged, beside host: HostedStrategy) throws(EngineError) {
    guard let built = staged.built, let tap = host.tap, let log = staged.shadowLog else { return }
    guard tap.shadow == nil else {
      staged.failure = "`\(host.name)` already has a shadow"
      return
    }
    var records: UInt32 = 0
    if let warmUp = staged.warmUp {
      guard warmUp.finish(built.executor, ring: tap.ring) else {
        staged.lapped = true
        return
      }
      records = UInt32(clamping: tap.ring.count - warmUp.start)
    } else if let carry = staged.carry {
      host.runner.executor.withState { from in built.executor.withState { to in carry.apply(from: from, to: to) } }
    }
    built.executor.copyInputs(from: host.runner.executor)
    tap.shadow = ShadowRun(built: built, path: staged.setup.path, log: log, metrics: metrics)
    let state: UInt8 = staged.warmUp != nil ? 2 : staged.carry != nil ? 1 : 0
    try journal?.append(.shadow, ShadowRecord(
      events: delivered, strategy: host.index, action: .start, state: state, warmupRecords: records,
      blob: built.blob(path: staged.setup.path)).bytes)
  }

  /// The shadow becomes the live version, with the state it built on live data.
  func promoteShadow(_ staged: HotLoader.Staged?, of host: HostedStrategy) throws(EngineError) {
    guard let shadow = host.tap?.shadow else {
      staged?.failure = "`\(host.name)` has no shadow to promote"
      return
    }
    host.tap?.shadow = nil
    // Not `staged?.retired = swap(…)`: with no staged request (a recovery) that would skip the swap.
    let old = swap(host, to: shadow.built, carry: nil)
    staged?.retired = old
    hotLoader?.record(shadow.built, as: host.name)
    try journal?.append(.shadow, ShadowRecord(events: delivered, strategy: host.index, action: .promote).bytes)
  }

  /// Drops the shadow; the live version goes on as it was.
  func discardShadow(_ staged: HotLoader.Staged?, of host: HostedStrategy) throws(EngineError) {
    guard let shadow = host.tap?.shadow else {
      staged?.failure = "`\(host.name)` has no shadow to discard"
      return
    }
    host.tap?.shadow = nil
    staged?.retired = shadow.built.executor
    try journal?.append(.shadow, ShadowRecord(events: delivered, strategy: host.index, action: .discard).bytes)
  }

  /// Unloads `host`: its open orders are cancelled (the cancels reach the venue after their
  /// latency, against the book as it stood), its session ends, and it sees no more events.
  func unload(_ host: HostedStrategy) throws(EngineError) {
    host.tap?.shadow = nil
    let time = max(host.runner.replay.observationTime, host.runner.replay.lastEventTime)
    host.runner.session.cancelAll(at: time)
    host.runner.session.finish(at: time + Self.unloadHorizonNanos, eventCount: host.runner.replay.delivered)
    host.active = false
    try journal?.append(.unload, UnloadRecord(events: delivered, strategy: host.index).bytes)
    _ = try journalNewRows(host)
    log.info("strategy.unloaded", ["strategy": .string(host.name), "events": .int(Int(delivered))])
  }

  /// How long after an unload its cancels may still travel to the venue (60 s).
  static let unloadHorizonNanos: Int64 = 60_000_000_000

  // MARK: - Recovery

  func replayShadow(_ record: ShadowRecord) throws(EngineError) {
    let host = try journaledHost(record.strategy)
    switch record.action {
    case .start:
      guard let blob = record.blob, let tap = host.tap else { return }
      let built = try builder.build(blob.strategy(like: host.setup))
      if record.state == 2 {
        guard WarmUp.replayLast(UInt64(record.warmupRecords), into: built.executor, ring: tap.ring) else {
          throw EngineError(id: "journal.warmup", message: "the journal warms the shadow of `\(host.name)` up on \(record.warmupRecords) input records, which this run's ring does not hold")
        }
      } else if record.state == 1, let carry = StateCarry(from: host.built.stateLayout, to: built.stateLayout) {
        host.runner.executor.withState { from in built.executor.withState { to in carry.apply(from: from, to: to) } }
      }
      built.executor.copyInputs(from: host.runner.executor)
      let log = hotLoader?.shadowLog(for: host.name, symbols: built.executor.interface.instruments.map(\.symbol)) ?? ShadowLog()
      tap.shadow = ShadowRun(built: built, path: blob.path, log: log, metrics: metrics)
      try journal?.append(.shadow, record.bytes)
    case .promote:
      try promoteShadow(nil, of: host)
      hotLoader?.closeShadowLog(host.name)
    case .discard:
      try discardShadow(nil, of: host)
      hotLoader?.closeShadowLog(host.name)
    }
  }

  func replayUnload(_ record: UnloadRecord) throws(EngineError) { try unload(try journaledHost(record.strategy)) }

  func journaledHost(_ index: Int) throws(EngineError) -> HostedStrategy {
    guard index < strategies.count else {
      throw EngineError(id: "journal.hotload", message: "the journal changes strategy \(index + 1), which this run does not have")
    }
    return strategies[index]
  }
}
