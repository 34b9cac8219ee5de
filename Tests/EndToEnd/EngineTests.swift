import Foundation
import Testing

/// `strat-engine run` as an operator runs it on the LOBSTER sample day: paper trading equals the
/// backtest on every backend the engine runs, a run killed with SIGKILL at random points and
/// restarted on its journal ends with the same fills as one that was never killed, and SIGTERM
/// stops cleanly.
@Suite(.serialized) struct EngineTests {
  static let strategy = Stratc.root.appendingPathComponent("Strategies/market_maker.strat").path

  /// `stratc backtest` on the day with the README's settings: the reference files.
  static let reference: (trades: Data, orders: Data, summary: String) = {
    let out = Stratc.temporaryDirectory()
    let run = try? Stratc.run(
      ["backtest", strategy, "--data", StratEngineProcess.lobsterDay, "--out", out, "--quiet"]
        + StratEngineProcess.backtestVenue)
    precondition(run?.status == 0, "the reference backtest failed: \(run?.stderr ?? "")")
    return (
      FileManager.default.contents(atPath: out + "/trades.csv") ?? Data(),
      FileManager.default.contents(atPath: out + "/orders.csv") ?? Data(),
      (try? String(contentsOfFile: out + "/summary.json", encoding: .utf8)) ?? ""
    )
  }()

  /// The backtest's `unfilled` (orders still resting when the data ended).
  static var referenceUnfilled: Int? {
    guard let range = reference.summary.range(of: #""unfilled": ?[0-9]+"#, options: .regularExpression) else { return nil }
    return Int(reference.summary[range].split(separator: ":").last!.trimmingCharacters(in: .whitespaces))
  }

  static func files(_ folder: String) -> (trades: Data?, orders: Data?) {
    (FileManager.default.contents(atPath: folder + "/out/trades.csv"),
     FileManager.default.contents(atPath: folder + "/out/orders.csv"))
  }

  @Test func paperTradingAJITStrategyEqualsTheBacktestByteForByte() throws {
    let folder = Stratc.temporaryDirectory()
    let config = try StratEngineProcess.config(strategy: Self.strategy, folder: folder)
    let run = try StratEngineProcess.run(["run", "--config", config])
    #expect(run.status == 0, "\(run.log)")
    let (trades, orders) = Self.files(folder)
    #expect(Self.reference.trades.count > 10_000)
    #expect(trades == Self.reference.trades)
    #expect(orders == Self.reference.orders)
    #expect(run.log.contains("\"event\":\"engine.finished\""))
    // The day orders resting at the end expire in the OMS: as many as the backtest left unfilled.
    let unfilled = try #require(Self.referenceUnfilled)
    #expect(unfilled > 0)
    #expect(run.log.contains("\"event\":\"oms.expired\",\"strategy\":\"market_maker\",\"orders\":\(unfilled)}"), "\(run.log.suffix(600))")
    let summary = try String(contentsOfFile: folder + "/out/summary.json", encoding: .utf8)
    #expect(summary.contains("\"open_orders\":0,\n  \"expired\":\(unfilled),"), "\(summary)")
    #expect(run.log.split(separator: "\n").allSatisfy { $0.hasPrefix("{\"ts\":\"") && $0.hasSuffix("}") })
  }

  @Test func paperTradingASignedAOTObjectEqualsTheBacktestByteForByte() throws {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let key = folder + "/strat.key"
    #expect(try Stratc.run(["keygen", key]).status == 0)
    let object = folder + "/market_maker.so"
    let built = try Stratc.run(["build", Self.strategy, "-o", object, "--sign", key, "--quiet"])
    #expect(built.status == 0, "\(built.stderr)")
    let config = try StratEngineProcess.config(strategy: object, folder: folder)
    let signed = try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(of: "allow_unsigned = true", with: "allow_unsigned = false\nkey_file = \"\(key)\"")
    try signed.write(toFile: config, atomically: true, encoding: .utf8)
    let run = try StratEngineProcess.run(["run", "--config", config])
    #expect(run.status == 0, "\(run.log)")
    #expect(run.log.contains("\"backend\":\"aot\""))
    let (trades, orders) = Self.files(folder)
    #expect(trades == Self.reference.trades)
    #expect(orders == Self.reference.orders)
  }

  @Test func anUnsignedObjectIsRefusedWhenTheConfigWantsSignatures() throws {
    let folder = Stratc.temporaryDirectory()
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let key = folder + "/strat.key"
    #expect(try Stratc.run(["keygen", key]).status == 0)
    let object = folder + "/market_maker.so"
    #expect(try Stratc.run(["build", Self.strategy, "-o", object, "--quiet"]).status == 0)
    let config = try StratEngineProcess.config(strategy: object, folder: folder)
    let strict = try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(of: "allow_unsigned = true", with: "allow_unsigned = false\nkey_file = \"\(key)\"")
    try strict.write(toFile: config, atomically: true, encoding: .utf8)
    let run = try StratEngineProcess.run(["run", "--config", config])
    #expect(run.status == 1)
    #expect(run.log.contains("object.unsigned"), "\(run.log)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/trades.csv"))
  }

  @Test func aCutDataFileIsALocatedErrorAndNothingIsWritten() throws {
    let folder = Stratc.temporaryDirectory()
    let config = try StratEngineProcess.config(strategy: Self.strategy, folder: folder)
    let cut = folder + "/GOOG_2012-06-21_34200000_57600000_message_10.csv"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -dc '\(StratEngineProcess.lobsterDay)' | head -c 100000 > '\(cut)'"]
    try process.run()
    process.waitUntilExit()
    let run = try StratEngineProcess.run(["run", "--config", config, "--replay", cut])
    #expect(run.status == 1)
    #expect(run.log.contains("\(cut):2464:1: error[data.lobster.field-count]"), "\(run.log)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/out/trades.csv"))
  }

  /// At least 20 SIGKILLs at seeded random moments, up to 4 per run; each run is restarted on
  /// its journal until it finishes, and must end with the reference files.
  @Test func killNineAtRandomPointsThenRestartEndsWithTheSameFills() throws {
    // How long one uninterrupted run trades on this machine sets where the kills can land.
    let timing = try StratEngineProcess.run(["run", "--config", StratEngineProcess.config(strategy: Self.strategy, folder: Stratc.temporaryDirectory())])
    #expect(timing.status == 0)
    let length = try #require(Self.tradingSeconds(timing.log))
    var generator = SplitMix(seed: 20261202)
    var kills = 0
    var recoveries = 0
    var runs = 0
    // Runs until 20 kills have landed (a kill is lost when a run ends before its moment).
    while kills < 20 && runs < 10 {
      runs += 1
      let folder = Stratc.temporaryDirectory()
      let config = try StratEngineProcess.config(strategy: Self.strategy, folder: folder)
      for attempt in 0..<12 {
        // Kills land in the first part of a run's trading: a run's length varies with the load.
        let delay = attempt < 4 ? length * (0.02 + 0.4 * generator.unit()) : nil
        let run = try StratEngineProcess.run(["run", "--config", config], killAfter: delay)
        if run.log.contains("journal.recovering") { recoveries += 1 }
        if run.killed { kills += 1; continue }
        #expect(run.status == 0, "\(run.log)")
        break
      }
      let (trades, orders) = Self.files(folder)
      #expect(trades == Self.reference.trades)
      #expect(orders == Self.reference.orders)
    }
    #expect(kills >= 20, "only \(kills) kills landed before the runs ended")
    #expect(recoveries >= 20)
  }

  /// Seconds from `engine.started` to `engine.finished` in a log.
  static func tradingSeconds(_ log: String) -> Double? {
    func time(_ event: String) -> Date? {
      guard let line = log.split(separator: "\n").first(where: { $0.contains("\"event\":\"\(event)\"") }),
        let start = line.range(of: "\"ts\":\""), let end = line[start.upperBound...].firstIndex(of: "\"")
      else { return nil }
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      return formatter.date(from: String(line[start.upperBound..<end]))
    }
    guard let a = time("engine.started"), let b = time("engine.finished") else { return nil }
    return b.timeIntervalSince(a)
  }

  /// Starts the example engine in a fresh folder at `--speed speed`, its log in engine.log, and
  /// waits (60 s at most) until it logs `engine.started`.
  static func startPaced(speed: String) throws -> (process: Process, folder: String, config: String, log: String) {
    let folder = Stratc.temporaryDirectory()
    let config = try StratEngineProcess.config(strategy: strategy, folder: folder)
    let process = Process()
    process.executableURL = StratEngineProcess.binary
    process.arguments = ["run", "--config", config, "--speed", speed]
    let logPath = folder + "/engine.log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline,
      !(String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)).contains("engine.started")
    {
      usleep(20_000)
    }
    return (process, folder, config, logPath)
  }

