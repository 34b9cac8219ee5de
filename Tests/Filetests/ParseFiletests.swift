import StratDiagnostics
import StratSyntax
import Testing

/// `cases/parse/*.strat`: the parser's diagnostics (lexer included) against the inline
/// expectations, and the AST as S-expressions against the golden `NAME.expected`.
@Suite struct ParseFiletests {
  static let cases = Corpus.cases("parse")

  @Test(arguments: cases)
  func parseMatchesExpectations(_ test: Filetest) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    directives.requireStage("parse", in: test)
    let (program, diagnostics) = Parser.parse(try test.sourceFile())
    directives.run {
      expectDiagnostics(
        ExpectedDiagnostic.parseAll(text),
        diagnostics,
        in: test,
        directives: directives
      )
      Golden.check(
        ASTDump.text(program),
        against: test.companion("expected"),
        for: test,
        mayBless: directives.knownIssue == nil
      )
    }
  }

  @Test func corpusHasEnoughCases() {
    #expect(Self.cases.count >= 8)
    let recovering = Self.cases.filter {
      (try? ExpectedDiagnostic.parseAll($0.text()).filter { $0.severity == .error }.count) ?? 0 >= 3
    }
    #expect(!recovering.isEmpty, "at least one case reports several errors in one file")
  }
}

/// Records one issue listing every difference between the expected and reported diagnostics.
/// Differences about the ids of a `// known-issue[ID]` directive are recorded as known issues.
func expectDiagnostics(
  _ expected: [ExpectedDiagnostic],
  _ actual: [Diagnostic],
  in test: CustomStringConvertible,
  directives: CaseDirectives,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let problems = DiagnosticMatcher.problems(expected: expected, actual: actual)
  func message(_ problems: [DiagnosticMatcher.Problem]) -> Comment {
    """
    \(test): the diagnostics differ from the inline expectations:
    \(problems.map { "  " + $0.text }.joined(separator: "\n"))
    reported:
    \(DiagnosticMatcher.listing(actual))
    """
  }
  let known = problems.filter { directives.knownIssueIDs[$0.id] != nil }
  let unknown = problems.filter { directives.knownIssueIDs[$0.id] == nil }
  if !unknown.isEmpty { Issue.record(message(unknown), sourceLocation: sourceLocation) }
  for (id, reason) in directives.knownIssueIDs.sorted(by: { $0.key < $1.key }) {
    withKnownIssue("\(id): \(reason)", sourceLocation: sourceLocation) {
      let mine = known.filter { $0.id == id }
      if !mine.isEmpty { Issue.record(message(mine), sourceLocation: sourceLocation) }
    }
  }
}
