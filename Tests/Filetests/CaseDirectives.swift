import StratTestSupport
import Testing

/// The directives a case carries in its comments.
///
/// ```
/// // test check                      first line: the stage (required)
/// // param lookback=5                bind a parameter as `--param` would
/// // known-issue: why it fails       a compiler bug: the whole case runs under `withKnownIssue`
/// // known-issue[ID]: why            only differences about diagnostic ID are known issues
/// ```
struct CaseDirectives {
  /// The stage named by the header line, or nil when the first line is not a header.
  var stage: String?
  /// Parameter values bound at compile time, by name, as text.
  var params: [String: String] = [:]
  /// Set when the case documents a known compiler bug.
  var knownIssue: String?
  /// Known compiler bugs that show as wrong diagnostics with these ids, by id.
  var knownIssueIDs: [String: String] = [:]

  /// Reads the directives of a case's text.
  init(text: String) {
    let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    if let first = lines.first?.trimmingTrailingCarriageReturn(), first.hasPrefix("// test ") {
      stage = first.dropFirst("// test ".count).trimming(" ")
    }
    for line in lines {
      let trimmed = line.trimming(" \t\r")
      if let rest = trimmed.dropPrefix("// param ") {
        let parts = rest.split(separator: "=", maxSplits: 1).map(String.init)
        if parts.count == 2 { params[parts[0].trimming(" ")] = parts[1] }
      } else if let rest = trimmed.dropPrefix("// known-issue:") {
        knownIssue = rest.trimming(" ")
      } else if let rest = trimmed.dropPrefix("// known-issue["),
        let close = rest.firstIndex(of: "]")
      {
        let reason = rest[rest.index(after: close)...].dropPrefix(":")?.trimming(" ") ?? ""
        for id in rest[..<close].split(separator: ",") { knownIssueIDs[id.trimming(" ")] = reason }
      }
    }
  }

  /// Records an issue unless the header names `stage`.
  func requireStage(_ stage: String, in test: Filetest) {
    if self.stage != stage {
      Issue.record(
        "\(test): the first line must be `// test \(stage)`; found \(self.stage.map { "`// test \($0)`" } ?? "no header")"
      )
    }
  }

  /// Runs `body`, under `withKnownIssue` when the case documents a known compiler bug.
  func run(_ body: () throws -> Void) rethrows {
    if let knownIssue {
      withKnownIssue(Comment(rawValue: knownIssue)) { try body() }
    } else {
      try body()
    }
  }
}
