import Foundation
import StratDiagnostics
import StratMarket
import Testing

/// The tick file format: what is written is read back exactly; every kind of damage is a
/// `data.tick.*` diagnostic, never a trap.
@Suite struct TickStoreFormatTests {
  /// `count` seeded random events of every kind, times non-decreasing.
  static func events(_ count: Int, seed: UInt64 = 7) -> [OrderEvent] {
    var rng = SplitMix64(seed: seed)
    var time: Int64 = 1_340_272_800_000_000_000
    return (0..<count).map { _ in
      time += Int64(rng.next() % 1_000)
      return OrderEvent(
        timeNanos: time, kind: OrderEvent.Kind(rawValue: UInt8(1 + rng.next() % 8))!,
        side: rng.next() % 2 == 0 ? .buy : .sell, orderID: rng.next(), newOrderID: rng.next() >> 3,
        price: 1 + Int64(rng.next() % 100_000_000_000), quantity: Int64(rng.next() % 10_000),
        instrument: UInt32(truncatingIfNeeded: rng.next()))
    }
  }

  /// Writes `events` to a fresh file with small spill blocks; returns its path.
  static func writeOrders(_ events: [OrderEvent], blockRows: Int = 7) throws -> String {
    let path = TestPaths.temporaryFolder() + "/X.tick"
    let writer = try TickFileWriter(
      path: path, kind: .orders, symbol: "GOOG", day: 15_512, source: "test", blockRows: blockRows)
    for event in events { writer.append(event) }
    _ = try writer.finish()
    return path
  }

  /// The error id of opening `bytes` as a tick file, or nil when it opens.
  static func openError(_ bytes: [UInt8], verify: Bool = true) -> String? {
    let path = TestPaths.temporaryFolder() + "/bad.tick"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    do throws(MarketDataError) {
      _ = try TickFile(path: path, verifyChecksums: verify)
      return nil
    } catch {
      return error.diagnostics.first?.id
    }
  }

  @Test(arguments: [0, 1, 6, 7, 8, 100, 20_000])
  func ordersRoundTripExactlyAcrossSpillBlocks(count: Int) throws {
    let events = Self.events(count)
    let file = try TickFile(path: try Self.writeOrders(events))
    var read: [OrderEvent] = []
    file.forEachOrderEvent { read.append($0) }
    #expect(read == events)
    #expect(file.header.kind == .orders && file.header.symbol == "GOOG" && file.header.day == 15_512)
    #expect(file.header.firstTime == (events.first?.timeNanos ?? 0))
    #expect(file.header.lastTime == (events.last?.timeNanos ?? 0))
    #expect(file.header.flags & TickFileHeader.flagTimeSorted != 0)
    #expect(file.int64(.price).map { $0 } == events.map(\.price))
    #expect(file.uint32(.instrument).map { $0 } == events.map(\.instrument))
  }

  @Test func writersSharingOneSpillKeepTheirRowsApart() throws {
    let folder = TestPaths.temporaryFolder()
    let spill = TickSpill(folder: folder)
    let a = Self.events(1_000, seed: 1)
    let b = Self.events(700, seed: 2)
    let wa = try TickFileWriter(path: folder + "/a.tick", kind: .orders, symbol: "A", day: 0, source: "", blockRows: 5, spill: spill)
    let wb = try TickFileWriter(path: folder + "/b.tick", kind: .orders, symbol: "B", day: 0, source: "", blockRows: 3, spill: spill)
    for i in 0..<1_000 {
      wa.append(a[i])
      if i < b.count { wb.append(b[i]) }
    }
    _ = try wb.finish()
    _ = try wa.finish()
    for (path, expected) in [(folder + "/a.tick", a), (folder + "/b.tick", b)] {
      var read: [OrderEvent] = []
      try TickFile(path: path).forEachOrderEvent { read.append($0) }
      #expect(read == expected)
    }
  }

  @Test func columnsAreAlignedAndTheFileSizeIsExact() throws {
    let path = try Self.writeOrders(Self.events(1_000))
    let file = try TickFile(path: path)
    for entry in file.header.entries {
      #expect(entry.offset % 64 == 0)
      #expect(entry.length == 1_000 * entry.column.width)
    }
    let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
    #expect(size == file.header.fileSize)
  }

