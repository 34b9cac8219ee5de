import StratMarket
import StratRuntime
import Testing

@testable import StratEngine

/// The engine's journal payloads read back as written, and the state carry plan.
@Suite struct EngineRecordTests {
  @Test func versionAndHotLoadRecordsRoundTrip() throws {
    let blob = VersionBlob(path: "/s/mm.so", artifact: [1, 2, 3, 0, 255], signature: Array("sig".utf8))
    let version = VersionRecord(strategy: 258, blob: blob)
    #expect(VersionRecord(payload: [EngineRecordType.version.rawValue] + version.bytes) == version)
    let unsigned = VersionBlob(path: "a.strat", artifact: Array("strategy x".utf8), signature: nil)
    let hot = HotLoadRecord(events: 1 << 40 | 7, strategy: 3, carried: true, blob: unsigned)
    #expect(HotLoadRecord(payload: [EngineRecordType.hotload.rawValue] + hot.bytes) == hot)
    // A cut or foreign payload reads as nothing, never a trap.
    for n in 0..<(hot.bytes.count) {
      _ = HotLoadRecord(payload: [EngineRecordType.hotload.rawValue] + hot.bytes.prefix(n))
    }
    #expect(HotLoadRecord(payload: [EngineRecordType.hotload.rawValue] + hot.bytes.prefix(20)) == nil)
    #expect(VersionRecord(payload: [EngineRecordType.order.rawValue] + version.bytes) == nil)
  }

  @Test func orderRowsAreSixtyFourBytesWithNoneAsInt64Min() {
    let entry = OrderLogEntry(
      time: 5, orderID: 9, instrument: 1, event: .filled, side: -1, quantity: 100, price: Price(raw: 123),
      remaining: nil, reason: .denial(.killSwitch), decided: 4, queueAhead: 17, step: 2)
    var bytes = [UInt8](repeating: 0xAA, count: OrderRowWire.size)
    bytes.withUnsafeMutableBytes { OrderRowWire.encode(entry, into: $0.baseAddress!) }
    func i64(_ at: Int) -> Int64 { bytes[at..<(at + 8)].reversed().reduce(0) { $0 << 8 | Int64($1) } }
    #expect(i64(0) == 5 && i64(8) == 9 && i64(16) == 4 && i64(24) == 100 && i64(32) == 123)
    #expect(i64(40) == .min && i64(48) == 17)
    #expect(bytes[60] == 1 && bytes[61] == OrderLogEntry.Event.filled.rawValue && bytes[62] == 0xFF)
    #expect(bytes[63] == 6 << 4 | UInt8(RiskDenial.Code.killSwitch.index))
  }

  @Test func stateMovesSlotBySlotWhereNameKindAndSizeAgree() {
    let old = [StateSlot(name: "a", kind: "scalar", bytes: 8), StateSlot(name: "w", kind: "window(20)", bytes: 200)]
    let same = StateCarry(from: old, to: old)
    #expect(same?.complete == true && same?.copies.count == 2)
    let grown = [StateSlot(name: "w", kind: "window(30)", bytes: 280), StateSlot(name: "a", kind: "scalar", bytes: 8)]
    let partial = StateCarry(from: old, to: grown)
    #expect(partial?.complete == false && partial?.fresh == ["w"])
    #expect(partial?.copies.count == 1 && partial?.copies[0].from == 0 && partial?.copies[0].to == 280)
    #expect(StateCarry(from: nil, to: old) == nil)
    var from: [UInt8] = Array(repeating: 1, count: 208)
    var to: [UInt8] = Array(repeating: 0, count: 288)
    from.withUnsafeMutableBytes { f in to.withUnsafeMutableBytes { t in partial!.apply(from: f, to: t) } }
    #expect(to[280..<288].allSatisfy { $0 == 1 } && to[0..<280].allSatisfy { $0 == 0 })
  }
}
