import StratDiagnostics
import StratIR
import StratSema
import Testing

/// `cases/ir/*.strat` (lowered, `--no-opt`) and `cases/opt/*.strat` (optimised): the IR text
/// against the golden `NAME.ir` beside the case. The printed IR must also parse back to the
/// same text, and the case may expect warnings inline (errors make no IR).
@Suite struct IRFiletests {
  static let irCases = Corpus.cases("ir")
  static let optCases = Corpus.cases("opt")

  @Test(arguments: irCases)
  func unoptimisedIRMatchesGolden(_ test: Filetest) throws {
    try checkIR(test, stage: "ir", optimize: false)
  }

  @Test(arguments: optCases)
  func optimisedIRMatchesGolden(_ test: Filetest) throws {
    try checkIR(test, stage: "opt", optimize: true)
  }

  func checkIR(_ test: Filetest, stage: String, optimize: Bool) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    directives.requireStage(stage, in: test)
    let result = Compiler.compile(
      try test.sourceFile(),
      params: directives.params,
      optimize: optimize
    )
    directives.run {
      expectDiagnostics(
        ExpectedDiagnostic.parseAll(text),
        result.diagnostics,
        in: test,
        directives: directives
      )
      #expect(result.internalErrors.isEmpty, "\(test): \(result.internalErrors.map(\.message))")
      guard let module = result.module else {
        Issue.record("\(test): produced no IR")
        return
      }
      let printed = IRPrinter.print(module)
      Golden.check(
        printed,
        against: test.companion("ir"),
        for: test,
        mayBless: directives.knownIssue == nil
      )
      switch IRParser.parse(printed, path: test.testDescription) {
      case .success(let reparsed):
        #expect(IRPrinter.print(reparsed) == printed, "\(test): the IR text does not round-trip")
      case .failure(let diagnostic):
        Issue.record(
          "\(test): the printed IR does not parse: \(DiagnosticRenderer.text(diagnostic))"
        )
      }
    }
  }

  @Test func corpusHasTheReferenceStrategies() {
    for stage in [Self.irCases, Self.optCases] {
      let names = Set(stage.map(\.name))
      for strategy in ["pairs", "bollinger", "logistic", "pairs_bench"] {
        #expect(names.contains("\(strategy).strat"), "missing \(strategy).strat")
      }
    }
  }

  /// The copies under `cases/ir` and `cases/opt` are the reference strategies, verbatim after
  /// the header line, so a change to a strategy shows up here first.
  @Test(arguments: ["pairs", "bollinger", "logistic", "pairs_bench"])
  func referenceStrategyCopiesAreCurrent(_ name: String) throws {
    let original = try Corpus.packageFile("Strategies/\(name).strat")
    for stage in ["ir", "opt"] {
      let copy = try Filetest(stage: stage, name: "\(name).strat").text()
      let body = copy.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
      #expect(body.count == 2 && String(body[1]) == original, "\(stage)/\(name).strat is stale")
    }
  }
}
