import StratMarket
import Testing

@testable import StratEngine

/// The journal's market records: fixed little-endian layouts read back as written, a damaged one
/// a located error, and the resume point a restart takes from them.
@Suite struct MarketRecordTests {
  static let event = OrderEvent(
    timeNanos: 1_340_285_400_123_456_789, kind: .replace, side: .sell, orderID: 0x0102_0304_0506_0708,
    newOrderID: 99, price: 585_330_000_00, quantity: 300, instrument: 7)

  static func encoded(_ event: OrderEvent, sequence: UInt64) -> [UInt8] {
    var bytes = [UInt8](repeating: 0xAA, count: MarketRecordWire.eventSize)
    bytes.withUnsafeMutableBytes { MarketRecordWire.encode(event, sequence: sequence, into: $0.baseAddress!) }
    return bytes
  }

  @Test func marketRecordsAreFiftySixLittleEndianBytes() {
    let bytes = Self.encoded(Self.event, sequence: 0x1122)
    func u64(_ at: Int) -> UInt64 { bytes[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    #expect(u64(0) == 0x1122 && u64(8) == UInt64(Self.event.timeNanos) && u64(16) == 0x0102_0304_0506_0708)
    #expect(u64(24) == 99 && u64(32) == 585_330_000_00 && u64(40) == 300)
    #expect(Array(bytes[48..<56]) == [7, 0, 0, 0, OrderEvent.Kind.replace.rawValue, Side.sell.rawValue, 0, 0])
    let decoded = bytes.withUnsafeBytes { MarketRecordWire.decodeEvent($0) }
    #expect(decoded?.0 == Self.event && decoded?.1 == 0x1122)
  }

  @Test func directoryAndFeedRecordsRoundTrip() {
    let directory = MarketRecordWire.directory(locate: 13, symbol: "GOOG", sequence: 2)
    #expect(directory.count == 16)
    let entry = directory.withUnsafeBytes { MarketRecordWire.decodeDirectory($0) }
    #expect(entry?.locate == 13 && entry?.symbol == "GOOG" && entry?.sequence == 2)
    let session = MoldUDP64Session("SESSION042")
    let feed = MarketRecordWire.feed(.stale, session: session, next: 77)
    let change = feed.withUnsafeBytes { MarketRecordWire.decodeFeed($0) }
    #expect(feed.count == 19 && change?.0 == .stale && change?.1 == session && change?.2 == 77)
  }

  @Test func aDamagedMarketRecordIsALocatedErrorNotATrap() {
    var bytes = Self.encoded(Self.event, sequence: 1)
    bytes[52] = 200  // no such kind
    var recorded = RecordedMarket()
    let failure: EngineError? = bytes.withUnsafeBytes { payload in
      do throws(EngineError) {
        try recorded.take(type: EngineRecordType.market.rawValue, payload: payload, record: 41)
        return nil
      } catch { return error }
    }
    #expect(failure?.id == "journal.bad-market-record" && failure?.message.contains("record 41") == true)
    #expect(recorded.items.isEmpty)
    // Cut records of every length, and a symbol outside the alphabet, are refused too.
    let good = Self.encoded(Self.event, sequence: 1)
    for n in 0..<good.count {
      #expect(good.prefix(n).withUnsafeBytes { MarketRecordWire.decodeEvent($0) } == nil)
    }
    let bad = MarketRecordWire.directory(locate: 1, symbol: "GO OG", sequence: 1)
    #expect(bad.withUnsafeBytes { MarketRecordWire.decodeDirectory($0) } == nil)
  }

  @Test func theResumePointIsAfterTheLastRecordedSequenceOfTheSession() throws {
    var recorded = RecordedMarket()
    let session = MoldUDP64Session("S1")
    recorded.add(.change(.session, session: session, next: 1))
    recorded.add(.directory(locate: 7, symbol: "GOOG", sequence: 1))
    recorded.add(.event(Self.event, sequence: 40))
    recorded.add(.change(.stale, session: session, next: 45))
    recorded.add(.event(Self.event, sequence: 52))
    #expect(recorded.eventCount == 2 && recorded.symbols == [7: "GOOG"])
    #expect(recorded.resumePoint?.session == session && recorded.resumePoint?.next == 53)
    recorded.add(.change(.session, session: MoldUDP64Session("S2"), next: 1))
    #expect(recorded.resumePoint?.session == MoldUDP64Session("S2") && recorded.resumePoint?.next == 1)
  }
}
