import StratNative
import Synchronization

extension HotLoader {
  /// What the watcher and the control API asked for, oldest first.
  package enum Request: Sendable {
    case load(EngineSetup.Strategy, shadow: Bool)
    case promote(String)
    case discard(String)
    case unload(String)
  }

  /// A version ready to swap in (or a shadow to start, promote or drop, a strategy to unload),
  /// and what the hot thread reports back.
  package final class Staged: @unchecked Sendable {
    package enum Action: Sendable { case swap, shadow, promote, discard, unload }
    package let action: Action
    package let name: String
    /// The version to swap in or to run as a shadow (nil for the other actions).
    package let built: BuiltStrategy?
    package let setup: EngineSetup.Strategy
    package let carry: StateCarry?
    /// Set when the version was warmed up on the ring instead of carrying state.
    package var warmUp: WarmUp?
    /// A shadow's decision log (drained by the hot-load thread).
    package var shadowLog: ShadowLog?
    /// Set by the hot thread: the old version (released here), the pause, and why nothing
    /// happened (the ring lapped the warm-up: warm up again; or the action had no target).
    package var retired: NativeExecutor?
    package var pauseNanos: Int64 = 0
    package var lapped = false
    package var failure: String?
    package let done = Atomic<Bool>(false)
    /// A swap's journal record, made here off the hot thread; the hot thread writes the event
    /// count, the strategy and the warm-up's record count into it (`HotLoadRecord` layout).
    package private(set) var journalRecord = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// Makes `journalRecord` for a swap of `built` (from `path`).
    func prepareJournalRecord(_ built: BuiltStrategy, path: String) {
      let bytes = HotLoadRecord(
        events: 0, strategy: 0, carried: carry != nil, warmupRecords: warmUp != nil ? 0 : nil, blob: built.blob(path: path)
      ).bytes
      journalRecord = .allocate(byteCount: bytes.count, alignment: 8)
      journalRecord.copyBytes(from: bytes)
    }

    deinit { journalRecord.deallocate() }
    init(
      _ action: Action = .swap, name: String, built: BuiltStrategy?, setup: EngineSetup.Strategy, carry: StateCarry?,
      warmUp: WarmUp? = nil
    ) {
      self.action = action
      self.name = name
      self.built = built
      self.setup = setup
      self.carry = carry
      self.warmUp = warmUp
    }
  }
}
