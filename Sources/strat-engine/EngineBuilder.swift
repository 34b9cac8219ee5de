import Foundation
import StratABI
import StratDiagnostics
import StratEngine
import StratIR
import StratLLVM
import StratNative
import StratSema

/// The engine's strategy builder: a `.strat` is compiled by stratc's front end and JIT-compiled
/// by LLVM; an object (`stratc build`) is verified (ABI, metadata, hashes, signature) before it
/// is loaded. The executable owns the compiler, so the engine library never imports the IR.
struct EngineBuilder: StrategyBuilder {
  let verifier: ObjectVerifier

  func build(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy {
    strategy.path.hasSuffix(".strat") ? try compile(strategy) : try load(strategy)
  }

  func compile(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy {
    guard let bytes = strategy.source ?? FileManager.default.contents(atPath: strategy.path).map(Array.init) else {
      throw EngineError(id: "engine.strategy-missing", message: "cannot read \(strategy.path)")
    }
    let file = SourceFile(path: strategy.path, bytes: bytes)
    let result = Compiler.compile(file, params: strategy.params, optimize: true)
    guard var module = result.module, !result.hasErrors, result.internalErrors.isEmpty else {
      let problems = (result.internalErrors + result.diagnostics.filter { $0.severity == .error })
      throw EngineError(
        id: "engine.strategy-invalid", message: "\(strategy.path) does not compile",
        notes: problems.prefix(5).map { "\($0.id): \($0.message)" + ($0.location.map { " at \($0)" } ?? "") })
    }
    for (name, symbol) in strategy.instruments {
      guard let k = module.instruments.firstIndex(where: { $0.name == name }) else {
        throw EngineError(
          id: "engine.unknown-instrument", message: "\(strategy.path) has no instrument `\(name)`",
          notes: ["its instruments: " + module.instruments.map(\.name).joined(separator: ", ")])
      }
      module.instruments[k].symbol = symbol
    }
    let sourceHash = SHA256.hex(file.bytes)
    do {
      let code = try NativeBackend.jit(module, sourceHash: sourceHash)
      let interface = try StrategyInterface(module: module)
      let executor = try NativeExecutor(code: code, parameters: interface.params, symbols: interface.instruments.map(\.symbol))
      return BuiltStrategy(
        executor: executor, backend: "jit", sourceHash: sourceHash, codeHash: module.codeHash, stateLayout: StateSlot.layout(of: code),
        artifact: bytes)
    } catch {
      throw EngineError(id: "engine.jit", message: "\(strategy.path): the JIT refused it: \(error)")
    }
  }

  func load(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy {
    let verified: VerifiedObject
    let code: NativeCode
    guard let bytes = strategy.source ?? FileManager.default.contents(atPath: strategy.path).map(Array.init) else {
      throw EngineError(id: "engine.strategy-missing", message: "cannot read \(strategy.path)")
    }
    let signature = strategy.source != nil ? strategy.signature : FileManager.default.contents(atPath: strategy.path + ".sig").map(Array.init)
    do throws(ObjectRefusal) {
      verified = try verifier.verify(object: bytes, path: strategy.path, signature: signature, signaturePath: strategy.path + ".sig")
      code = try verified.load()
    } catch {
      throw EngineError(id: error.id, message: error.description)
    }
    do {
      let executor = try NativeExecutor(code: code)
      let meta = verified.metadata
      return BuiltStrategy(
        executor: executor, backend: "aot", sourceHash: meta.sourceHash, codeHash: meta.codeHash,
        stateLayout: StateSlot.layout(of: code), artifact: bytes,
        signature: signature)
    } catch {
      throw EngineError(id: "engine.object", message: "\(strategy.path): \(error)")
    }
  }
}
