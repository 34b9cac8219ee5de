import StratDiagnostics
import StratInterpreter
import StratSema
import StratTestSupport
import Testing

/// `cases/run/*.strat`: a strategy, its bars and its expected decisions in comments (see
/// `EventTable`). The case is compiled with optimisation and run by the interpreter; the
/// decision log must match byte for byte. It is then compiled without optimisation and must
/// make the same decisions: the optimiser never changes behaviour.
@Suite struct RunFiletests {
  static let cases = Corpus.cases("run")

  @Test(arguments: cases)
  func decisionsMatchExpectations(_ test: Filetest) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    directives.requireStage("run", in: test)
    let table = EventTable(text: text)
    #expect(table.problems.isEmpty, "\(test): \(table.problems)")
    #expect(!table.bars.isEmpty, "\(test): a run case needs `// bar` lines")
    try directives.run {
      let optimised = try decisions(of: test, params: directives.params, optimize: true, table)
      let expected = table.expected.joined(separator: "\n")
      if optimised != expected {
        Issue.record(
          "\(test): the decisions differ (- expected, + actual):\n\(TextDiff.unified(expected, optimised))"
        )
      }
      let plain = try decisions(of: test, params: directives.params, optimize: false, table)
      if plain != optimised {
        Issue.record(
          "\(test): optimisation changed the decisions (- optimised, + --no-opt):\n\(TextDiff.unified(optimised, plain))"
        )
      }
    }
  }

  func decisions(
    of test: Filetest,
    params: [String: String],
    optimize: Bool,
    _ table: EventTable
  ) throws -> String {
    let result = Compiler.compile(try test.sourceFile(), params: params, optimize: optimize)
    let errors = result.diagnostics.filter { $0.severity == .error } + result.internalErrors
    guard errors.isEmpty, let module = result.module else {
      throw EventTableError(
        message: "\(test) does not compile:\n" + errors.map(DiagnosticRenderer.text).joined()
      )
    }
    let interpreter = try Interpreter(module: module)
    return try DecisionLog.run(interpreter, table).joined(separator: "\n")
  }

  @Test func corpusHasEnoughCases() { #expect(Self.cases.count >= 12) }

  @Test(arguments: [
    ("2024-01-02T00:00:00Z", Int64(1_704_153_600_000_000_000)),
    ("1970-01-01T00:00:00Z", 0),
    ("2024-02-29T09:30:00.25Z", 1_709_199_000_250_000_000),
  ])
  func utcTimesRoundTrip(text: String, nanoseconds: Int64) {
    #expect(UTCTime.nanoseconds(text) == nanoseconds)
    #expect(UTCTime.text(nanoseconds) == text)
  }
}
