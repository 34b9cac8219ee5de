import StratABI
import StratMarket
import StratNative

/// `BookReplay` of a native (JIT or AOT) strategy, non-generic, for callers in other modules
/// (the engine): its methods are compiled here, specialised on `NativeExecutor`, so each event
/// costs no witness-table call.
package struct NativeBookReplay {
  package var replay: BookReplay<NativeExecutor>

  package init(session: BookSession, executor: NativeExecutor) {
    replay = BookReplay(session: session, executor: executor)
  }

  @inline(never)
  package mutating func push(_ event: OrderEvent) { replay.push(event, writeAhead: NoWriteAhead()) }

  /// `push` with the engine's write-ahead (specialised for it here, like the executor).
  @inline(never)
  package mutating func push<W: OrderWriteAhead>(_ event: OrderEvent, writeAhead: W) { replay.push(event, writeAhead: writeAhead) }

  package mutating func finish(writeAhead: some OrderWriteAhead = NoWriteAhead()) { replay.finish(writeAhead: writeAhead) }

  package mutating func swap(to executor: NativeExecutor) { replay.swap(to: executor) }

  package var executor: NativeExecutor { replay.executor }

  /// What sees each step (the engine's tap); nil by default.
  package var stepObserver: (any StepObserver<NativeExecutor>)? {
    get { replay.stepObserver }
    set { replay.stepObserver = newValue }
  }

  package var session: BookSession {
    _read { yield replay.session }
    _modify { yield &replay.session }
  }
}
