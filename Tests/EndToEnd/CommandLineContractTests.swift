import Foundation
import Testing

/// The command-line contract scripts rely on: exit statuses 0/1/2/3, never a signal.
@Suite struct CommandLineContractTests {
  @Test func checkAcceptsEveryReferenceStrategy() throws {
    let run = try Stratc.run([
      "check", "Strategies/pairs.strat", "Strategies/bollinger.strat", "Strategies/logistic.strat",
      "Strategies/pairs_bench.strat",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.isEmpty)
  }

  @Test func checkReportsErrorsWithLocationAndExitsOne() throws {
    let path = try Stratc.temporaryFile(Array("strategy s\ninstrument a\nlet x = a.close + a.volume\nwhen x > 0 { target a = 1 }\n".utf8))
    let run = try Stratc.run(["check", path])
    #expect(run.status == 1)
    #expect(run.stderr.contains("\(path):3:17: error[units.mismatch]: cannot add Price and Qty"))
    #expect(run.stderr.contains("^"))
  }

  @Test func jsonDiagnosticsAreOneObjectPerLine() throws {
    let path = try Stratc.temporaryFile(Array("strategy s\ninstrument a\nlet x = a.clse\nwhen x > 0 { flat a }\n".utf8))
    let run = try Stratc.run(["check", "--diagnostics=json", path])
    #expect(run.status == 1)
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1)
    let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
    #expect(object?["id"] as? String == "names.unknown-field")
    #expect(object?["line"] as? Int == 3)
    #expect(object?["column"] as? Int == 11)
    let fixIts = object?["fixIts"] as? [[String: Any]]
    #expect(fixIts?.first?["replacement"] as? String == "close")
  }

  @Test(arguments: [
    ["check"], ["frobnicate"], ["check", "--nonsense", "x.strat"], ["ir"],
    ["backtest", "Strategies/pairs.strat", "--fill", "sometimes", "--data", "Examples/data", "--out", "/tmp/x"],
    ["check", "--diagnostics=xml", "Strategies/pairs.strat"],
  ])
  func badUsageExitsTwo(arguments: [String]) throws {
    let run = try Stratc.run(arguments)
    #expect(run.status == 2, "\(arguments): \(run.stderr)")
  }

  /// A usage error is two lines: what is wrong, then the name meant or where help is.
  @Test(arguments: [
    (["chek", "Strategies/pairs.strat"], "stratc: error: unknown command `chek`\ndid you mean `check`? (try 'stratc --help')\n"),
    (["data", "imprt", "x.csv"], "stratc: error: data: unknown data subcommand `imprt`\ndid you mean `import`? (try 'stratc data --help')\n"),
    (["backtest", "Strategies/pairs.strat", "--parm", "entry=2"], "stratc: error: backtest: unknown option `--parm`\ndid you mean `--param`? (try 'stratc backtest --help')\n"),
    (["sweep", "Strategies/pairs.strat", "--jbos", "2"], "stratc: error: sweep: unknown option `--jbos`\ndid you mean `--jobs`? (try 'stratc sweep --help')\n"),
    (["data", "book", "x.csv", "--levls", "2"], "stratc: error: data book: unknown option `--levls`\ndid you mean `--levels`? (try 'stratc data book --help')\n"),
    ([], "stratc: error: name a command: check, ir, build, inspect, keygen, report, backtest, sweep, explain, data, emit-hls, hls-sim, help\ntry 'stratc --help'\n"),
    (["check"], "stratc: error: check: name at least one .strat file\ntry 'stratc check --help'\n"),
    (["ir", "--no-opt"], "stratc: error: ir: name exactly one .strat file\ntry 'stratc ir --help'\n"),
    (["report", "Strategies/pairs.strat", "--xyzzyplugh"], "stratc: error: report: unknown option `--xyzzyplugh`\ntry 'stratc report --help'\n"),
  ])
  func usageErrorsAreTwoLines(arguments: [String], stderr: String) throws {
    let run = try Stratc.run(arguments)
    #expect(run.status == 2)
    #expect(run.stderr == stderr)
    #expect(run.stdout.isEmpty)
  }

  @Test func aUsageErrorInJSONCarriesTheSuggestionAsANote() throws {
    let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--diagnostics=json", "--fil", "close"])
    #expect(run.status == 2)
    let object = try JSONSerialization.jsonObject(with: Data(run.stderr.utf8)) as? [String: Any]
    #expect(object?["id"] as? String == "cli.usage")
    #expect(object?["message"] as? String == "stratc backtest: unknown option `--fil`")
    #expect(object?["notes"] as? [String] == ["did you mean `--fill`?", "try 'stratc backtest --help'"])
  }

  /// A `--param` with an unknown name, a value of the wrong type or out of its range is a bad
  /// command line on every command that takes `--param`, in text and in JSON.
  @Test(arguments: [["ir"], ["report"], ["build", "-o", "out/never.so"], ["backtest", "--data", "Examples/data", "--out", "out/never"]])
  func badParamsAreUsageErrors(command: [String]) throws {
    for (param, id) in [("lookbak=10", "cli.unknown-param"), ("entry=abc", "cli.bad-param"), ("lookback=3", "params.out-of-range")] {
      let text = try Stratc.run([command[0], "Strategies/pairs.strat", "--param", param] + command.dropFirst())
      #expect(text.status == 2, "\(command) \(param): \(text.stderr)")
      #expect(text.stderr.contains("error[\(id)]"), "\(text.stderr)")
      let json = try Stratc.run([command[0], "Strategies/pairs.strat", "--param", param, "--diagnostics=json"] + command.dropFirst())
      #expect(json.status == 2)
      let object = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: Any]
      #expect(object?["id"] as? String == id, "\(json.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: Stratc.root.path + "/out/never.so"))
  }

