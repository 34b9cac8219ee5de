import Foundation
import Testing

/// Issue 12's kill -9 over FIX: strat-venue (seeded from the LOBSTER day) and an engine trading
/// market_maker through it with a journal, the engine SIGKILLed by itself in the middle of its
/// order burst, restarted on the same journal and FIX message store, killed again after its
/// recovery, restarted again, then stopped cleanly.
/// The restart replays the journal (the venue's reports included, at the points they were
/// booked), has the venue resend what it never journaled, reconciles its open orders, and goes
/// on: every order the OMS made is one order at the venue, and the engine's position is the
/// venue's.
@Suite(.serialized) struct EngineFIXRecoveryTests {
  static let venueBinary = StratEngineProcess.binary.deletingLastPathComponent().appendingPathComponent("strat-venue")

  static func config(_ folder: String, fixPort: Int) throws -> String {
    let base = try StratEngineProcess.config(strategy: EngineTests.strategy, folder: folder)
    var text = try String(contentsOfFile: base, encoding: .utf8)
    let venue = """
      [venue]
      kind = "fix"
      fix = "127.0.0.1:\(fixPort)"
      sender_comp_id = "CLIENT1"
      target_comp_id = "VENUE"

      """
    let start = try #require(text.range(of: "[venue]"))
    let end = try #require(text.range(of: "[[strategy]]"))
    text.replaceSubrange(start.lowerBound..<end.lowerBound, with: venue)
    text = text.replacingOccurrences(of: "messages = \"", with: "speed = 200.0\nmessages = \"")
    text = text.replacingOccurrences(of: "[engine]\n", with: "[engine]\non_exit = \"cancel\"\n")
    try text.write(toFile: base, atomically: true, encoding: .utf8)
    return base
  }

  @Test func anEngineKilledMidBurstRecoversFromItsJournalAndTheMessageStore() throws {
    let folder = Stratc.temporaryDirectory()
    let port = 30_000 + Int(UInt64(getpid()) % 5_000)
    let venue = Process()
    venue.executableURL = Self.venueBinary
    venue.arguments = [
      "run", "--fix-port", "\(port)", "--instruments", "GOOG", "--clients", "CLIENT1", "--store", folder + "/venue",
      "--seed", StratEngineProcess.lobsterDay, "--seed-speed", "200",
    ]
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let venueOut = folder + "/venue.out"
    FileManager.default.createFile(atPath: venueOut, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: venueOut))
    venue.standardOutput = handle
    venue.standardError = handle
    try venue.run()
    defer { if venue.isRunning { venue.terminate() } }
    usleep(500_000)
    let config = try Self.config(folder, fixPort: port)
    // The first run dies at event 1,200: the open's burst of quotes and replaces.
    let first = try StratEngineProcess.runKilling(config, crashAt: 1_200, stopAfter: 60)
    #expect(first.killed, "\(first.log)")
    #expect(first.log.contains("fix.logged-on"), "\(first.log)")
    // The second dies too, at event 2,500, after its recovery and reconciliation.
    let again = try StratEngineProcess.runKilling(config, crashAt: 2_500, stopAfter: 60)
    #expect(again.killed && again.log.contains("oms.reconcile"), "\(again.log)")
    let second = try StratEngineProcess.runKilling(config, crashAt: nil, stopAfter: 6)
    #expect(second.status == 0, "\(second.log)")
    #expect(second.log.contains("journal.recovering") && second.log.contains("fix.resume"), "\(second.log)")
    #expect(second.log.contains("oms.reconcile"), "\(second.log)")
    #expect(!second.log.contains("journal.diverged"), "\(second.log)")
    venue.terminate()
    venue.waitUntilExit()
    let printed = String(decoding: FileManager.default.contents(atPath: venueOut) ?? Data(), as: UTF8.self)
    let line = try #require(printed.split(separator: "\n").first { $0.contains("CLIENT1:") && $0.contains("position") }, "\(printed)")
    // "strat-venue: CLIENT1: N orders, M open, position GOOG X"
    let venuePosition = Int(line.split(separator: " ").last ?? "") ?? .min
    let summary = try String(contentsOfFile: folder + "/out/summary.json", encoding: .utf8)
    let position = summary.split(separator: "\n").first { $0.contains("\"positions\"") }.flatMap { Int($0.split(separator: ":").last!.filter { $0.isNumber || $0 == "-" }) }
    #expect(position == venuePosition, "engine \(summary), venue \(line)")
    // Nothing lost or doubled: every order the OMS created over the three runs (the recovered
    // ones included) is one order at the venue ("N orders"), and the venue's resends (its log's
    // "resending") brought what the dead processes had not journaled.
    let orders = try String(contentsOfFile: folder + "/out/orders.csv", encoding: .utf8)
    let submitted = orders.split(separator: "\n").filter { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(4).first == "submitted" }.count
    let atVenue = line.split(separator: " ").firstIndex(of: "orders,").map { Int(line.split(separator: " ")[$0 - 1]) ?? -1 } ?? -1
    #expect(submitted > 5 && atVenue == submitted, "\(submitted) submitted, venue: \(line)")
    print("kill -9 over FIX: venue \(line); engine \(position.map(String.init) ?? "?")")
    for logged in second.log.split(separator: "\n") where logged.contains("fix.resume") || logged.contains("oms.reconcile") || logged.contains("journal.recovering") || logged.contains("duplicate") {
      print("  \(logged)")
    }
  }
}
