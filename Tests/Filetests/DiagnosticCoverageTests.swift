import Foundation
import Testing

/// Every diagnostic id the front end can report has at least one case that expects it, so a
/// new diagnostic without a test, or a renamed id, fails here.
@Suite struct DiagnosticCoverageTests {
  /// The front-end sources that report diagnostics, relative to the package root.
  static let sourceDirectories = ["Sources/StratSyntax", "Sources/StratSema"]

  /// The id namespaces of the front end (`internal.*` are compiler bugs and have no case).
  static let namespaces = [
    "lex", "parse", "names", "types", "units", "time", "cli", "params", "models", "rules", "risk",
    "schedule", "diagnostics", "limits",
  ]

  /// Ids whose case would be a file of megabytes (65,537 instruments), tested on generated
  /// input instead (GeneratedInputTests).
  static let coveredByGeneratedInput: Set<String> = ["limits.count"]

  /// Every quoted id literal such as `"units.mismatch"` in the front-end sources.
  static func idsInSources() throws -> Set<String> {
    let pattern = "\"((?:\(namespaces.joined(separator: "|")))\\.[a-z]+(?:-[a-z]+)*)\""
    let regex = try NSRegularExpression(pattern: pattern)
    var ids: Set<String> = []
    for directory in sourceDirectories {
      let url = Corpus.packageRoot.appendingPathComponent(directory)
      for name in try FileManager.default.contentsOfDirectory(atPath: url.path)
      where name.hasSuffix(".swift") {
        let text = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
        let range = NSRange(text.startIndex..., in: text)
        for match in regex.matches(in: text, range: range) {
          if let id = Range(match.range(at: 1), in: text) { ids.insert(String(text[id])) }
        }
      }
    }
    return ids
  }

  /// Every id expected by an inline annotation of a check or parse case, or printed in a lex
  /// golden.
  static func idsInCases() throws -> Set<String> {
    var ids: Set<String> = []
    for test in Corpus.cases("check") + Corpus.cases("parse") {
      ids.formUnion(ExpectedDiagnostic.parseAll(try test.text()).map(\.id))
    }
    for test in Corpus.cases("lex") {
      let golden = String(decoding: try Data(contentsOf: test.companion("expected")), as: UTF8.self)
      for line in golden.split(separator: "\n") {
        guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]") else {
          continue
        }
        ids.insert(String(line[line.index(after: open)..<close]))
      }
    }
    return ids
  }

  @Test func everyFrontEndDiagnosticHasACase() throws {
    let reported = try Self.idsInSources()
    #expect(reported.count >= 60, "found only \(reported.sorted())")
    let covered = try Self.idsInCases()
    let missing = reported.subtracting(covered).subtracting(Self.coveredByGeneratedInput).sorted()
    #expect(missing.isEmpty, "diagnostics without a case: \(missing)")
  }

  @Test func everyExpectedIdExists() throws {
    let reported = try Self.idsInSources()
    let unknown = try Self.idsInCases().subtracting(reported).sorted()
    #expect(unknown.isEmpty, "cases expect ids no source reports: \(unknown)")
  }
}
