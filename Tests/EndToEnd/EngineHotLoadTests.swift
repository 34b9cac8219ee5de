import Foundation
import Testing

/// Hot-load as an operator does it: files dropped into the watched folder while the engine
/// trades (paced at 2000× real time, so the day lasts about 12 s).
@Suite(.serialized) struct EngineHotLoadTests {
  /// A folder with a key, a copy of market_maker.strat to trade, and a config that watches it
  /// and wants objects signed by that key.
  static func setUp() throws -> (folder: String, config: String, key: String) {
    let folder = Stratc.temporaryDirectory()
    let strategies = folder + "/strategies"
    try FileManager.default.createDirectory(atPath: strategies, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: EngineTests.strategy, toPath: strategies + "/market_maker.strat")
    let key = folder + "/strat.key"
    #expect(try Stratc.run(["keygen", key]).status == 0)
    let config = try StratEngineProcess.config(strategy: strategies + "/market_maker.strat", folder: folder)
    let strict = try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(of: "allow_unsigned = true", with: "allow_unsigned = false\nkey_file = \"\(key)\"")
    try strict.write(toFile: config, atomically: true, encoding: .utf8)
    return (folder, config, key)
  }

  /// Starts the engine paced, waits until it trades, runs `drop`, waits for the end.
  static func runWhileDropping(_ config: String, _ drop: () throws -> Void) throws -> String {
    let process = Process()
    process.executableURL = StratEngineProcess.binary
    process.arguments = ["run", "--config", config, "--speed", "2000"]
    let logPath = Stratc.temporaryDirectory() + ".log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try process.run()
    func log() -> String { String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self) }
    let deadline = Date().addingTimeInterval(90)
    while process.isRunning, Date() < deadline, !log().contains("engine.started") { usleep(20_000) }
    try drop()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(log())")
    return log()
  }

  @Test func brokenTruncatedUnsignedAndTamperedObjectsAreRefusedAndTheOldVersionKeepsTrading() throws {
    let (folder, config, key) = try Self.setUp()
    let built = folder + "/built.so"
    #expect(try Stratc.run(["build", EngineTests.strategy, "-o", built, "--sign", key, "--quiet"]).status == 0)
    let object = try #require(FileManager.default.contents(atPath: built))
    let signature = try #require(FileManager.default.contents(atPath: built + ".sig"))
    let dir = folder + "/strategies/"
    let log = try Self.runWhileDropping(config) {
      try Data("not an object at all\n".utf8).write(to: URL(fileURLWithPath: dir + "broken.so"))
      usleep(500_000)
      try object.prefix(object.count / 2).write(to: URL(fileURLWithPath: dir + "truncated.so"))
      usleep(500_000)
      try object.write(to: URL(fileURLWithPath: dir + "unsigned.so"))
      usleep(500_000)
      var flipped = object
      flipped[flipped.count / 3] ^= 0x01
      try flipped.write(to: URL(fileURLWithPath: dir + "tampered.so"))
      try signature.write(to: URL(fileURLWithPath: dir + "tampered.so.sig"))
      usleep(500_000)
    }
    let refusals = log.split(separator: "\n").filter { $0.contains("\"event\":\"hotload.refused\"") }
    for name in ["broken.so", "truncated.so", "unsigned.so", "tampered.so"] {
      #expect(refusals.contains { $0.contains(name) }, "no refusal of \(name) in:\n\(log)")
    }
    #expect(refusals.contains { $0.contains("unsigned.so") && $0.contains("object.unsigned") })
    #expect(!log.contains("hotload.swapped"))
    // Nothing was swapped in: the day's fills are exactly the backtest's.
    let (trades, orders) = EngineTests.files(folder)
    #expect(trades == EngineTests.reference.trades)
    #expect(orders == EngineTests.reference.orders)
  }

  @Test func aNewVersionIsSwappedInAndARecoveryReplaysTheSwap() throws {
    let (folder, config, _) = try Self.setUp()
    let source = folder + "/strategies/market_maker.strat"
    let log = try Self.runWhileDropping(config) {
      usleep(1_000_000)
      let text = try String(contentsOfFile: source, encoding: .utf8)
        .replacingOccurrences(of: "param min_spread: Price = 0.05", with: "param min_spread: Price = 0.03")
      try text.write(toFile: source, atomically: true, encoding: .utf8)
    }
    #expect(log.contains("\"event\":\"hotload.swapped\""), "\(log)")
    let first = EngineTests.files(folder)
    #expect(first.trades != nil && first.trades != EngineTests.reference.trades)
    // The journal holds the swap: a restart on it replays the day with the swap at the same
    // event and ends with the same files.
    let again = try StratEngineProcess.run(["run", "--config", config])
    #expect(again.status == 0, "\(again.log)")
    #expect(again.log.contains("\"event\":\"hotload.replayed\""))
    let second = EngineTests.files(folder)
    #expect(second.trades == first.trades)
    #expect(second.orders == first.orders)
  }
}
