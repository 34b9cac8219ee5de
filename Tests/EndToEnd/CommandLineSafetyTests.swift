import Foundation
import Testing

/// What reaches the user when something other than their source is wrong: an output path that
/// would overwrite another, an option given twice, a file system that refuses, a crash. Never a
/// Foundation error's dump, a Swift value, or output written before the refusal.
@Suite struct CommandLineSafetyTests {
  @Test func outEqualToReportIsRefusedBeforeAnythingIsWritten() throws {
    let dir = Stratc.temporaryDirectory()
    let run = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", dir, "--report", dir,
    ])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("--report \(dir) is where --out \(dir) writes"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir))
  }

  @Test func aReportOnTopOfAResultFileIsRefused() throws {
    let dir = Stratc.temporaryDirectory()
    let run = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", dir,
      "--report", dir + "/./trades.csv",
    ])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir))
  }

  @Test func anOutputOnTopOfAnInputIsRefused() throws {
    let copy = try Stratc.temporaryFile(Array(try Data(contentsOf: Stratc.root.appendingPathComponent("Examples/data/GLD.csv"))), suffix: ".csv")
    let before = try Data(contentsOf: URL(fileURLWithPath: copy))
    let run = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", "GLD=\(copy)", "--data", "GDX=Examples/data/GDX.csv",
      "--out", Stratc.temporaryDirectory(), "--report", copy,
    ])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("would overwrite the input"), "\(run.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
  }

  @Test(arguments: [
    ["--param", "entry=1", "--param", "entry=3"],
    ["--out", "/tmp/a", "--out", "/tmp/b"],
    ["--instrument", "a=GLD", "--instrument", "a=SPY"],
    ["--fill", "close", "--fill", "next-open"],
  ])
  func anOptionGivenTwiceIsAnError(repeated: [String]) throws {
    var arguments = ["backtest", "Strategies/pairs.strat", "--data", "Examples/data"]
    if !repeated.contains("--out") { arguments += ["--out", Stratc.temporaryDirectory()] }
    let run = try Stratc.run(arguments + repeated)
    #expect(run.status == 2, "\(repeated): \(run.stderr)")
    #expect(run.stderr.contains("give it once"), "\(run.stderr)")
  }

  @Test func anOutFolderThatIsAFileIsNamedInWords() throws {
    let file = try Stratc.temporaryFile([], suffix: ".txt")
    for out in [file, file + "/inside"] {
      let run = try Stratc.run(["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", out])
      #expect(run.status == 1 || run.status == 2, "\(run.stderr)")
      #expect(!run.stderr.contains("Error Domain"), "\(run.stderr)")
      #expect(!run.stderr.contains("NSCocoaErrorDomain"), "\(run.stderr)")
    }
  }

  @Test func anUnwritableReportSaysWhyInWords() throws {
    let run = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", Stratc.temporaryDirectory(),
      "--report", "/proc/version/report.html",
    ])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("cannot write the report"), "\(run.stderr)")
    #expect(!run.stderr.contains("Error Domain"), "\(run.stderr)")
  }

  @Test func aBadFormatIsAUsageErrorNotASwiftValue() throws {
    let run = try Stratc.run(["data", "import", "Examples/data/GLD.csv", "--store", Stratc.temporaryDirectory(), "--format", "nonsense"])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.hasPrefix("stratc: error: data import: --format must be one of"), "\(run.stderr)")
    #expect(run.stderr.hasSuffix("\ntry 'stratc data import --help'\n"), "two lines, not the whole usage")
    #expect(!run.stderr.contains("usage("), "\(run.stderr)")
  }

  /// `build -o` once removed whatever stood at the path, a whole folder included.
  @Test func buildNeverRemovesAFolderOrOverwritesItsSource() throws {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    FileManager.default.createFile(atPath: folder + "/sub/keep", contents: Data("x".utf8))
    let run = try Stratc.run(["build", "Strategies/pairs.strat", "-o", folder])
    #expect(run.status == 2, "\(run.stderr)")
    #expect(run.stderr.contains("is a folder"), "\(run.stderr)")
    #expect(FileManager.default.fileExists(atPath: folder + "/sub/keep"))
    let text = try Data(contentsOf: Stratc.root.appendingPathComponent("Strategies/pairs.strat"))
    let source = try Stratc.temporaryFile(Array(text))
    let again = try Stratc.run(["build", source, "-o", source])
    #expect(again.status == 2, "\(again.stderr)")
    #expect(again.stderr.contains("would overwrite the input"), "\(again.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == text)
  }

  @Test func noOutputLandsOnAnInputItReadsWithoutNamingIt() throws {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["GLD.csv", "GDX.csv"] {
      try FileManager.default.copyItem(atPath: Stratc.root.appendingPathComponent("Examples/data/\(name)").path, toPath: folder + "/" + name)
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/GLD.csv"))
    let report = try Stratc.run([
      "backtest", "Strategies/pairs.strat", "--data", folder, "--out", Stratc.temporaryDirectory(),
      "--report", folder + "/GLD.csv",
    ])
    #expect(report.status == 2, "\(report.stderr)")
    let sweep = try Stratc.run([
      "sweep", "Strategies/pairs.strat", "--data", folder, "--param", "lookback=10,20", "--out", folder + "/GLD.csv",
    ])
    #expect(sweep.status == 2, "\(sweep.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/GLD.csv")) == before)
  }

  @Test(arguments: [
    ["data", "convert", "MSG", "--to", "itch", "-o", "MSG"],
    ["data", "export", "TICK", "--out", "TICK"],
    ["data", "bench", "TICK", "--generate", "-5"],
    ["data", "bench", "TICK", "--generate", "10000000000000"],
    ["data", "bench", "TICK", "--repeat", "0"],
  ])
  func dataCommandsRefuseOutputsOnTheirInputAndAbsurdCounts(arguments: [String]) throws {
    let message = try Stratc.temporaryFile(Array("34200.1,1,1,100,5794000,1\n".utf8), suffix: "_message_1.csv")
    let tick = try Stratc.temporaryFile(Array("not a tick file".utf8), suffix: ".tick")
    let before = try Data(contentsOf: URL(fileURLWithPath: message))
    let run = try Stratc.run(arguments.map { $0 == "MSG" ? message : $0 == "TICK" ? tick : $0 })
    #expect(run.status == 2, "\(arguments): \(run.stderr)")
    #expect(try Data(contentsOf: URL(fileURLWithPath: message)) == before)
    #expect(try String(contentsOfFile: tick, encoding: .utf8) == "not a tick file")
  }

  @Test(arguments: [
    ["backtest", "Strategies/pairs.strat", "--data", "Examples/data", "--out", "/tmp/x", "--out", "/tmp/y"],
    ["data", "book", "Strategies/pairs.strat", "--levels", "0"],
    ["sweep", "Strategies/pairs.strat", "--data", "Examples/data"],
  ])
  func aUsageErrorInJSONModeIsOneJSONObject(arguments: [String]) throws {
    let run = try Stratc.run(arguments + ["--diagnostics=json"])
    #expect(run.status == 2, "\(run.stderr)")
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
    #expect(object?["id"] as? String == "cli.usage")
  }

  @Test(arguments: ["TOOLONGSYMBOL", "../../x", "a b"])
  func convertRefusesASymbolITCHCannotCarry(symbol: String) throws {
    let message = try Stratc.temporaryFile(Array("34200.1,1,1,100,5794000,1\n".utf8), suffix: "_message_1.csv")
    let out = Stratc.temporaryDirectory() + ".itch"
    let run = try Stratc.run(["data", "convert", message, "--to", "itch", "-o", out, "--date", "2012-06-21", "--symbol", symbol])
    #expect(run.status == 1, "\(run.stderr)")
    #expect(run.stderr.contains("data.source.bad-symbol"), "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func aSourceFromAPipeIsReadOnceAsAStream() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", "'\(Stratc.binary.path)' check <(cat Strategies/pairs.strat)"]
    process.currentDirectoryURL = Stratc.root
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  /// A signal stands in for a crash: stratc blocks opening a FIFO nobody writes, and gets SIGSEGV.
  @Test(arguments: [false, true])
  func theCrashHandlerNamesTheSignalInTheChosenForm(json: Bool) throws {
    let fifo = Stratc.temporaryDirectory() + ".strat"
    #expect(mkfifo(fifo, 0o600) == 0)
    defer { unlink(fifo) }
    let process = Process()
    process.executableURL = Stratc.binary
    process.arguments = ["check", fifo] + (json ? ["--diagnostics=json"] : [])
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    Thread.sleep(forTimeInterval: 0.5)  // time to install the handler and block in open()
    kill(process.processIdentifier, SIGSEGV)
    process.waitUntilExit()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(process.terminationReason == .exit)
    #expect(process.terminationStatus == 3)
    #expect(text.contains("SIGSEGV"), "\(text)")
    if json {
      let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
      #expect(object?["id"] as? String == "internal.crash")
    } else {
      #expect(text.hasPrefix("error[internal.crash]: stratc crashed (SIGSEGV"), "\(text)")
    }
  }
}
