import Foundation
import Testing

/// Whole-text golden files: the output of a stage is compared byte for byte with a committed
/// file; `STRATC_BLESS=1 swift test …` rewrites the files instead of comparing.
enum Golden {
  /// True when the environment asks for goldens to be rewritten.
  static var isBlessing: Bool { ProcessInfo.processInfo.environment["STRATC_BLESS"] == "1" }

  /// The command that rewrites every golden file, printed with each mismatch.
  static let blessHint =
    "if the new output is right, rewrite the goldens with: STRATC_BLESS=1 swift test --scratch-path .build-filetests --filter FiletestsTests"

  /// Compares `actual` with the golden file at `url`, or writes it when blessing. A missing
  /// golden is a failure (with the output to copy) unless blessing. `mayBless` is false for a
  /// case with a known issue: its golden holds the right output, written by hand, and blessing
  /// must not replace it with the wrong one.
  static func check(
    _ actual: String,
    against url: URL,
    for test: CustomStringConvertible,
    mayBless: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    if isBlessing, mayBless {
      do {
        try Data(actual.utf8).write(to: url)
      } catch {
        Issue.record("\(test): cannot write \(url.path): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    guard let data = try? Data(contentsOf: url) else {
      Issue.record(
        "\(test): the golden file \(url.lastPathComponent) is missing; its output would be:\n\(actual)\n\(blessHint)",
        sourceLocation: sourceLocation
      )
      return
    }
    let expected = String(decoding: data, as: UTF8.self)
    guard expected != actual else { return }
    Issue.record(
      "\(test): the output differs from \(url.lastPathComponent) (- golden, + actual):\n\(TextDiff.unified(expected, actual))\n\(blessHint)",
      sourceLocation: sourceLocation
    )
  }
}

/// A small line diff for failure messages (longest common subsequence; fine for test outputs).
enum TextDiff {
  /// Returns the lines of both texts marked ` ` (same), `-` (only in `old`) or `+` (only in
  /// `new`), with unchanged runs longer than six lines shortened to their ends.
  static func unified(_ old: String, _ new: String) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var lines = edits(a, b)
    lines = shortened(lines)
    return lines.joined(separator: "\n")
  }

  static func edits(_ a: [String], _ b: [String]) -> [String] {
    // lengths[i][j]: the longest common subsequence of a[i...] and b[j...].
    var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in stride(from: a.count - 1, through: 0, by: -1) {
      for j in stride(from: b.count - 1, through: 0, by: -1) {
        lengths[i][j] =
          a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var out: [String] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, j < b.count, a[i] == b[j] {
        out.append("  " + a[i])
        i += 1
        j += 1
      } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
        out.append("+ " + b[j])
        j += 1
      } else {
        out.append("- " + a[i])
        i += 1
      }
    }
    return out
  }

  static func shortened(_ lines: [String]) -> [String] {
    var out: [String] = []
    var run: [String] = []
    func flush() {
      if run.count > 6 {
        out += run.prefix(3) + ["  …"] + run.suffix(3)
      } else {
        out += run
      }
      run = []
    }
    for line in lines {
      if line.hasPrefix("  ") {
        run.append(line)
      } else {
        flush()
        out.append(line)
      }
    }
    flush()
    return out
  }
}
