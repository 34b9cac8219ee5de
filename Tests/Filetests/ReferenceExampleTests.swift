import Foundation
import StratDiagnostics
import StratSema
import Testing

/// Every example of the language reference and the error pages is a test: a ```strat block
/// compiles without errors; a ```strat-error block fails with exactly the errors its inline
/// annotations expect (at least one); a ```strat-warning block compiles with exactly the
/// warnings its annotations expect (at least one).
@Suite struct ReferenceExampleTests {
  /// A fenced example of a Markdown document.
  struct Example: Sendable, CustomTestStringConvertible {
    enum Kind: String, Sendable {
      case valid = "strat", error = "strat-error", warning = "strat-warning"
    }
    var document: String
    var line: Int
    var kind: Kind
    var source: String
    var testDescription: String { "\(document):\(line)" }
    var isError: Bool { kind == .error }
  }

  /// The fenced `strat` and `strat-error` blocks of `text`, with the line of each fence.
  static func examples(in text: String, document: String) -> [Example] {
    var examples: [Example] = []
    var current: Example?
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if var open = current {
        if line.hasPrefix("```") {
          examples.append(open)
          current = nil
        } else {
          open.source += line + "\n"
          current = open
        }
      } else if line.hasPrefix("```"), let kind = Example.Kind(rawValue: String(line.dropFirst(3)))
      {
        current = Example(document: document, line: index + 1, kind: kind, source: "")
      }
    }
    return examples
  }

  static let referenceExamples: [Example] = {
    let text = (try? Corpus.packageFile("Grammar/REFERENCE.md")) ?? ""
    return examples(in: text, document: "Grammar/REFERENCE.md")
  }()

  /// Checks one example; returns the diagnostics for further checks.
  @discardableResult
  static func check(_ example: Example) -> [Diagnostic] {
    let file = SourceFile(path: example.testDescription, text: example.source)
    // Model files are named from the document's folder, as from a strategy's.
    let models = ModelFileReader.relative(to: Corpus.packageRoot.appendingPathComponent(example.document).path)
    let result = Compiler.compile(file, params: [:], optimize: true, models: models)
    #expect(result.internalErrors.isEmpty, "\(example): \(result.internalErrors.map(\.message))")
    let expected = ExpectedDiagnostic.parseAll(example.source)
    switch example.kind {
    case .valid:
      let errors = result.diagnostics.filter { $0.severity == .error }
      #expect(errors.isEmpty, "\(example):\n\(errors.map(DiagnosticRenderer.text).joined())")
      #expect(result.module != nil)
      return result.diagnostics
    case .error:
      #expect(result.hasErrors, "\(example) should fail to compile")
      #expect(
        expected.contains { $0.severity == .error },
        "\(example): annotate the expected errors"
      )
    case .warning:
      #expect(!result.hasErrors && result.module != nil, "\(example) should compile")
      #expect(expected.contains { $0.severity == .warning }, "\(example): annotate the warnings")
    }
    let problems = DiagnosticMatcher.problems(expected: expected, actual: result.diagnostics)
    #expect(problems.isEmpty, "\(example):\n\(problems.map(\.text).joined(separator: "\n"))")
    return result.diagnostics
  }

  @Test(arguments: referenceExamples)
  func referenceExampleBehavesAsMarked(_ example: Example) {
    Self.check(example)
  }

  @Test func referenceHasExamples() {
    #expect(Self.referenceExamples.filter { !$0.isError }.count >= 10)
    #expect(Self.referenceExamples.contains { $0.isError })
  }

  /// Every `errors/<id>.md` link of the reference leads to a page.
  @Test func referenceLinksToExistingErrorPages() throws {
    let text = try Corpus.packageFile("Grammar/REFERENCE.md")
    let regex = try NSRegularExpression(pattern: "\\(errors/([a-z.-]+)\\.md\\)")
    let ids = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
    #expect(!ids.isEmpty)
    for id in Set(ids) {
      let path = Corpus.packageRoot.appendingPathComponent("Grammar/errors/\(id).md").path
      #expect(
        FileManager.default.fileExists(atPath: path),
        "REFERENCE.md links to a missing page: \(id)"
      )
    }
  }
}

/// `Grammar/errors/<id>.md`: one page per diagnostic id, whose `strat-error` (or, for a
/// warning, `strat-warning`) example reports that id and whose `strat` example (the fix)
/// compiles.
@Suite struct ErrorPageTests {
  static let directory = Corpus.packageRoot.appendingPathComponent("Grammar/errors")

  static let pages: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".md") }.map { String($0.dropLast(3)) }.sorted()
  }()

  /// Limits whose failing example would be pages of source (65,537 instruments, 1 GiB of
  /// windows, 4·10⁹ steps of warm-up); LimitTests and the limits_*.strat check cases test them.
  static let tooLargeForAnExample: Set<String> = ["limits.count", "limits.state-size", "limits.warmup"]

  @Test func thereArePagesForTheCommonErrors() { #expect(Self.pages.count >= 12) }

  @Test(arguments: pages)
  func pageExamplesBehaveAsMarked(_ id: String) throws {
    let text = try String(
      contentsOf: Self.directory.appendingPathComponent("\(id).md"),
      encoding: .utf8
    )
    #expect(text.hasPrefix("# \(id)\n"), "the page starts with `# \(id)`")
    let examples = ReferenceExampleTests.examples(in: text, document: "Grammar/errors/\(id).md")
    guard !Self.tooLargeForAnExample.contains(id) else { return }
    #expect(examples.contains { $0.kind != .valid }, "\(id).md has no failing example")
    #expect(examples.contains { $0.kind == .valid }, "\(id).md has no fixed example")
    for example in examples {
      let diagnostics = ReferenceExampleTests.check(example)
      if example.kind != .valid {
        #expect(diagnostics.contains { $0.id == id }, "\(example) does not report \(id)")
      }
    }
  }
}
