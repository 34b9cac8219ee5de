import StratABI
import StratBacktest
import StratDiagnostics
import StratIR
import StratLLVM
import StratSema

/// `stratc check`, `stratc ir` and `stratc report`: the front end on its own.
enum CompileCommands {
  /// A compiled strategy and the SHA-256 of its source, which native objects record.
  struct Compiled {
    var module: IRModule
    var sourceHash: String
    /// The model files compiled in, as run-id inputs (`model gbt.json`).
    var models: [RunIngredients.Input] = []
  }

  /// Compiles one file for a command, reporting diagnostics; the exit status on failure.
  static func compile(
    _ path: String, params: [String: String], optimize: Bool, output: Output
  ) -> Result<Compiled, ExitCode> {
    let file: SourceFile
    switch Output.readSource(path) {
    case .success(let f): file = f
    case .failure(let d):
      output.report([d])
      return .failure(.userError)
    }
    let result = Compiler.compile(file, params: params, optimize: optimize)
    output.report(result.diagnostics)
    if !result.internalErrors.isEmpty {
      output.report(result.internalErrors)
      return .failure(.internalError)
    }
    guard let module = result.module, !result.hasErrors else {
      return .failure(result.diagnostics.contains { isParamProblem($0, params) } ? .usage : .userError)
    }
    let models = result.modelFiles.map { RunIngredients.Input(name: "model \($0.path)", sha256: $0.sha256) }
    return .success(Compiled(module: module, sourceHash: SHA256.hex(file.bytes), models: models))
  }

  /// True for an error in a `--param` of the command line (an unknown name, a value of the
  /// wrong type or outside the declared range): the command line is wrong, exit 2.
  static func isParamProblem(_ diagnostic: Diagnostic, _ params: [String: String]) -> Bool {
    guard diagnostic.severity == .error else { return false }
    switch diagnostic.id {
    case "cli.unknown-param", "cli.bad-param": return true
    // Range errors name the parameter; a default out of range is the source's error.
    case "params.out-of-range": return params.keys.contains { diagnostic.message.contains("command line of `\($0)`") }
    default: return false
    }
  }

  // stratc check FILE... [--diagnostics=json] [--quiet]
  static func check(_ args: Arguments, output: Output) throws -> ExitCode {
    guard !args.positional.isEmpty else { throw Arguments.Problem.usage("name at least one .strat file") }
    var worst = ExitCode.success
    for path in args.positional {
      switch compile(path, params: [:], optimize: true, output: output) {
      case .success(let compiled):
        if !args.has("quiet") { Output.standardOutput(checked(path, compiled.module)) }
      case .failure(let code): worst = code.rawValue > worst.rawValue ? code : worst
      }
    }
    return worst
  }

  /// What `check` proved of a valid file, in one line:
  /// `ok  FILE: strategy pairs, 2 instruments, 4 params, 1 window, warm-up 19 steps`.
  static func checked(_ path: String, _ module: IRModule) -> String {
    let windows = module.slots.filter {
      switch $0.kind {
      case .window, .pairWindow, .ema: true
      default: false
      }
    }.count
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let parts = [
      "strategy \(module.name)", count(module.instruments.count, "instrument"), count(module.params.count, "param"),
      count(windows, "window"), "warm-up \(count(module.warmupSteps, "step"))",
    ]
    return "ok  \(path): " + parts.joined(separator: ", ") + "\n"
  }

  // stratc ir FILE [--no-opt] [--param NAME=VALUE]...
  static func ir(_ args: Arguments, output: Output) throws -> ExitCode {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one .strat file") }
    let params = Dictionary(try args.pairs("param"), uniquingKeysWith: { $1 })
    switch compile(args.positional[0], params: params, optimize: !args.has("no-opt"), output: output) {
    case .success(let compiled):
      guard args.has("llvm") else {
        Output.standardOutput(IRPrinter.print(compiled.module))
        return .success
      }
      do {
        Output.standardOutput(try NativeBackend.llvmText(compiled.module, sourceHash: compiled.sourceHash))
        return .success
      } catch {
        output.report([Backends.diagnostic(error)])
        return .internalError
      }
    case .failure(let code):
      return code
    }
  }

  // stratc report FILE [--json] [--param NAME=VALUE]...
  static func report(_ args: Arguments, output: Output) throws -> ExitCode {
    guard args.positional.count == 1 else { throw Arguments.Problem.usage("name exactly one .strat file") }
    let params = Dictionary(try args.pairs("param"), uniquingKeysWith: { $1 })
    switch compile(args.positional[0], params: params, optimize: true, output: output) {
    case .success(let compiled):
      let report = StaticReport(module: compiled.module)
      Output.standardOutput(args.has("json") ? report.json : report.text)
      return .success
    case .failure(let code):
      return code
    }
  }
}
