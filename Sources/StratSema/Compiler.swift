import StratDiagnostics
import StratIR
import StratSyntax

/// The front end in one call: source → tokens → AST → checked program → IR.
public enum Compiler {
  /// What compiling a file produced: the IR when there were no errors, and every diagnostic.
  public struct Result: Sendable {
    public let module: IRModule?
    public let diagnostics: [Diagnostic]
    /// Verifier failures: bugs in the compiler, not in the user's strategy (exit status 3).
    public var internalErrors: [Diagnostic] = []
    /// The model files compiled in (`xgboost("m.json", …)`), for the run id.
    public var modelFiles: [ModelFileDigest] = []

    /// True when at least one diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  }

  /// Most diagnostics reported for one file; the rest are summarised in one line.
  public static let diagnosticLimit = 50

  /// Parses, checks and lowers `file`; `params` binds parameters by name (text as on the CLI).
  /// Model files (`xgboost("m.json", …)`) are read by `models`, by default from the file's folder.
  public static func compile(
    _ file: SourceFile, params: [String: String] = [:], optimize: Bool = true, models: ModelFileReader? = nil
  ) -> Result {
    let (program, syntaxDiagnostics) = Parser.parse(file)
    var bag = DiagnosticBag()
    bag.add(contentsOf: syntaxDiagnostics)
    guard !bag.hasErrors else { return Result(module: nil, diagnostics: limited(bag.sorted)) }
    var checker = Checker(program: program, overrides: params, modelFiles: models ?? .relative(to: file.path))
    let checked = checker.check()
    bag.add(contentsOf: checker.diagnostics.all)
    guard let checked, !bag.hasErrors else {
      return Result(module: nil, diagnostics: limited(bag.sorted))
    }
    var lowering = Lowering(program: checked)
    var module = lowering.lower()
    bag.add(contentsOf: StateLimit.diagnostics(module, slotSpans: lowering.slotSpans))
    guard !bag.hasErrors else { return Result(module: nil, diagnostics: limited(bag.sorted)) }
    var result = Result(module: module, diagnostics: limited(bag.sorted))
    result.modelFiles = checked.modelFiles
    result.internalErrors = IRVerifier.verify(module).map { internalError($0, stage: "lowering") }
    guard result.internalErrors.isEmpty else { return result }
    if optimize {
      module = PassPipeline.optimize(module)
      result.internalErrors = IRVerifier.verify(module).map { internalError($0, stage: "optimisation") }
      result = Result(
        module: module, diagnostics: result.diagnostics, internalErrors: result.internalErrors, modelFiles: result.modelFiles)
    }
    return result
  }

  static func internalError(_ d: Diagnostic, stage: String) -> Diagnostic {
    Diagnostic(
      id: "internal.\(d.id)", message: "the IR produced by \(stage) is invalid: \(d.message)",
      notes: ["this is a bug in stratc, not in the strategy; please report it with the source"])
  }

  static func limited(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    guard diagnostics.count > diagnosticLimit else { return diagnostics }
    let rest = diagnostics.count - diagnosticLimit
    return Array(diagnostics.prefix(diagnosticLimit)) + [
      Diagnostic(id: "diagnostics.too-many", severity: .note, message: "\(rest) more diagnostics not shown")
    ]
  }
}
