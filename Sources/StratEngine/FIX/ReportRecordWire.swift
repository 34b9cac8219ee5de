import StratMarket
import StratRuntime

/// The byte layout of the journal's `report` record (15): one batch of a FIX venue's reports as
/// the OMS drained them, little-endian. A recovery hands the same batch to the OMS at the same
/// point instead of waiting for the venue, whose timing no replay can reproduce.
/// ```
///   0 events u64 (delivered before the drain) | 8 last FIX MsgSeqNum u64 | 16 fills u32 | 20 updates u32
///   fill, 66 bytes:   0 order u64 | 8 instrument u16 | 10 side u8 | 11 liquidity u8 | 12 price i64
///                    20 quantity i64 | 28 time i64 | 36 fee i64 | 44 remaining i64 | 52 exec u64 | 60 reserved (6)
///   update, 36 bytes: 0 order u64 | 8 time i64 | 16 remaining i64 | 24 exec u64 | 32 kind u8 | 33 argument u8
///                    | 34 state u8 | 35 reserved u8
/// ```
/// kind: 0 accepted, 1 cancelled (argument: the reason's index), 2 rejected (the reason's
/// index), 3 replaced (1: priority kept), 4 request rejected (the reason's index).
package enum ReportRecordWire {
  static let headerSize = 24
  static let fillSize = 66
  static let updateSize = 36

  package static func encode(_ report: VenueReport, events: UInt64, lastSeq: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(headerSize + report.fills.count * fillSize + report.updates.count * updateSize)
    put(events, &bytes)
    put(UInt64(max(lastSeq, 0)), &bytes)
    put(UInt32(report.fills.count), &bytes)
    put(UInt32(report.updates.count), &bytes)
    for f in report.fills {
      put(f.orderID, &bytes)
      put(UInt16(clamping: f.instrument), &bytes)
      bytes += [f.side.rawValue, f.liquidity.rawValue]
      for value in [f.price, f.quantity, f.time, f.fee.raw, f.remainingQuantity] { put(value, &bytes) }
      put(f.executionID, &bytes)
      bytes += [0, 0, 0, 0, 0, 0]
    }
    for u in report.updates {
      put(u.orderID, &bytes)
      put(u.time, &bytes)
      put(u.remainingQuantity, &bytes)
      put(u.executionID, &bytes)
      let (kind, argument) = code(u.kind)
      bytes += [kind, argument, u.state.rawValue, 0]
    }
    return bytes
  }

  /// The events delivered before the batch was drained, without decoding it.
  package static func events(_ b: [UInt8]) -> UInt64? { b.count >= headerSize ? read(b, 0, UInt64.self) : nil }

  /// The batch and its last MsgSeqNum; nil when the bytes are not a report record.
  package static func decode(_ b: [UInt8]) -> (VenueReport, Int)? {
    guard b.count >= headerSize else { return nil }
    let fills = Int(read(b, 16, UInt32.self))
    let updates = Int(read(b, 20, UInt32.self))
    guard b.count == headerSize + fills * fillSize + updates * updateSize else { return nil }
    var report = VenueReport()
    var at = headerSize
    for _ in 0..<fills {
      guard let side = Side(rawValue: b[at + 10]), let liquidity = VenueLiquidity(rawValue: b[at + 11]) else { return nil }
      report.fills.append(
        VenueFill(
          orderID: read(b, at, UInt64.self), instrument: Int(read(b, at + 8, UInt16.self)), side: side,
          price: read(b, at + 12, Int64.self), quantity: read(b, at + 20, Int64.self), time: read(b, at + 28, Int64.self),
          liquidity: liquidity, fee: Money(raw: read(b, at + 36, Int64.self)), remainingQuantity: read(b, at + 44, Int64.self),
          executionID: read(b, at + 52, UInt64.self)))
      at += fillSize
    }
    for _ in 0..<updates {
      guard let kind = kind(b[at + 32], b[at + 33]), let state = VenueOrderState(rawValue: b[at + 34]) else { return nil }
      report.updates.append(
        VenueOrderUpdate(
          orderID: read(b, at, UInt64.self), time: read(b, at + 8, Int64.self), kind: kind, state: state,
          remainingQuantity: read(b, at + 16, Int64.self), executionID: read(b, at + 24, UInt64.self)))
      at += updateSize
    }
    return (report, Int(read(b, 8, UInt64.self)))
  }

  static func code(_ kind: VenueOrderUpdate.Kind) -> (UInt8, UInt8) {
    switch kind {
    case .accepted: (0, 0)
    case .cancelled(let reason): (1, index(reason))
    case .rejected(let reason): (2, index(reason))
    case .replaced(let kept): (3, kept ? 1 : 0)
    case .requestRejected(let reason): (4, index(reason))
    }
  }

  static func kind(_ code: UInt8, _ argument: UInt8) -> VenueOrderUpdate.Kind? {
    let a = Int(argument)
    let rejects = VenueRejectReason.allCases
    let cancels = VenueCancelReason.allCases
    switch code {
    case 0: return .accepted
    case 1: return a < cancels.count ? .cancelled(cancels[a]) : nil
    case 2: return a < rejects.count ? .rejected(rejects[a]) : nil
    case 3: return argument <= 1 ? .replaced(keptPriority: argument == 1) : nil
    case 4: return a < rejects.count ? .requestRejected(rejects[a]) : nil
    default: return nil
    }
  }

  static func index<T: CaseIterable & Equatable>(_ value: T) -> UInt8 where T.AllCases == [T] {
    UInt8(T.allCases.firstIndex(of: value) ?? 0)
  }

  static func put<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }

  static func read<T: FixedWidthInteger>(_ b: [UInt8], _ offset: Int, _: T.Type) -> T {
    b.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
  }
}
