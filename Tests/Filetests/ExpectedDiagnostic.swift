import Foundation
import StratDiagnostics
import StratTestSupport

/// A diagnostic a case expects, written inline on the line it is about (clox style):
///
/// ```
/// let x = a.close + a.volume  // error[units.mismatch]: cannot add Price and Qty
/// let y = clse                // error[names.unknown]: unknown name `clse` // help: did you mean `close`?
/// // error@+1[parse.expected-symbol]: expected `}`     the diagnostic is one line below
/// // error@none[cli.unknown-param]: the strategy has   the diagnostic has no location
/// ```
///
/// The message is a prefix of the reported one. `// help: TEXT` and `// note: TEXT` after an
/// expectation on the same line require `= help: TEXT` / `= note: TEXT` in its rendered text.
struct ExpectedDiagnostic: CustomStringConvertible {
  /// The 1-based line the diagnostic's primary span starts on; nil for "no location".
  var line: Int?
  var severity: Severity
  var id: String
  var message: String
  var helps: [String] = []
  var notes: [String] = []
  /// The line the annotation is written on.
  var annotationLine: Int

  var description: String {
    let place = line.map { "line \($0)" } ?? "no location"
    return "\(place): \(severity.rawValue)[\(id)]: \(message)"
  }

  /// Every expectation written in `text`, in order.
  static func parseAll(_ text: String) -> [ExpectedDiagnostic] {
    var found: [ExpectedDiagnostic] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      found += parseLine(String(line.trimmingTrailingCarriageReturn()), lineNumber: index + 1)
    }
    return found
  }

  static func parseLine(_ line: String, lineNumber: Int) -> [ExpectedDiagnostic] {
    var result: [ExpectedDiagnostic] = []
    for segment in line.components(separatedBy: "//").dropFirst() {
      let text = segment.trimming(" \t")
      if let help = text.dropPrefix("help:"), !result.isEmpty {
        result[result.count - 1].helps.append(help.trimming(" "))
      } else if let note = text.dropPrefix("note:"), !result.isEmpty {
        result[result.count - 1].notes.append(note.trimming(" "))
      } else if let expectation = parseAnnotation(text, lineNumber: lineNumber) {
        result.append(expectation)
      }
    }
    return result
  }

  /// Parses `severity[@place][id]: message`.
  static func parseAnnotation(_ text: String, lineNumber: Int) -> ExpectedDiagnostic? {
    for severity in [Severity.error, .warning, .note] {
      guard let afterSeverity = text.dropPrefix(severity.rawValue),
        let open = afterSeverity.firstIndex(of: "["),
        let close = afterSeverity.firstIndex(of: "]"), open < close
      else { continue }
      let place = afterSeverity[..<open]
      var line: Int? = lineNumber
      if place == "@none" {
        line = nil
      } else if let offset = place.dropPrefix("@"), let delta = Int(offset) {
        line = lineNumber + delta
      } else if !place.isEmpty {
        continue
      }
      let id = String(afterSeverity[afterSeverity.index(after: open)..<close])
      guard let message = afterSeverity[afterSeverity.index(after: close)...].dropPrefix(":")
      else { continue }
      return ExpectedDiagnostic(
        line: line,
        severity: severity,
        id: id,
        message: message.trimming(" "),
        annotationLine: lineNumber
      )
    }
    return nil
  }

  /// True when `diagnostic` is this expectation (place, severity, id and message prefix).
  func matches(_ diagnostic: Diagnostic) -> Bool {
    diagnostic.lineAndColumn?.line == line && diagnostic.severity == severity
      && diagnostic.id == id && diagnostic.message.hasPrefix(message)
  }
}

/// Compares the diagnostics a case expects with those reported.
enum DiagnosticMatcher {
  /// One difference, with the id of the diagnostic it is about.
  struct Problem {
    var id: String
    var text: String
  }

  /// Returns one problem per expectation not reported, help or note missing from the rendered
  /// text, or error or warning nobody expected. Empty when all is as expected.
  static func problems(expected: [ExpectedDiagnostic], actual: [Diagnostic]) -> [Problem] {
    var unmatched = actual
    var problems: [Problem] = []
    for expectation in expected {
      guard let index = unmatched.firstIndex(where: expectation.matches) else {
        problems.append(
          Problem(id: expectation.id, text: "expected but not reported: \(expectation)")
        )
        continue
      }
      let rendered = DiagnosticRenderer.text(unmatched[index])
      for help in expectation.helps where !rendered.contains("= help: \(help)") {
        problems.append(
          Problem(id: expectation.id, text: "\(expectation): no `= help: \(help)` in:\n\(rendered)")
        )
      }
      for note in expectation.notes where !rendered.contains("= note: \(note)") {
        problems.append(
          Problem(id: expectation.id, text: "\(expectation): no `= note: \(note)` in:\n\(rendered)")
        )
      }
      unmatched.remove(at: index)
    }
    for diagnostic in unmatched where diagnostic.severity != .note {
      problems.append(
        Problem(
          id: diagnostic.id,
          text: "reported but not expected: \(annotation(for: diagnostic))"
        )
      )
    }
    return problems
  }

  /// The annotation that would expect `diagnostic`, as a hint for writing cases.
  static func annotation(for diagnostic: Diagnostic) -> String {
    let place = diagnostic.lineAndColumn.map { "line \($0.line):\($0.column)" } ?? "no location"
    return "\(place): // \(diagnostic.severity.rawValue)[\(diagnostic.id)]: \(diagnostic.message)"
  }

  /// Every diagnostic as an annotation, one per line (printed with a failure).
  static func listing(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.isEmpty
      ? "  (none)" : diagnostics.map { "  " + annotation(for: $0) }.joined(separator: "\n")
  }
}
