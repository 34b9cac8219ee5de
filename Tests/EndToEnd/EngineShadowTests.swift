import Foundation
import Testing

/// A shadow (canary) version as an operator runs one: dropped into the watched folder as
/// `NAME.shadow.strat`, watched in /metrics, promoted with `strat-engine ctl promote`, then the
/// engine is killed with SIGKILL and restarted on its journal.
@Suite(.serialized) struct EngineShadowTests {
  static func breakout(lot: Int) -> String {
    """
    strategy breakout
    instrument s = "GOOG"
    param lot: Qty = \(lot)
    let hi = highest(s.mid, 20)
    let lo = lowest(s.mid, 20)
    when s.mid >= hi and s.mid > lo { target s = lot }
    when s.mid <= lo and s.mid < hi { target s = -lot }
    """
  }

  /// Waits (60 s at most) until `log` holds `text`; false when the process ended first.
  static func wait(for text: String, in logPath: String, while process: Process) -> Bool {
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      if String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self).contains(text) { return true }
      if !process.isRunning { return false }
      usleep(10_000)
    }
    return false
  }

  static func ctl(_ args: [String]) throws -> (status: Int32, out: String) {
    let process = Process()
    process.executableURL = StratEngineProcess.binary
    process.arguments = ["ctl"] + args
    let outPath = Stratc.temporaryDirectory() + ".out"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = process.standardOutput
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: outPath) ?? Data(), as: UTF8.self))
  }

  @Test func aDroppedShadowIsPromotedWithCtlAndAKillAfterThePromotionRecoversTheSameTrades() throws {
    let folder = Stratc.temporaryDirectory()
    let strategies = folder + "/strategies"
    try FileManager.default.createDirectory(atPath: strategies, withIntermediateDirectories: true)
    try Self.breakout(lot: 100).write(toFile: strategies + "/breakout.strat", atomically: true, encoding: .utf8)
    let token = folder + "/token"
    #expect(try StratEngineProcess.run(["token", token]).status == 0)
    let config = try StratEngineProcess.config(
      strategy: strategies + "/breakout.strat", folder: folder,
      extra: "[control]\nlisten = \"127.0.0.1:0\"\ntoken_file = \"\(token)\"")
    // Without any hot-load, in virtual time: the files the promotion must change.
    let plain = try StratEngineProcess.run(["run", "--config", config, "--journal", folder + "/plain-journal", "--out", folder + "/plain"])
    #expect(plain.status == 0, "\(plain.log)")

    let process = Process()
    process.executableURL = StratEngineProcess.binary
    process.arguments = ["run", "--config", config, "--speed", "2000"]
    let logPath = folder + "/engine.log"
    FileManager.default.createFile(atPath: logPath, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
    try process.run()
    defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
    #expect(Self.wait(for: "engine.started", in: logPath, while: process))
    let log = { String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self) }
    let listening = try #require(log().split(separator: "\n").first { $0.contains("control.listening") })
    let address = try #require(listening.range(of: "127.0.0.1:[0-9]+", options: .regularExpression).map { String(listening[$0]) })
    let flags = ["--control", address, "--token-file", token]
    try Self.breakout(lot: 300).write(toFile: strategies + "/breakout.shadow.strat", atomically: true, encoding: .utf8)
    #expect(Self.wait(for: "\"event\":\"hotload.shadow\"", in: logPath, while: process), "\(log())")
    usleep(500_000)
    let metrics = try Self.ctl(["metrics"] + flags)
    #expect(metrics.status == 0 && metrics.out.contains("strat_engine_shadow_steps_total "))
    #expect(!metrics.out.contains("strat_engine_shadow_differing_total 0\n"), "\(metrics.out)")
    let promote = try Self.ctl(["promote", "breakout"] + flags)
    #expect(promote.status == 0 && promote.out.contains("\"accepted\":\"promote\""), "\(promote.out)")
    #expect(Self.wait(for: "\"event\":\"hotload.promoted\"", in: logPath, while: process), "\(log())")
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try FileManager.default.copyItem(atPath: folder + "/journal", toPath: folder + "/journal-copy")

    // Two restarts on the same journal (one on a copy) replay the shadow and the promotion at
    // the same events and end with the same files, which the promotion changed.
    let again = try StratEngineProcess.run(["run", "--config", config])
    #expect(again.status == 0 && again.log.contains("engine.finished"), "\(again.log)")
    let trades = try String(contentsOfFile: folder + "/out/trades.csv", encoding: .utf8)
    let orders = try String(contentsOfFile: folder + "/out/orders.csv", encoding: .utf8)
    let copy = try StratEngineProcess.run(["run", "--config", config, "--journal", folder + "/journal-copy", "--out", folder + "/copy"])
    #expect(copy.status == 0, "\(copy.log)")
    #expect(try String(contentsOfFile: folder + "/copy/trades.csv", encoding: .utf8) == trades)
    #expect(try String(contentsOfFile: folder + "/copy/orders.csv", encoding: .utf8) == orders)
    #expect(try String(contentsOfFile: folder + "/plain/trades.csv", encoding: .utf8) != trades)
    #expect(orders.contains(",300,") || orders.contains(",-300,") || orders.contains(",400,") || orders.contains(",-400,"))
    let shadowRows = try String(contentsOfFile: folder + "/out/shadow_decisions.csv", encoding: .utf8)
    #expect(shadowRows.hasPrefix("time,strategy,step,agreement,live,shadow\n") && shadowRows.contains(",differ,"))
  }
}
