import Foundation
import StratMarket
import Testing

@testable import StratEngine

/// `strat-engine export`'s work: a journal's market events out as tick files that read back as
/// the same events, and a journal that does not name an event's stock refused with nothing written.
@Suite struct MarketExportTests {
  static func journal(_ items: [RecordedFeedItem]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)").path
    let journal = try EngineJournal(folder: folder, run: Array("{}".utf8))
    for item in items {
      switch item {
      case .event(let event, let sequence):
        var bytes = [UInt8](repeating: 0, count: MarketRecordWire.eventSize)
        bytes.withUnsafeMutableBytes { MarketRecordWire.encode(event, sequence: sequence, into: $0.baseAddress!) }
        try journal.append(.market, bytes)
      case .directory(let locate, let symbol, let sequence):
        try journal.append(.directory, MarketRecordWire.directory(locate: locate, symbol: symbol, sequence: sequence))
      case .change(let change, let session, let next):
        try journal.append(.feed, MarketRecordWire.feed(change, session: session, next: next))
      }
    }
    journal.sync()
    journal.close()
    return folder
  }

  static func add(_ id: UInt64, locate: UInt32) -> OrderEvent {
    OrderEvent(
      timeNanos: 1_340_285_400_000_000_000 + Int64(id), kind: .add, side: .sell, orderID: id, price: 58_533_000_000,
      quantity: Int64(id), instrument: locate)
  }

  @Test func theRecordedEventsReadBackFromTheirTickFiles() throws {
    let events = (1...5).map { Self.add($0, locate: $0 % 2 == 0 ? 6 : 5) }
    var items: [RecordedFeedItem] = [
      .change(.session, session: MoldUDP64Session("S"), next: 1), .directory(locate: 5, symbol: "GOOG", sequence: 1),
      .directory(locate: 6, symbol: "MSFT", sequence: 2),
    ]
    items += events.enumerated().map { .event($1, sequence: UInt64($0 + 3)) }
    let folder = try Self.journal(items)
    let store = folder + "-store"
    let report = try MarketExport.export(journal: folder, store: store)
    #expect(report.events == 5 && report.files == [store + "/GOOG/2012-06-21.tick", store + "/MSFT/2012-06-21.tick"])
    var read: [OrderEvent] = []
    try TickFile(path: store + "/GOOG/2012-06-21.tick").forEachOrderEvent { read.append($0) }
    #expect(read == events.filter { $0.instrument == 5 })
  }

  @Test func anEventWhoseStockNoDirectoryRecordNamesIsRefusedAndNothingIsWritten() throws {
    let folder = try Self.journal([
      .directory(locate: 5, symbol: "GOOG", sequence: 1), .event(Self.add(1, locate: 5), sequence: 2),
      .event(Self.add(2, locate: 9), sequence: 3),
    ])
    let store = folder + "-store"
    #expect {
      _ = try MarketExport.export(journal: folder, store: store)
    } throws: { error in
      (error as? EngineError)?.id == "journal.bad-market-record" && (error as? EngineError)?.message.contains("locate 9") == true
    }
    #expect(TickStore(folder: store).files().isEmpty)
  }
}
