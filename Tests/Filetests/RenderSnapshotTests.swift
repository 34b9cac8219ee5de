import StratDiagnostics
import StratSema
import Testing

/// `cases/render/*.strat`: every diagnostic of the case rendered as text, snapshot together with
/// the source in `NAME.snap` (Gleam style), so a change in wording or layout shows in review.
@Suite struct RenderSnapshotTests {
  static let cases = Corpus.cases("render")

  @Test(arguments: cases)
  func renderedDiagnosticsMatchSnapshot(_ test: Filetest) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    directives.requireStage("render", in: test)
    let result = Compiler.compile(try test.sourceFile(), params: directives.params, optimize: true)
    var snapshot = "---- source: \(test)\n\(text)"
    if !text.hasSuffix("\n") { snapshot += "\n" }
    snapshot += "---- diagnostics\n"
    snapshot += result.diagnostics.map(DiagnosticRenderer.text).joined()
    directives.run {
      Golden.check(
        snapshot,
        against: test.companion("snap"),
        for: test,
        mayBless: directives.knownIssue == nil
      )
    }
  }

  @Test func corpusHasEnoughCases() { #expect(Self.cases.count >= 6) }
}
