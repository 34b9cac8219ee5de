import Foundation
import StratABI
import StratIR
import StratInterpreter
import StratLLVM
import StratNative

/// The executors of a sweep's runs. Native code reads parameter values at run time, so runs
/// whose modules have the same code hash (they differ only in values, not in window lengths)
/// share one compiled code; each run gets its own state. Thread-safe: a compile holds the lock,
/// so a code is compiled once however many threads ask for it.
final class SweepCodeCache: @unchecked Sendable {
  let backend: String
  private let sourceHash: String
  private let cpu: TargetCPU
  private let lock = NSLock()
  private var codes: [String: Result<NativeCode, any Error>] = [:]

  init(backend: String, sourceHash: String, cpu: TargetCPU) {
    self.backend = backend
    self.sourceHash = sourceHash
    self.cpu = cpu
  }

  /// How many native codes were compiled so far.
  var compiled: Int {
    lock.lock()
    defer { lock.unlock() }
    return codes.count
  }

  /// An executor for one run of `module`.
  func executor(for module: IRModule) throws -> any StrategyExecutor {
    if backend == "interpreter" { return try Interpreter(module: module) }
    return try Backends.executor(try code(for: module).get(), module)
  }

  private func code(for module: IRModule) -> Result<NativeCode, any Error> {
    let key = module.codeHash
    lock.lock()
    defer { lock.unlock() }
    if let known = codes[key] { return known }
    let compiled = Result { () throws -> NativeCode in
      backend == "aot"
        ? try NativeBackend.aot(module, sourceHash: sourceHash, cpu: cpu) : try NativeBackend.jit(module, sourceHash: sourceHash)
    }
    codes[key] = compiled
    return compiled
  }
}
