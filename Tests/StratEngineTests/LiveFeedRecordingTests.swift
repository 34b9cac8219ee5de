import Foundation
import StratMarket
import StratNet
import Testing

@testable import StratEngine

/// The live feed's recording over real loopback UDP: what it learns comes out in the order the
/// engine journals it (directory before the events, a loss before the events after it), and a
/// feed resumed from those records hands out the same events and the same stale marking
/// without a packet, then resumes its sequencer after the last recorded number.
@Suite(.serialized) struct LiveFeedRecordingTests {
  static let session = "TESTSESS01"
  static let clock = try! TickImport.itchSessionClock(path: "", date: "2012-06-21")

  static func directory(_ locate: UInt16, _ symbol: String) -> ITCHMessage {
    .stockDirectory(
      ITCHStockDirectory(
        header: ITCHHeader(stockLocate: locate, timestamp: 1), stock: ITCHSymbol(symbol), marketCategory: 0x51,
        financialStatusIndicator: 0x4E, roundLotSize: 100, roundLotsOnly: 0x4E, issueClassification: 0x43,
        issueSubType: 0x5A20, authenticity: 0x50, shortSaleThresholdIndicator: 0x4E, ipoFlag: 0x4E,
        luldReferencePriceTier: 0x31, etpFlag: 0x4E, etpLeverageFactor: 0, inverseIndicator: 0x4E))
  }

  static func add(_ id: UInt64, locate: UInt16, symbol: String) -> (OrderEvent, ITCHMessage) {
    var event = OrderEvent(
      timeNanos: clock.utcNanos(nanosOfDay: 34_200_000_000_000 + Int64(id)), kind: .add, side: .buy, orderID: id,
      price: 58_533_000_000, quantity: 100, instrument: UInt32(locate))
    let message = ITCHEncoder.message(from: event, stockLocate: locate, stock: ITCHSymbol(symbol), session: clock)
    event.instrument = UInt32(locate)
    return (event, message)
  }

  /// Drives `feed` as the engine does: pending items journaled before each event; at most 5 s.
  static func drive(_ feed: LiveITCHFeed) throws -> [RecordedFeedItem] {
    var items: [RecordedFeedItem] = []
    func drain() throws { try feed.drainPending { item throws(EngineError) in items.append(item) } }
    try drain()
    let deadline = Date().addingTimeInterval(5)
    loop: while Date() < deadline {
      switch feed.next() {
      case .event(let event):
        try drain()
        items.append(.event(event, sequence: feed.deliveredSequence))
      case .idle: usleep(1_000)
      case .end: break loop
      }
    }
    try drain()
    return items
  }

  @Test func aRecordedFeedReplaysTheSameEventsAndStaleMarkingThenResumesAfterThem() throws {
    let live = try LiveITCHFeed(listen: "127.0.0.1:0", request: nil, date: "2012-06-21")
    live.startRecording(resuming: nil)
    var marks: [Bool] = []
    live.onStale = { marks.append($0) }
    let sender = try UDPSocket(bindingTo: .loopback())
    let target = try SocketAddress(parsing: live.listenAddress)
    let (first, firstMessage) = Self.add(1, locate: 5, symbol: "GOOG")
    let (_, other) = Self.add(2, locate: 6, symbol: "MSFT")
    let (after, afterMessage) = Self.add(3, locate: 5, symbol: "GOOG")
    // 1–4, then 7 (5 and 6 never come: no request server, so they are declared lost), then the end.
    let packets = [
      try MoldUDP64Encoder.packet(
        session: Self.session, sequenceNumber: 1,
        messages: [Self.directory(5, "GOOG"), Self.directory(6, "MSFT"), firstMessage, other]),
      try MoldUDP64Encoder.packet(session: Self.session, sequenceNumber: 7, messages: [afterMessage]),
      MoldUDP64Encoder.endOfSession(session: Self.session, sequenceNumber: 8),
    ]
    for packet in packets { _ = try sender.send(packet, to: target) }
    try live.bind(["GOOG"], timeoutSeconds: 5)
    let items = try Self.drive(live)
    let s = MoldUDP64Session(Self.session)
    #expect(
      items == [
        .change(.session, session: s, next: 1), .directory(locate: 5, symbol: "GOOG", sequence: 1),
        .event(first, sequence: 3),
        // The loss, then the end (the held 7 completes the session), both learned before 7 is out.
        .change(.stale, session: s, next: 7), .change(.ended, session: s, next: 8), .event(after, sequence: 7),
      ])
    #expect(marks == [true])

    var recorded = RecordedMarket()
    for item in items { recorded.add(item) }
    let resumed = try LiveITCHFeed(listen: "127.0.0.1:0", request: nil, date: "2012-06-21")
    resumed.startRecording(resuming: recorded)
    var resumedMarks: [Bool] = []
    resumed.onStale = { resumedMarks.append($0) }
    try resumed.bind(["GOOG"], timeoutSeconds: 1)  // from the records: no packet was sent to it
    #expect(resumed.symbols == [5: "GOOG"])
    #expect(try Self.drive(resumed) == items)
    #expect(resumedMarks == [true] && resumed.stale)
    #expect(resumed.feed.sequencer.resumePoint?.session == s && resumed.feed.sequencer.resumePoint?.next == 8)
  }

  struct UnusedBuilder: StrategyBuilder {
    func build(_ strategy: EngineSetup.Strategy) throws(EngineError) -> BuiltStrategy {
      throw EngineError(id: "test.unbuilt", message: "no strategy is built here")
    }
  }

  @Test func aLiveRunsJournalIsRecoveredWhenItsEventsAreRecordedAndRefusedWhenNot() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString)").path
    var setup = EngineSetup(strategies: [], feed: .itchUDP(listen: "127.0.0.1:0", request: nil, date: "2012-06-21"), journal: folder)
    let journal = try EngineJournal(folder: folder, run: Engine.runRecord(setup))
    try journal.append(.end, [UInt8](repeating: 0, count: 8))
    journal.sync()
    journal.close()
    setup.recordMarket = false
    #expect {
      _ = try Engine(setup: setup, builder: UnusedBuilder(), log: EngineLog(handle: FileHandle.nullDevice))
    } throws: { ($0 as? EngineError)?.id == "journal.live-recovery" }
    setup.recordMarket = true
    let engine = try Engine(setup: setup, builder: UnusedBuilder(), log: EngineLog(handle: FileHandle.nullDevice))
    #expect(engine.recordsMarket && engine.feed.live != nil)
  }
}
