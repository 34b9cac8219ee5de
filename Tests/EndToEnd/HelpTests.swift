import Foundation
import Testing

/// Every help text: the same through `stratc help TOPIC` and `stratc TOPIC --help`, equal to its
/// golden file (Tests/EndToEnd/expected/help; `STRATC_BLESS=1` rewrites them), with an
/// EXAMPLES section whose every line runs from the repository root on the bundled data.
@Suite(.serialized) struct HelpTests {
  /// Each help text once (`data import`, `info`, `export` and `bench` share `data`'s).
  static let topics = ["", "check", "ir", "report", "build", "inspect", "keygen", "backtest", "sweep", "explain", "data", "data book", "data convert", "emit-hls", "hls-sim"]

  static func help(_ topic: String) throws -> Stratc.Run {
    try Stratc.run(["help"] + topic.split(separator: " ").map(String.init))
  }

  /// The commands under `EXAMPLES`, one per line.
  static func examples(_ text: String) -> [[String]] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "EXAMPLES" }) else { return [] }
    return lines[(start + 1)...].prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
      .map { $0.split(separator: " ").map(String.init) }
  }

  @Test(arguments: topics)
  func helpMatchesItsGoldenAndBothSpellings(_ topic: String) throws {
    let viaHelp = try Self.help(topic)
    let viaFlag = try Stratc.run(topic.split(separator: " ").map(String.init) + ["--help"])
    #expect(viaHelp.status == 0 && viaFlag.status == 0)
    #expect(viaHelp.stdout == viaFlag.stdout)
    let name = topic.isEmpty ? "stratc" : topic.replacingOccurrences(of: " ", with: "-")
    let golden = Stratc.root.appendingPathComponent("Tests/EndToEnd/expected/help/\(name).txt")
    if ProcessInfo.processInfo.environment["STRATC_BLESS"] == "1" {
      try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(viaHelp.stdout.utf8).write(to: golden)
    }
    let expected = (try? String(contentsOf: golden, encoding: .utf8)) ?? "(missing \(golden.path))"
    #expect(viaHelp.stdout == expected, "help for `\(topic)` differs from its golden; STRATC_BLESS=1 rewrites it")
  }

  @Test(arguments: topics)
  func everyExampleRunsFromTheRepositoryRoot(_ topic: String) throws {
    let examples = Self.examples(try Self.help(topic).stdout)
    #expect(!examples.isEmpty, "`\(topic)` help has no EXAMPLES")
    for example in examples {
      #expect(example.first == "stratc", "\(example)")
      let run = try Stratc.run(Array(example.dropFirst()))
      #expect(run.status == 0 && !run.crashed, "\(example.joined(separator: " ")): \(run.stderr)")
    }
  }

  @Test(arguments: ["import", "info", "export", "bench", "book", "convert"])
  func everyDataSubcommandsHelpHasExamples(_ sub: String) throws {
    let run = try Stratc.run(["data", sub, "--help"])
    #expect(run.status == 0)
    #expect(!Self.examples(run.stdout).isEmpty)
  }

  @Test func anUnknownHelpTopicSuggestsTheClosest() throws {
    let run = try Stratc.run(["help", "backtst"])
    #expect(run.status == 2)
    #expect(run.stderr == "stratc: error: unknown help topic `backtst`\ndid you mean `backtest`? (try 'stratc --help')\n")
  }
}
