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
  package mutating func push(_ event: OrderEvent) { replay.push(event) }

  package mutating func finish() { replay.finish() }

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
