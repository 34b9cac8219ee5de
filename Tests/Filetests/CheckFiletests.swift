import StratDiagnostics
import StratInterpreter
import StratSema
import Testing

/// `cases/check/*.strat` (valid programs, warnings allowed) and `cases/check/invalid/*.strat`
/// (one or more errors each): the whole front end's diagnostics against the inline
/// expectations. Valid programs must also lower, verify and load into the interpreter.
@Suite struct CheckFiletests {
  static let validCases = Corpus.cases("check", topLevelOnly: true)
  static let invalidCases = Corpus.cases("check", subdirectory: "invalid")

  @Test(arguments: validCases)
  func validProgramCompiles(_ test: Filetest) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    directives.requireStage("check", in: test)
    let expected = ExpectedDiagnostic.parseAll(text)
    #expect(!expected.contains { $0.severity == .error }, "\(test): a valid case expects no error")
    let result = Compiler.compile(try test.sourceFile(), params: directives.params, optimize: true, models: test.models)
    directives.run {
      expectDiagnostics(expected, result.diagnostics, in: test, directives: directives)
      #expect(result.internalErrors.isEmpty, "\(test): \(result.internalErrors.map(\.message))")
      guard let module = result.module, !result.hasErrors else {
        let errors = result.diagnostics.filter { $0.severity == .error }
        if !errors.allSatisfy({ directives.knownIssueIDs[$0.id] != nil }) {
          Issue.record("\(test): produced no module")
        }
        return
      }
      #expect(throws: Never.self, "\(test): the interpreter rejects the module") {
        _ = try Interpreter(module: module)
      }
    }
  }

  @Test(arguments: invalidCases)
  func invalidProgramReportsExpectedErrors(_ test: Filetest) throws {
    let text = try test.text()
    let directives = CaseDirectives(text: text)
    directives.requireStage("check", in: test)
    let expected = ExpectedDiagnostic.parseAll(text)
    #expect(
      expected.contains { $0.severity == .error },
      "\(test): an invalid case expects an error"
    )
    let result = Compiler.compile(try test.sourceFile(), params: directives.params, optimize: true, models: test.models)
    directives.run {
      expectDiagnostics(expected, result.diagnostics, in: test, directives: directives)
      #expect(result.internalErrors.isEmpty, "\(test): \(result.internalErrors.map(\.message))")
      #expect(result.module == nil || !result.hasErrors, "\(test): errors but a module")
    }
  }

  @Test func corpusHasEnoughCases() {
    #expect(Self.validCases.count >= 10)
    #expect(Self.invalidCases.count >= 45)
  }
}
