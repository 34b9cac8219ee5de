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
  /// The state record's slots in order, when the builder knows them (a `.strat` it compiled);
  /// nil for an object, whose metadata does not carry them.
  package var stateLayout: [StateSlot]?
  /// What was built: the `.strat` source or the object, and the object's signature file, as
  /// read once (the journal keeps them, so a recovery builds the very same version).
  package var artifact: [UInt8]
  package var signature: [UInt8]?

  package init(
    executor: NativeExecutor, backend: String, sourceHash: String, codeHash: String, stateLayout: [StateSlot]? = nil,
    artifact: [UInt8] = [], signature: [UInt8]? = nil
  ) {
    self.executor = executor
    self.backend = backend
    self.sourceHash = sourceHash
    self.codeHash = codeHash
    self.stateLayout = stateLayout
    self.artifact = artifact
    self.signature = signature
  }
}

extension BuiltStrategy {
  /// The version's bytes for the journal.
  package func blob(path: String) -> VersionBlob { VersionBlob(path: path, artifact: artifact, signature: signature) }
}

/// One slot of a state record: its name, its kind (as the IR prints it) and its bytes. Slots
/// follow each other in order with no padding, so offsets are the running sum of sizes.
package struct StateSlot: Sendable, Equatable {
  package var name: String
  package var kind: String
  package var bytes: Int
  package init(name: String, kind: String, bytes: Int) {
    self.name = name
    self.kind = kind
    self.bytes = bytes
  }
}

/// A built strategy moves between threads by hand-off (the hot-load thread builds it, the hot
/// thread runs it, the old one goes back to be released); no two threads use one at once.
extension BuiltStrategy: @unchecked Sendable {}