  /// Paced at 1000× real time (the 6.5-hour day takes about 23 s), so the SIGTERM lands mid-day.
  @Test func sigtermStopsCleanlyCancellingOpenOrdersAndARestartGoesOn() throws {
    let (process, folder, config, logPath) = try Self.startPaced(speed: "1000")
    sleep(3)
    kill(process.processIdentifier, SIGTERM)
    process.waitUntilExit()
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(log)")
    #expect(log.contains("engine.stopping") && log.contains("engine.stopped"))
    let summary = try String(contentsOfFile: folder + "/out/summary.json", encoding: .utf8)
    #expect(summary.contains("\"stopped_early\":true"))
    let orders = try String(contentsOfFile: folder + "/out/orders.csv", encoding: .utf8)
    #expect(orders.split(separator: "\n").last?.contains(",cancel_requested,") == true, "\(orders.suffix(400))")
    // A restart replays the stop (the same cancels at the same event) and runs to the end.
    let again = try StratEngineProcess.run(["run", "--config", config])
    #expect(again.status == 0, "\(again.log)")
    #expect(again.log.contains("engine.replayed-stop"))
    #expect(again.log.contains("engine.finished"))
  }

  /// At a pace of 1/1000 of real time the next event is minutes away: a SIGTERM cuts the wait
  /// short, the events to the next boundary go unpaced, and the stop applies there (a restart
  /// replays it, as above).
  @Test func sigtermDoesNotWaitForASlowPace() throws {
    let (process, _, config, logPath) = try Self.startPaced(speed: "0.001")
    sleep(1)
    kill(process.processIdentifier, SIGTERM)
    let deadline = Date().addingTimeInterval(20)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
    #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(log)")
    #expect(log.contains("engine.stopped"))
    let again = try StratEngineProcess.run(["run", "--config", config])
    #expect(again.status == 0 && again.log.contains("engine.replayed-stop"), "\(again.log)")
  }
}

/// A seeded generator (SplitMix64) for kill delays.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
