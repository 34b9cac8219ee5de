import StratDiagnostics
import StratMarket
import Testing

/// The LOBSTER readers on the real GOOG sample and on malformed input: exact times and prices,
/// every event type, any level count, dummy levels, and located `data.lobster.*` errors.
@Suite struct LOBSTERReaderTests {
  static let day: Int64 = LOBSTERSample.midnight

  static func messages(_ text: String, chunk: Int = 1 << 16, policy: MalformedInputPolicy = .stop)
    throws(MarketDataError) -> [OrderEvent]
  {
    let reader = LOBSTERMessageReader(
      stream: MemoryByteStream(text, name: "m.csv", chunk: chunk),
      sessionMidnightNanos: day,
      policy: policy
    )
    return try reader.readAll()
  }

  static func failure(_ text: String) -> Diagnostic? {
    do {
      _ = try messages(text)
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test func readsTheWholeLevelOneDayWithItsTypeMix() throws {
    let events = try LOBSTERMessageReader(path: LOBSTERSample.messages(1)).readAll()
    #expect(events.count == 49_482)
    let counts = Dictionary(grouping: events, by: \.kind).mapValues(\.count)
    #expect(counts[.add] == 24_368 && counts[.cancel] == 7 && counts[.delete] == 13_429)
    #expect(counts[.execute] == 7_765 && counts[.hiddenTrade] == 3_913)
    let first = try #require(events.first)
    #expect(
      first
        == OrderEvent(
          timeNanos: Self.day + 34_200_015_105_074 + 4 * 3_600_000_000_000,  // 09:30 EDT is 13:30Z
          kind: .execute,
          side: .buy,
          orderID: 15_818_974,
          price: 57_940_000_000,
          quantity: 4
        )
    )
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.timeNanos <= $1.timeNanos })
  }

  @Test func convertsTimesExactlyWithoutFloatingPoint() throws {
    let text =
      "34200.05990197,1,1,10,5794000,1\n34200.1,1,2,10,5794000,1\n36000,1,3,1,1,-1\n"
      + "57599.999999999,1,4,1,1,-1\n"
    let times = try Self.messages(text).map { $0.timeNanos - Self.day }
    #expect(
      times == [34_200_059_901_970, 34_200_100_000_000, 36_000_000_000_000, 57_599_999_999_999]
    )
  }

  @Test func mapsEveryEventType() throws {
    let text = """
      1.0,1,11,100,5794000,1
      1.0,2,11,10,5794000,1
      1.0,3,11,90,5794000,1
      1.0,4,12,5,5795000,-1
      1.0,5,0,7,5795100,-1
      1.0,6,0,300,5795000,1
      1.0,7,0,0,-1,-1
      1.0,7,0,0,0,-1
      1.0,7,0,0,1,-1
      """
    let events = try Self.messages(text)
    #expect(
      events.map(\.kind) == [
        .add, .cancel, .delete, .execute, .hiddenTrade, .crossTrade, .tradingState, .tradingState,
        .tradingState,
      ]
    )
    #expect(events[3].side == .sell && events[3].price == 57_950_000_000)
    #expect(events[6...].map(\.quantity) == [1, 1, 0])
  }

  @Test func givesTheSameEventsWhateverTheChunking() throws {
    let text =
      "34200.015105074,4,15818974,4,5794000,1\r\n34200.05990197,4,15818974,300,5794000,1\n"
      + "34200.113246707,5,0,1,5795100,1"
    let whole = try Self.messages(text)
    for chunk in [1, 2, 3, 7, 13] { #expect(try Self.messages(text, chunk: chunk) == whole) }
    #expect(whole.count == 3)
  }

  @Test func locatesMalformedLines() {
    let good = "34200.1,1,1,10,5794000,1\n"
    let cases: [(String, String, Int, Int)] = [
      (good + "34200.2,1,2,10,5794000\n", "data.lobster.field-count", 2, 1),
      (good + "34200.2,9,2,10,5794000,1\n", "data.lobster.bad-type", 2, 9),
      (good + "34200.2,1,2,10,5794000,0\n", "data.lobster.bad-direction", 2, 24),
      (good + "34200.12345.6789,1,2,10,5794000,1\n", "data.lobster.bad-time", 2, 1),
      (good + "34200.2,1,2,1x0,5794000,1\n", "data.lobster.bad-number", 2, 13),
      (good + "34200.2,1,2,-5,5794000,1\n", "data.lobster.bad-size", 2, 13),
      (good + "34200.2,1,2,2000000000000,5794000,1\n", "data.lobster.bad-size", 2, 13),
      (good + "34200.2,1,2,5,99999999999999999,1\n", "data.lobster.bad-number", 2, 15),
      (good + "34100.2,1,2,5,5794000,1\n", "data.lobster.time-backwards", 2, 1),
      (good + "\n", "data.lobster.field-count", 2, 1),
      (good + "34200.2,1,2", "data.lobster.field-count", 2, 1),
      (good + "\u{0}\u{FF}\u{7}garbage", "data.lobster.field-count", 2, 1),
    ]
    for (text, id, line, column) in cases {
      let d = Self.failure(text)
      #expect(d?.id == id, "\(text.debugDescription)")
      #expect(d?.location?.path == "m.csv")
      #expect(
        d?.location?.line == line && d?.location?.column == column,
        "\(text.debugDescription)"
      )
      #expect(d?.location?.byteOffset == good.utf8.count + column - 1)
    }
  }

  @Test func skipsMalformedLinesWhenAsked() throws {
    let text = "1.0,1,1,10,5794000,1\nnonsense\n1.0,1,2,10,5794000,2\n1.0,1,3,10,5794000,-1\n"
    let reader = LOBSTERMessageReader(
      stream: MemoryByteStream(text),
      sessionMidnightNanos: 0,
      policy: .skip
    )
    let events = try reader.readAll()
    #expect(events.map(\.orderID) == [1, 3])
    #expect(reader.skipped == 2)
    #expect(
      reader.skippedDiagnostics.map(\.id) == [
        "data.lobster.field-count", "data.lobster.bad-direction",
      ]
    )
  }

  @Test func rejectsALineLongerThanTheBuffer() {
    let d = Self.failure(String(repeating: "1", count: 70_000) + "\n")
    #expect(d?.id == "data.lobster.line-too-long" && d?.location?.line == 1)
  }

  @Test func readsTheSessionDateFromTheFileName() throws {
    let name = try #require(
      LOBSTERFileName(path: "/x/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz")
    )
    #expect(name.symbol == "GOOG" && name.isMessageFile && name.levels == 10)
    #expect(name.sessionMidnightNanos == LOBSTERSample.midnight)
    #expect(LOBSTERFileName(path: "prices.csv") == nil)
    #expect(LOBSTERFileName(path: "GOOG_2012-02-30_1_2_message_1.csv") == nil)
    #expect(LOBSTERFileName.day(fromISO: "9999-12-31") == nil)
    #expect(LOBSTERFileName.day(fromISO: "2262-01-01") != nil)
    #expect(throws: MarketDataError.self) { try LOBSTERMessageReader(path: "/tmp/nothing.csv") }
    #expect(
      try LOBSTERFileName.sessionMidnight(path: "x.csv", date: "2012-06-21")
        == LOBSTERSample.midnight
    )
    do {
      _ = try LOBSTERFileName.sessionMidnight(path: "x.csv", date: nil)
      Issue.record("expected no date")
    } catch { #expect(error.diagnostics.first?.id == "data.lobster.no-date") }
  }

  @Test func readsOrderbookRowsOfAnyDepthWithDummyLevels() throws {
    let text =
      "5802300,100,5794000,496,5803000,5,-9999999999,0\n9999999999,0,5794000,1,9999999999,0,-9999999999,0\n"
    let reader = LOBSTERBookReader(stream: MemoryByteStream(text))
    let rows = try reader.readAll()
    #expect(reader.levels == 2)
    #expect(
      rows[0].asks == [
        BookLevel(price: 58_023_000_000, quantity: 100, orders: 0),
        BookLevel(price: 58_030_000_000, quantity: 5, orders: 0),
      ]
    )
    #expect(rows[0].bids.count == 1 && rows[1].asks.isEmpty && rows[1].bids.count == 1)
    let bad = LOBSTERBookReader(
      stream: MemoryByteStream("1,2,3,4\n1,2,3,4,5,6,7,8\n", name: "b.csv")
    )
    do {
      _ = try bad.readAll()
      Issue.record("expected an error")
    } catch {
      #expect(error.diagnostics.first?.id == "data.lobster.book-columns")
      #expect(error.diagnostics.first?.location?.line == 2)
    }
  }

  /// Found by Fuzz/LOBSTERFuzz: a price below the old bound (2^50) but above Int64.max / 10^4
  /// trapped when scaled to 1e-8 units.
  @Test func orderbookPriceThatOverflowsWhenScaledIsABadNumber() throws {
    let reader = LOBSTERBookReader(
      stream: MemoryByteStream("5802300,100,5794000,496\n922337203685478,1,5794000,1\n", name: "b.csv")
    )
    do {
      _ = try reader.readAll()
      Issue.record("expected an error")
    } catch {
      let diagnostic = try #require(error.diagnostics.first)
      #expect(diagnostic.id == "data.lobster.bad-number")
      #expect(diagnostic.message == "expected an integer in `ask price`; found `922337203685478`")
      #expect(diagnostic.location?.line == 2 && diagnostic.location?.column == 1)
    }
  }

  @Test func readsTheRealLevelOneOrderbook() throws {
    let reader = try LOBSTERBookReader(path: LOBSTERSample.orderbook(1))
    let rows = try reader.readAll()
    #expect(rows.count == 49_482 && reader.levels == 1)
    #expect(
      rows[0]
        == LOBSTERBookRow(
          asks: [BookLevel(price: 58_023_000_000, quantity: 100, orders: 0)],
          bids: [BookLevel(price: 57_940_000_000, quantity: 496, orders: 0)]
        )
    )
  }

  @Test func writesRowsInLOBSTERLayout() {
    let book = OrderBook()
    book.apply(
      OrderEvent(
        timeNanos: 0,
        kind: .add,
        side: .buy,
        orderID: 1,
        price: 57_940_000_000,
        quantity: 496
      )
    )
    var out: [UInt8] = []
    LOBSTERBookRow.appendCSV(of: book, levels: 2, to: &out)
    #expect(
      String(decoding: out, as: UTF8.self)
        == "9999999999,0,5794000,496,9999999999,0,-9999999999,0\n"
    )
  }

  @Test func mutatedRealLinesGiveDiagnosticsNeverCrashes() throws {
    let prefix =
      try String(contentsOfFile: LOBSTERSample.messages(1), encoding: .utf8)
      .split(separator: "\n").prefix(200).joined(separator: "\n") + "\n"
    let original = Array(prefix.utf8)
    let alphabet = Array("0123456789.,-\n\r \u{0}x".utf8) + [0xFF, 0xC3]
    var rng = SplitMix64(seed: 3)
    for round in 0..<300 {
      var bytes = original
      for _ in 0..<(1 + round % 5) {
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: at)
        default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
        }
      }
      if round % 7 == 0 { bytes.removeLast(Int(rng.next() % 40)) }
      let skipping = LOBSTERMessageReader(
        stream: MemoryByteStream(bytes, chunk: 1 + round % 64),
        sessionMidnightNanos: 0,
        policy: .skip
      )
      let events = try skipping.readAll()
      #expect(events.count + skipping.skipped == skipping.line)
      #expect(
        skipping.skippedDiagnostics.allSatisfy {
          $0.id.hasPrefix("data.lobster.") && $0.location?.line != nil
        }
      )
      let book = LOBSTERBookReader(stream: MemoryByteStream(bytes), policy: .skip)
      _ = try book.readAll()
      #expect(book.skippedDiagnostics.allSatisfy { $0.id.hasPrefix("data.lobster.") })
    }
  }
}
