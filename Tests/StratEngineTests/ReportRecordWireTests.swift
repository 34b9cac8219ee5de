import StratMarket
import StratRuntime
import Testing

@testable import StratEngine

/// The journal's report record (15): every kind of update and a fill come back as they went in.
@Suite struct ReportRecordWireTests {
  @Test func aBatchRoundTrips() throws {
    var report = VenueReport()
    report.fills.append(
      VenueFill(
        orderID: 7, instrument: 2, side: .sell, price: 58_012_000_000, quantity: 300, time: 1_796_233_972_336_000_000,
        liquidity: .maker, fee: Money(raw: -600_000), remainingQuantity: 100, executionID: 41))
    let kinds: [VenueOrderUpdate.Kind] = [
      .accepted, .cancelled(.immediateOrCancel), .rejected(.unknownInstrument), .replaced(keptPriority: true),
      .replaced(keptPriority: false), .requestRejected(.disconnected),
    ]
    for (k, kind) in kinds.enumerated() {
      report.updates.append(
        VenueOrderUpdate(orderID: UInt64(k + 1), time: Int64(k), kind: kind, state: .open, remainingQuantity: Int64(k * 100), executionID: UInt64(50 + k)))
    }
    let bytes = ReportRecordWire.encode(report, events: 1_280, lastSeq: 325)
    #expect(bytes.count == 24 + 66 + kinds.count * 36)
    #expect(ReportRecordWire.events(bytes) == 1_280)
    let (back, seq) = try #require(ReportRecordWire.decode(bytes))
    #expect(seq == 325 && back.fills == report.fills && back.updates == report.updates)
  }

  @Test func aTruncatedOrCorruptRecordIsRefused() {
    var report = VenueReport()
    report.updates.append(VenueOrderUpdate(orderID: 1, time: 0, kind: .accepted, state: .open, remainingQuantity: 0))
    var bytes = ReportRecordWire.encode(report, events: 0, lastSeq: 1)
    #expect(ReportRecordWire.decode(Array(bytes.dropLast())) == nil)
    bytes[24 + 32] = 9  // no such kind
    #expect(ReportRecordWire.decode(bytes) == nil)
    #expect(ReportRecordWire.decode([1, 2, 3]) == nil)
  }

  @Test func aReconcileRecordRoundTrips() throws {
    let record = ReconcileRecord(events: 1_280, strategy: 0, unknownAtVenue: [3, 9, 12], unknownToOMS: [40])
    #expect(ReconcileRecord(payload: record.bytes) == record)
    #expect(record.bytes.count == 10 + 4 + 24 + 4 + 8)
    #expect(ReconcileRecord(payload: Array(record.bytes.dropLast())) == nil)
    var huge = record.bytes
    huge[10] = 0xff  // a count beyond the bytes
    #expect(ReconcileRecord(payload: huge) == nil)
  }
}