  @Test func sweepParamErrorsAreUsageErrorsWithASuggestion() throws {
    let unknown = try Stratc.run(["sweep", "Strategies/pairs.strat", "--data", "Examples/data", "--param", "lookbak=10,20"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.hasSuffix("\ndid you mean `lookback`? (try 'stratc sweep --help')\n"), "\(unknown.stderr)")
    let outside = try Stratc.run(["sweep", "Strategies/pairs.strat", "--data", "Examples/data", "--param", "lookback=3,20"])
    #expect(outside.status == 2)
    #expect(outside.stderr.split(separator: "\n").count == 2, "\(outside.stderr)")
  }

  @Test func aDefaultOutOfRangeIsTheSourcesErrorNotTheCommandLines() throws {
    let path = try Stratc.temporaryFile(Array("strategy s\ninstrument a\nparam n: Int = 3 in 5..10\nwhen a.close > 0 { target a = 1 }\n".utf8))
    let run = try Stratc.run(["report", path, "--param", "n=5"])
    #expect(run.status == 0, "the command line's value is in range: \(run.stderr)")
    let bad = try Stratc.run(["report", path])
    #expect(bad.status == 1, "\(bad.stderr)")
  }

  @Test func checkSaysWhatItChecked() throws {
    let run = try Stratc.run(["check", "Strategies/pairs.strat", "Strategies/market_maker.strat"])
    #expect(run.status == 0)
    #expect(run.stdout == """
      ok  Strategies/pairs.strat: strategy pairs, 2 instruments, 4 params, 1 window, warm-up 19 steps
      ok  Strategies/market_maker.strat: strategy market_maker, 1 instrument, 3 params, 0 windows, warm-up 0 steps

      """)
    let quiet = try Stratc.run(["check", "--quiet", "Strategies/pairs.strat"])
    #expect(quiet.status == 0 && quiet.stdout.isEmpty)
  }

  @Test func buildCreatesTheFolderOfItsOutputAndBuildsForGenericByDefault() throws {
    let object = Stratc.temporaryDirectory() + "/a/b/pairs.so"
    let run = try Stratc.run(["build", "Strategies/pairs.strat", "-o", object])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: object))
    #expect(run.stderr.contains("CPU x86-64,"), "generic x86-64, the default of every command: \(run.stderr)")
  }

  @Test(arguments: ["check", "ir", "report", "backtest"])
  func everySubcommandHasHelp(command: String) throws {
    let run = try Stratc.run([command, "--help"])
    #expect(run.status == 0)
    #expect(run.stdout.contains("stratc \(command)"))
  }

  @Test func versionPrints() throws {
    let run = try Stratc.run(["--version"])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("stratc "))
  }

  @Test func missingFileIsAUserError() throws {
    let run = try Stratc.run(["check", "/nonexistent/nowhere.strat"])
    #expect(run.status == 1)
    #expect(run.stderr.contains("cannot read /nonexistent/nowhere.strat"))
  }

  /// Hostile inputs: each ends in diagnostics and exit 1, never a crash, hang or stack overflow.
  @Test(arguments: HostileInput.allCases)
  func hostileInputEndsInDiagnostics(input: HostileInput) throws {
    let path = try Stratc.temporaryFile(input.bytes)
    let run = try Stratc.run(["check", path])
    #expect(!run.crashed)
    #expect(run.status == 1, "\(input): status \(run.status)")
    #expect(run.stderr.contains("error["), "\(input)")
    #expect(run.stderr.utf8.count < 100_000, "diagnostics are capped")
  }

  @Test func irParsesBackByteForByte() throws {
    for name in ["pairs", "bollinger", "logistic", "pairs_bench"] {
      let run = try Stratc.run(["ir", "Strategies/\(name).strat"])
      #expect(run.status == 0)
      #expect(run.stdout.hasPrefix("strategy @\(name)"))
    }
  }
}

enum HostileInput: String, CaseIterable, CustomTestStringConvertible {
  case empty, binary, invalidUTF8, nested200k, negated200k, longChain, megabytes, onlyComments

  var testDescription: String { rawValue }

  var bytes: [UInt8] {
    switch self {
    case .empty: return []
    case .binary:
      var state: UInt64 = 0x9E37_79B9_7F4A_7C15
      return (0..<65_536).map { _ in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 56)
      }
    case .invalidUTF8:
      return Array("strategy s\ninstrument a\nlet x = ".utf8) + [0xC3, 0x28, 0xFF, 0xFE] + Array(" 1\n".utf8)
    case .nested200k:
      return Array("strategy s\ninstrument a\nlet x = ".utf8) + Array(repeating: UInt8(ascii: "("), count: 200_000)
        + [UInt8(ascii: "1")] + Array(repeating: UInt8(ascii: ")"), count: 200_000)
    case .negated200k:
      return Array("strategy s\ninstrument a\nlet x = ".utf8) + Array(repeating: UInt8(ascii: "-"), count: 200_000) + [UInt8(ascii: "1")]
    case .longChain:
      return Array("strategy s\ninstrument a\nlet x = 1".utf8) + Array(String(repeating: " + 1", count: 200_000).utf8)
    case .megabytes:
      var text = "strategy s\ninstrument a\n"
      for i in 0..<120_000 { text += "let v\(i) = a.close * \(i)\n" }
      return Array(text.utf8) + Array("let broken = \n".utf8)
    case .onlyComments:
      return Array(String(repeating: "// nothing here\n", count: 1000).utf8)
    }
  }
}
