import Foundation
import Testing

/// A live run killed and restarted: the engine on the ITCH day over MoldUDP64 (drops,
/// duplicates, reordering), SIGKILLed at three seeded events (right after it journaled the
/// event's market record, before a strategy saw it), restarted on the same journal while the
/// publisher keeps going, and once more from outside at a seeded moment. Each restart replays the journaled events, then resumes the feed after
/// the last recorded sequence; the fills equal `stratc backtest` on the ITCH file, and so does a
/// backtest on the tick store exported from that journal.
@Suite(.serialized) struct EngineLiveRecoveryTests {
  static func config(_ folder: String, data: Int, request: Int) throws -> String {
    let path = try EngineUDPTests.udpConfig(folder, data: data, request: request)
    let text = try String(contentsOfFile: path, encoding: .utf8) + "\n[out]\nticks = true\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Runs the engine on `config` until it ends (at most 90 s), killed by itself after `crashAt`
  /// events when given; returns the status, whether SIGKILL ended it, and its log.
  static func engine(_ config: String, crashAt: Int?) throws -> (status: Int32, killed: Bool, log: String) {
    try StratEngineProcess.runKilling(config, crashAt: crashAt, stopAfter: 90)
  }

  /// The publisher, in the background: the day at 60×, lingering to answer re-requests.
  static func publisher(_ itch: String, data: Int, request: Int) throws -> Process {
    let process = Process()
    process.executableURL = StratEngineProcess.binary
    process.arguments = [
      "publish", itch, "--udp", "127.0.0.1:\(data)", "--request-port", "\(request)", "--drop", "0.02",
      "--dup", "0.01", "--reorder", "0.01", "--seed", "11", "--linger", "120", "--speed", "60",
    ]
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// An uninterrupted live run on the day (its own ports and journal): its trades.csv and orders.csv.
  static func uninterrupted(_ itch: String, data: Int, request: Int) throws -> (trades: Data?, orders: Data?) {
    let folder = Stratc.temporaryDirectory()
    let config = try Self.config(folder, data: data, request: request)
    let engine = Process()
    engine.executableURL = StratEngineProcess.binary
    engine.arguments = ["run", "--config", config]
    let logPath = folder + "/engine.log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    engine.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try engine.run()
    let listening = Date().addingTimeInterval(60)
    while engine.isRunning, Date() < listening,
      !String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self).contains("feed.listening")
    {
      usleep(20_000)
    }
    let publisher = try Self.publisher(itch, data: data, request: request)
    let end = Date().addingTimeInterval(90)
    while engine.isRunning && Date() < end { usleep(20_000) }
    if engine.isRunning { kill(engine.processIdentifier, SIGKILL) }
    engine.waitUntilExit()
    publisher.terminate()
    publisher.waitUntilExit()
    #expect(engine.terminationStatus == 0)
    return (FileManager.default.contents(atPath: folder + "/out/trades.csv"), FileManager.default.contents(atPath: folder + "/out/orders.csv"))
  }

  @Test func aLiveRunKilledThreeTimesRecoversAndItsFillsEqualTheBacktestAndTheExportedStore() throws {
    let folder = Stratc.temporaryDirectory()
    let itch = try EngineUDPTests.itchDay(folder)
    let reference = folder + "/bt"
    let backtest = try Stratc.run(
      ["backtest", EngineTests.strategy, "--data", itch, "--date", "2012-06-21", "--out", reference, "--quiet"]
        + StratEngineProcess.backtestVenue)
    #expect(backtest.status == 0, "\(backtest.stderr)")
    var generator = SplitMix(seed: 20261202)
    let data = 50_000 + Int(UInt64(getpid()) % 5_000)
    let request = data + 5_000
    let config = try Self.config(folder, data: data, request: request)
    // Three kill points in the first half of the day's ~9,000 events, at least 500 apart.
    var points: [Int] = []
    for k in 0..<3 { points.append((points.last ?? 0) + 500 + Int(generator.next() % 1_000) + k) }
    // The first run binds the feed before the publisher starts: the directory comes first.
    let first = Process()
    first.executableURL = StratEngineProcess.binary
    first.arguments = ["run", "--config", config]
    var environment = ProcessInfo.processInfo.environment
    environment["STRAT_ENGINE_CRASH_AT_EVENT"] = String(points[0])
    first.environment = environment
    let firstLog = folder + "/first.log"
    FileManager.default.createFile(atPath: firstLog, contents: nil)
    first.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: firstLog))
    try first.run()
    let listening = Date().addingTimeInterval(60)
    while first.isRunning, Date() < listening,
      !String(decoding: FileManager.default.contents(atPath: firstLog) ?? Data(), as: UTF8.self).contains("feed.listening")
    {
      usleep(20_000)
    }
    let publisher = try Self.publisher(itch, data: data, request: request)
    defer {
      if publisher.isRunning { publisher.terminate() }
      publisher.waitUntilExit()
    }
    let firstDeadline = Date().addingTimeInterval(90)
    while first.isRunning && Date() < firstDeadline { usleep(20_000) }
    if first.isRunning { kill(first.processIdentifier, SIGKILL) }
    first.waitUntilExit()
    #expect(first.terminationReason == .uncaughtSignal && first.terminationStatus == SIGKILL)
    // Two more kills, each further into the day, then a restart that runs to the end.
    for crashAt in points.dropFirst() {
      let run = try Self.engine(config, crashAt: crashAt)
      #expect(run.killed, "\(run.log)")
      #expect(run.log.contains("journal.recovering"), "\(run.log)")
    }
    // One more SIGKILL from outside, at a seeded moment (during the replay of the journal, or
    // live): wherever it lands, the next restart must end the same.
    let outside = try StratEngineProcess.run(["run", "--config", config], killAfter: 0.1 + 1.4 * generator.unit())
    #expect(outside.killed || outside.status == 0, "\(outside.log)")
    let last = try Self.engine(config, crashAt: nil)
    #expect(last.status == 0, "\(last.log)")
    #expect(last.log.contains("journal.recovering") && last.log.contains("engine.finished"), "\(last.log)")
    #expect(!last.log.contains("feed.stale"), "\(last.log)")
    let trades = FileManager.default.contents(atPath: folder + "/out/trades.csv")
    let orders = FileManager.default.contents(atPath: folder + "/out/orders.csv")
    #expect(trades != nil && trades == FileManager.default.contents(atPath: reference + "/trades.csv"))
    #expect(orders == FileManager.default.contents(atPath: reference + "/orders.csv"))
    let whole = try Self.uninterrupted(itch, data: data + 1, request: request + 1)
    #expect(whole.trades == trades && whole.orders == orders)
    // The exported store replays through stratc backtest to the engine's own fills.
    let store = folder + "/store"
    let export = try StratEngineProcess.run(["export", "--journal", folder + "/journal", "--store", store])
    #expect(export.status == 0, "\(export.log)")
    let tick = store + "/GOOG/2012-06-21.tick"
    #expect(FileManager.default.contents(atPath: tick) == FileManager.default.contents(atPath: folder + "/out/ticks/GOOG/2012-06-21.tick"))
    let replayed = folder + "/replayed"
    let fromStore = try Stratc.run(
      ["backtest", EngineTests.strategy, "--data", tick, "--out", replayed, "--quiet"] + StratEngineProcess.backtestVenue)
    #expect(fromStore.status == 0, "\(fromStore.stderr)")
    #expect(trades != nil && FileManager.default.contents(atPath: replayed + "/trades.csv") == trades)
  }

  @Test func exportingAJournalWithoutMarketRecordsIsALocatedError() throws {
    let folder = Stratc.temporaryDirectory()
    let config = try StratEngineProcess.config(strategy: EngineTests.strategy, folder: folder)
    // A replayed day journals no market events: its file is the record.
    let run = try StratEngineProcess.run(["run", "--config", config, "--speed", "1000"], killAfter: 0.5)
    #expect(run.killed || run.status == 0, "\(run.log)")
    let export = try StratEngineProcess.run(["export", "--journal", folder + "/journal", "--store", folder + "/store"])
    #expect(export.status == 1)
    #expect(export.log.contains("\(folder)/journal: error[journal.no-market-records]: the journal in \(folder)/journal holds no market events"), "\(export.log)")
    #expect(!FileManager.default.fileExists(atPath: folder + "/store"))
  }
}