  @Test func writingIsDeterministicByteForByte() throws {
    let events = Self.events(5_000)
    let a = try Data(contentsOf: URL(fileURLWithPath: try Self.writeOrders(events, blockRows: 7)))
    let b = try Data(contentsOf: URL(fileURLWithPath: try Self.writeOrders(events, blockRows: 4096)))
    #expect(a == b)
  }

  @Test func tradesQuotesAndBarsRoundTrip() throws {
    let folder = TestPaths.temporaryFolder()
    let trades = try TickFileWriter(path: folder + "/t.tick", kind: .trades, symbol: "BTC", day: 1, source: "s")
    trades.appendTrade(timeNanos: 5, price: 2_037_700_000_000, quantity: 177_000_000, side: .buy)
    trades.appendTrade(timeNanos: 5, price: 1, quantity: 100_000, side: nil)
    _ = try trades.finish()
    let t = try TickFile(path: folder + "/t.tick")
    #expect(Array(t.int64(.quantity)) == [177_000_000, 100_000])
    #expect(Array(t.uint8(.side)) == [0, TickSide.unknown])
    let quotes = try TickFileWriter(path: folder + "/q.tick", kind: .quotes, symbol: "Q", day: 1, source: "s")
    quotes.appendQuote(timeNanos: 9, bid: 10, bidSize: 20, ask: 30, askSize: 40)
    _ = try quotes.finish()
    let q = try TickFile(path: folder + "/q.tick")
    #expect([q.int64(.bid)[0], q.int64(.bidSize)[0], q.int64(.ask)[0], q.int64(.askSize)[0]] == [10, 20, 30, 40])
    let bars = try TickFileWriter(path: folder + "/b.tick", kind: .bars, symbol: "B", day: 1, source: "s")
    bars.appendBar(timeNanos: 1, open: 2, high: 4, low: 1, close: 3, volume: 9)
    bars.setHasVolume(true)
    _ = try bars.finish()
    let b = try TickFile(path: folder + "/b.tick")
    #expect(b.header.flags & TickFileHeader.flagHasVolume != 0)
    #expect(Array(b.int64(.close)) == [3] && Array(b.int64(.volume)) == [9])
    #expect(b.uint8(.kind).isEmpty, "a column the kind does not have is empty, not a trap")
  }

  @Test func aRowOfTheWrongKindFailsTheFileAndWritesNothing() throws {
    let path = TestPaths.temporaryFolder() + "/w.tick"
    let writer = try TickFileWriter(path: path, kind: .quotes, symbol: "Q", day: 1, source: "s")
    writer.appendTrade(timeNanos: 1, price: 1, quantity: 1, side: .buy)
    #expect(throws: MarketDataError.self) { try writer.finish() }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).isEmpty)
  }

  @Test func nothingAppearsBeforeFinishAndNoTemporaryFileRemainsAfter() throws {
    let folder = TestPaths.temporaryFolder()
    let writer = try TickFileWriter(path: folder + "/a.tick", kind: .orders, symbol: "A", day: 0, source: "", blockRows: 3)
    for event in Self.events(10) { writer.append(event) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "spill files are unlinked")
    _ = try writer.finish()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.tick"])
  }

  @Test func timesGoingBackClearTheSortedFlag() throws {
    var events = Self.events(3)
    events[2].timeNanos = events[0].timeNanos - 1
    let file = try TickFile(path: try Self.writeOrders(events))
    #expect(file.header.flags & TickFileHeader.flagTimeSorted == 0)
  }

  @Test func symbolsThatCouldEscapeTheStoreAreRefused() {
    let store = TickStore(folder: "/tmp/s")
    for bad in ["", "../x", "a/b", ".hidden", "a b", "a,b", String(repeating: "A", count: 33)] {
      #expect(throws: MarketDataError.self) { try store.path(symbol: bad, day: 0) }
    }
    #expect((try? store.path(symbol: "BRK.B", day: 15_512)) == "/tmp/s/BRK.B/2012-06-21.tick")
  }
}
