import StratABI
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
    guard let module = result.module, !result.hasErrors else { return .failure(.userError) }
    return .success(Compiled(module: module, sourceHash: SHA256.hex(file.bytes)))
  }

  // stratc check FILE... [--diagnostics=json]
  static func check(_ args: Arguments, output: Output) -> ExitCode {
    guard !args.positional.isEmpty else {
      Output.standardError("stratc check: name at least one .strat file\n")
      return .usage
    }
    var worst = ExitCode.success
    for path in args.positional {
      switch compile(path, params: [:], optimize: true, output: output) {
      case .success: break
      case .failure(let code): worst = code.rawValue > worst.rawValue ? code : worst
      }
    }
    return worst
  }

  // stratc ir FILE [--no-opt] [--param NAME=VALUE]...
  static func ir(_ args: Arguments, output: Output) throws -> ExitCode {
    guard args.positional.count == 1 else {
      Output.standardError("stratc ir: name exactly one .strat file\n")
      return .usage
    }
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
    guard args.positional.count == 1 else {
      Output.standardError("stratc report: name exactly one .strat file\n")
      return .usage
    }
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
