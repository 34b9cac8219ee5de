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
  /// The state record's slots in order, from the code's descriptor (JIT and object alike);
  /// nil when the builder does not know them (a state of such a version never carries).
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

/// One slot of a state record: its name, its kind and its bytes, and where it starts. Without
/// an offset, slots follow each other in order with no padding (offsets are the running sum).
package struct StateSlot: Sendable, Equatable {
  package var name: String
  package var kind: String
  package var bytes: Int
  package var offset: Int?
  package init(name: String, kind: String, bytes: Int, offset: Int? = nil) {
    self.name = name
    self.kind = kind
    self.bytes = bytes
    self.offset = offset
  }

  /// The layout native code declares (its descriptor's slots): the same for a JIT build and an
  /// object of the same source, so state carries between them both ways.
  package static func layout(of code: NativeCode) -> [StateSlot] {
    code.slots.map { StateSlot(name: $0.name, kind: kindName($0.kind, capacity: $0.capacity), bytes: $0.size, offset: $0.offset) }
  }

  /// `enum stratc_slot_kind` as text, with the capacity: `scalar`, `ring(20)`, `window(20)`, …
  static func kindName(_ kind: Int, capacity: Int) -> String {
    let names = ["scalar", "ring", "window", "pair-window", "ema"]
    let name = kind >= 0 && kind < names.count ? names[kind] : "kind\(kind)"
    return kind == 0 ? name : "\(name)(\(capacity))"
  }
}

/// A built strategy moves between threads by hand-off (the hot-load thread builds it, the hot
/// thread runs it, the old one goes back to be released); no two threads use one at once.
extension BuiltStrategy: @unchecked Sendable {}
