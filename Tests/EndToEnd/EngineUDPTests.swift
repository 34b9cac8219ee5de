import Foundation
import Testing

/// The engine on a live ITCH feed: the start of the LOBSTER sample day, written as ITCH 5.0 and sent as
/// MoldUDP64 packets over loopback with drops, duplicates and reordering; the engine recovers
/// every gap from the publisher's request server and, in virtual time, makes exactly the fills
/// `stratc backtest` makes on the ITCH file. It is paced at 60× real time (about 20 s), so that a
/// debug build on a loaded machine keeps up with it.
@Suite(.serialized) struct EngineUDPTests {
  /// The first 10,000 messages of the LOBSTER day (about 20 minutes of trading) as ITCH 5.0: the
  /// engine rebuilds the book from ITCH messages, which a debug build does at only a few
  /// thousand events a second (SeededBook's level reads allocate), so the test keeps the day short.
  static func itchDay(_ folder: String) throws -> String {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    let messages = folder + "/GOOG_2012-06-21_34200000_57600000_message_10.csv"
    process.arguments = ["-c", "gzip -dc '\(StratEngineProcess.lobsterDay)' | head -n 10000 > '\(messages)'"]
    try process.run()
    process.waitUntilExit()
    let itch = folder + "/GOOG_20120621.itch"
    let run = try Stratc.run(["data", "convert", messages, "--to", "itch", "-o", itch])
    #expect(run.status == 0, "\(run.stderr)")
    try dropSystemEvents(itch)
    return itch
  }

  /// Drops the system events (S) and moves the stock directory's timestamp to the first order's:
  /// the converter stamps them hours before the open (and the closing events at the close),
  /// which a paced publisher would wait for; no book reads them.
  static func dropSystemEvents(_ path: String) throws {
    let bytes = try #require(FileManager.default.contents(atPath: path))
    var frames: [[UInt8]] = []
    var at = 0
    while at + 2 <= bytes.count {
      let length = Int(bytes[at]) << 8 | Int(bytes[at + 1])
      guard at + 2 + length <= bytes.count, length > 11 else { break }
      if bytes[at + 2] != UInt8(ascii: "S") { frames.append(Array(bytes[at..<(at + 2 + length)])) }
      at += 2 + length
    }
    guard let first = frames.firstIndex(where: { $0[2] != UInt8(ascii: "R") }) else { return }
    let stamp = frames[first][7..<13]
    for k in 0..<first { frames[k].replaceSubrange(7..<13, with: stamp) }
    try Data(frames.flatMap { $0 }).write(to: URL(fileURLWithPath: path))
  }

  static func udpConfig(_ folder: String, data: Int, request: Int) throws -> String {
    let base = try StratEngineProcess.config(strategy: EngineTests.strategy, folder: folder)
    var text = try String(contentsOfFile: base, encoding: .utf8)
    let feed = """
      [feed]
      kind = "itch-udp"
      udp = "127.0.0.1:\(data)"
      request = "127.0.0.1:\(request)"
      date = "2012-06-21"
      """
    let start = try #require(text.range(of: "[feed]"))
    let end = try #require(text.range(of: "[venue]"))
    text.replaceSubrange(start.lowerBound..<end.lowerBound, with: feed + "\n")
    try text.write(toFile: base, atomically: true, encoding: .utf8)
    return base
  }

  @Test func dropsDuplicatesAndReorderingAreRecoveredAndTheFillsEqualTheBacktest() throws {
    let folder = Stratc.temporaryDirectory()
    let itch = try Self.itchDay(folder)
    let reference = folder + "/bt"
    let backtest = try Stratc.run(
      ["backtest", EngineTests.strategy, "--data", itch, "--date", "2012-06-21", "--out", reference, "--quiet"]
        + StratEngineProcess.backtestVenue)
    #expect(backtest.status == 0, "\(backtest.stderr)")
    var generator = SplitMix(seed: UInt64(getpid()))
    let data = 40_000 + Int(generator.next() % 10_000)
    let request = data + 10_000
    let config = try Self.udpConfig(folder, data: data, request: request)
    let engine = Process()
    engine.executableURL = StratEngineProcess.binary
    engine.arguments = ["run", "--config", config]
    let logPath = folder + "/engine.log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    engine.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try engine.run()
    func log() -> String { String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self) }
    let deadline = Date().addingTimeInterval(60)
    while engine.isRunning, Date() < deadline, !log().contains("feed.listening") { usleep(20_000) }
    let publish = try StratEngineProcess.run([
      "publish", itch, "--udp", "127.0.0.1:\(data)", "--request-port", "\(request)", "--drop", "0.02",
      "--dup", "0.01", "--reorder", "0.01", "--seed", "7", "--linger", "3", "--speed", "60",
    ])
    #expect(publish.status == 0, "\(publish.log)")
    let end = Date().addingTimeInterval(60)
    while engine.isRunning && Date() < end { usleep(20_000) }
    if engine.isRunning { engine.terminate() }
    engine.waitUntilExit()
    #expect(engine.terminationStatus == 0, "\(log())")
    #expect(!log().contains("feed.stale"), "\(log())")
    let trades = FileManager.default.contents(atPath: folder + "/out/trades.csv")
    #expect(trades != nil && trades == FileManager.default.contents(atPath: reference + "/trades.csv"))
    #expect(FileManager.default.contents(atPath: folder + "/out/orders.csv") == FileManager.default.contents(atPath: reference + "/orders.csv"))
  }
}
