import Foundation
import StratNative
import StratRuntime

extension Engine {
  /// Swaps in what is due now, between two events: while recovering, the hot-loads the journal
  /// holds for this event (built again from the bytes it kept);
  /// otherwise the version the hot-loader staged, if any.
  func applyHotLoads() throws(EngineError) {
    if let journal, journal.recovering {
      for record in journal.journaledHotLoads where record.events == delivered { try replay(record) }
      return
    }
    guard let loader = hotLoader, let staged = loader.takeStaged() else { return }
    guard let host = strategies.first(where: { $0.name == staged.name && $0.active }) else { return }
    let started = WallClock.read(CLOCK_MONOTONIC)
    let old = swap(host, to: staged.built, carry: staged.carry)
    staged.pauseNanos = WallClock.read(CLOCK_MONOTONIC) - started
    staged.retired = old
    try journalHotLoad(host, staged.built, carried: staged.carry != nil, path: staged.setup.path)
    staged.done.store(true, ordering: .releasing)
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

  func journalHotLoad(_ host: HostedStrategy, _ built: BuiltStrategy, carried: Bool, path: String) throws(EngineError) {
    let record = HotLoadRecord(events: delivered, strategy: host.index, carried: carried, blob: built.blob(path: path))
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
    swap(host, to: built, carry: carry)
    hotLoader?.record(built, as: host.name)
    try journalHotLoad(host, built, carried: record.carried, path: record.blob.path)
    log.info("hotload.replayed", ["strategy": .string(host.name), "code": .string(built.codeHash), "events": .int(Int(delivered))])
  }
}
