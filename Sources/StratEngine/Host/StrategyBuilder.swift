import StratABI
import StratNative

/// Turns a strategy file into native code the engine can host. The engine knows strategies only
/// through StratABI and StratNative; the executable supplies the builder (it owns the compiler:
/// a `.strat` is JIT-compiled, an object loaded after its checks). Called off the hot thread.
package protocol StrategyBuilder: Sendable {
  func build(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy
}

/// A strategy ready to run, and what identifies its code.
package struct BuiltStrategy {
  package var executor: NativeExecutor
  /// `jit` or `aot`.
  package var backend: String
  /// SHA-256 of the source and of the code (`IRModule.codeHash`), as objects record them.
  package var sourceHash: String
  package var codeHash: String

  package init(executor: NativeExecutor, backend: String, sourceHash: String, codeHash: String) {
    self.executor = executor
    self.backend = backend
    self.sourceHash = sourceHash
    self.codeHash = codeHash
  }
}
