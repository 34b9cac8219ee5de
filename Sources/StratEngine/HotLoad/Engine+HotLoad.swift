import Foundation
import StratNative
import StratRuntime

extension Engine {
  /// Swaps in what is due now, between two events: while recovering, the hot-loads the journal
  /// holds for this event (built again from the bytes it kept);
  /// otherwise what the hot-loader staged, if anything.
  func applyHotLoads() throws(EngineError) {
    if let journal, journal.recovering {
      for record in journal.journaledLifecycle where record.events == delivered {
        switch record {
        case .hotload(let r): try replay(r)
        case .shadow(let r): try replayShadow(r)
        case .unload(let r): try replayUnload(r)
        }
      }
      return
    }
    guard let loader = hotLoader, let staged = loader.takeStaged() else { return }
    defer { staged.done.store(true, ordering: .releasing) }
    guard let host = strategies.first(where: { $0.name == staged.name && $0.active }) else {
      staged.failure = "no active strategy is named `\(staged.name)`"
      return
    }
    let started = WallClock.read(CLOCK_MONOTONIC)
    switch staged.action {
    case .swap: try swapStaged(staged, into: host)
    case .shadow: try startShadow(staged, beside: host)
    case .promote: try promoteShadow(staged, of: host)
    case .discard: try discardShadow(staged, of: host)
    case .unload: try unload(host)
    }
    staged.pauseNanos = WallClock.read(CLOCK_MONOTONIC) - started
  }

  /// A staged version swapped in: warmed up through the last record first, or its state carried.
  func swapStaged(_ staged: HotLoader.Staged, into host: HostedStrategy) throws(EngineError) {
    guard let built = staged.built else { return }
    var records: UInt32?
    if let warmUp = staged.warmUp {
      guard let ring = host.tap?.ring, warmUp.finish(built.executor, ring: ring) else {
        staged.lapped = true
        return
      }
      records = UInt32(clamping: ring.count - warmUp.start)
    }
    staged.retired = swap(host, to: built, carry: staged.carry)
    let record = staged.journalRecord
    guard record.count > 12 else {
      try journalHotLoad(host, built, carried: staged.carry != nil, warmupRecords: records, path: staged.setup.path)
      return
    }
    // The record was made off the hot thread; only its counts are written here.
    record.storeBytes(of: delivered.littleEndian, toByteOffset: 0, as: UInt64.self)
    record.storeBytes(of: UInt16(host.index).littleEndian, toByteOffset: 8, as: UInt16.self)
    if let records { record.storeBytes(of: records.littleEndian, toByteOffset: 11, as: UInt32.self) }
    try journal?.record(.hotload, UnsafeRawBufferPointer(record))
  }

  /// The swap itself: the new version takes the moving state slots and the input record, then
  /// runs from the next observation on. Returns the old executor (to be released elsewhere).
  @discardableResult
  func swap(_ host: HostedStrategy, to built: BuiltStrategy, carry: StateCarry?) -> NativeExecutor {
    let old = host.runner.executor
    let new = built.executor
    if let carry {
      old.withState { from in new.withState { to in carry.apply(from: from, to: to) } }
    }
    new.copyInputs(from: old)
    host.runner.swap(to: new)
    host.built = built
    return old
  }

  func journalHotLoad(
    _ host: HostedStrategy, _ built: BuiltStrategy, carried: Bool, warmupRecords: UInt32? = nil, path: String
  ) throws(EngineError) {
    let record = HotLoadRecord(
      events: delivered, strategy: host.index, carried: carried, warmupRecords: warmupRecords, blob: built.blob(path: path))
    try journal?.append(.hotload, record.bytes)
  }

  /// Re-applies a journaled hot-load during recovery.
  func replay(_ record: HotLoadRecord) throws(EngineError) {
    guard record.strategy < strategies.count else {
      throw EngineError(id: "journal.hotload", message: "the journal hot-loads strategy \(record.strategy + 1), which this run does not have")
    }
    let host = strategies[record.strategy]
    let built = try builder.build(record.blob.strategy(like: host.setup))
    let carry = record.carried ? StateCarry(from: host.built.stateLayout, to: built.stateLayout) : nil
    if let records = record.warmupRecords {
      guard let ring = host.tap?.ring, WarmUp.replayLast(UInt64(records), into: built.executor, ring: ring) else {
        throw EngineError(id: "journal.warmup", message: "the journal warms `\(host.name)` up on \(records) input records, which this run's ring does not hold")
      }
    }
    swap(host, to: built, carry: carry)
    hotLoader?.record(built, as: host.name)
    try journalHotLoad(host, built, carried: record.carried, warmupRecords: record.warmupRecords, path: record.blob.path)
    log.info("hotload.replayed", ["strategy": .string(host.name), "code": .string(built.codeHash), "events": .int(Int(delivered))])
  }
}
