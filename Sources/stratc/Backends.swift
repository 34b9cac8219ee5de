import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative

/// `--backend interp|jit|aot`, `--object FILE.so` and `--cpu`: the executor a run uses, and its
/// name in the summary. The JIT is the default; `--object` runs a prebuilt `stratc build` object
/// after checking that it was built from this source with the same code.
enum Backends {
  static let names = ["interp", "jit", "aot"]

  /// Checks the flags' values before any work.
  static func validate(_ args: Arguments) throws {
    if let name = args.value("backend"), !names.contains(name) {
      throw Arguments.Problem.usage("--backend must be interp, jit or aot; found `\(name)`")
    }
    if args.value("object") != nil, let name = args.value("backend"), name != "aot" {
      throw Arguments.Problem.usage("--object runs a prebuilt object: it goes with --backend aot (or no --backend), not `\(name)`")
    }
    if let cpu = args.value("cpu"), TargetCPU(cpu) == nil {
      throw Arguments.Problem.usage("--cpu must be generic, host or one of \(TargetCPU.levels.joined(separator: ", ")); found `\(cpu)`")
    }
  }

  /// The CPU native code is built for when `--cpu` is not given, by `build`, `backtest
  /// --backend aot` and `sweep --backend aot` alike: generic x86-64, so that an object runs on
  /// any x86-64 machine and `--object` can check it anywhere (results are the same for every
  /// CPU: no fast-math, no FMA contraction).
  static let defaultCPU = "generic"

  /// `--cpu`, or the default (checked by `validate`).
  static func cpu(_ args: Arguments) -> TargetCPU {
    TargetCPU(args.value("cpu") ?? defaultCPU) ?? .generic
  }

  /// The backend's name in summaries: `interpreter`, `jit` or `aot`.
  static func label(_ args: Arguments) -> String {
    switch args.value("backend") ?? (args.value("object") != nil ? "aot" : "jit") {
    case "interp": "interpreter"
    case let name: name
    }
  }

  /// Builds the executor the flags ask for, reporting why not.
  static func make(_ compiled: CompileCommands.Compiled, _ args: Arguments, output: Output)
    -> Result<(executor: any StrategyExecutor, label: String), ExitCode>
  {
    let module = compiled.module
    let label = label(args)
    do {
      switch label {
      case "interpreter": return .success((try Interpreter(module: module), label))
      case "jit": return .success((try executor(NativeBackend.jit(module, sourceHash: compiled.sourceHash), module), label))
      default:
        let code = try args.value("object").map { path throws in try loadObject(path, compiled) }
          ?? NativeBackend.aot(module, sourceHash: compiled.sourceHash, cpu: cpu(args))
        return .success((try executor(code, module), label))
      }
    } catch let error as ObjectError {
      output.report([diagnostic(error)])
      return .failure(.userError)
    } catch let error as NativeCompileError {
      output.report([diagnostic(error)])
      return .failure(error.isCompilerBug ? .internalError : .userError)
    } catch {
      output.report([Diagnostic(id: "internal.backend", message: "the backend refused the IR: \(error)")])
      return .failure(.internalError)
    }
  }

  /// The object at `path`, read once and loaded from those bytes only if it is what this stratc
  /// builds from the source (same hashes, then the same bytes as a rebuild for its CPU).
  static func loadObject(_ path: String, _ compiled: CompileCommands.Compiled) throws -> NativeCode {
    let image = try ObjectImage.read(path: path)
    try image.check(.init(sourceHash: compiled.sourceHash, codeHash: compiled.module.codeHash))
    guard let rebuild = try NativeBackend.rebuild(compiled.module, like: image.description, sourceHash: compiled.sourceHash) else {
      throw ObjectError.foreignCPU(path: path, cpu: image.metadata.cpu)
    }
    try image.check(.init(rebuild: rebuild))
    return try StrategyObject.load(image)
  }

  /// An executor of `code` with `module`'s parameter values and instrument symbols.
  static func executor(_ code: NativeCode, _ module: IRModule) throws -> NativeExecutor {
    let interface = try StrategyInterface(module: module)
    return try NativeExecutor(
      code: code, parameters: interface.params, symbols: interface.instruments.map(\.symbol),
      parameterTable: module.parameterTable)
  }

  /// A refused object as a diagnostic, at the byte offset of the fault when there is one.
  static func diagnostic(_ error: ObjectError) -> Diagnostic {
    guard let location = error.location else { return Diagnostic(id: error.id, message: error.description) }
    return Diagnostic(id: error.id, message: error.message, at: DataLocation(path: location.path, byteOffset: location.byteOffset))
  }

  /// A backend failure as a diagnostic: a compiler bug (internal.llvm) or the machine's problem.
  static func diagnostic(_ error: NativeCompileError) -> Diagnostic {
    error.isCompilerBug
      ? Diagnostic(
        id: "internal.llvm", message: error.description,
        notes: ["this is a bug in stratc; please report it with the strategy and `stratc ir --llvm` output"])
      : Diagnostic(id: "backend.aot", message: error.description)
  }
}
