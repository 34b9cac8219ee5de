import Foundation
import StratMarket
import StratRuntime

/// The record types the engine writes to its journal (StratJournal frames them; the payload
/// layouts are here and in Docs/JOURNAL.md "Records"). All integers little-endian.
package enum EngineRecordType: UInt8, CaseIterable, Sendable {
  /// The run: what the engine runs (strategies, their code hashes, params, the feed's digest,
  /// the venue and limits) as UTF-8 JSON. A restart on another run is refused.
  case run = 1
  /// One row of a strategy's order log (`orders.csv`): strategy u16, then the 64-byte row.
  case order = 2
  /// A checkpoint after `events` events: events u64, then per strategy cash i64, fills u64.
  case checkpoint = 3
  /// An operator's command taking effect after `events` events: events u64, command u8.
  case command = 4
  /// The end of the data, after the session finished: events u64.
  case end = 5
  /// A hot-load swapped in after `events` events: events u64, strategy u16, state u8 (0 reset,
  /// 1 carried), then the version (as in `version`). A recovery builds the same bytes again.
  case hotload = 6
  /// The version a strategy starts with: strategy u16, then path, artifact (the `.strat` source
  /// or the object) and signature, each a u32 length and its bytes. A recovery builds these
  /// bytes, not the file as it is now.
  case version = 7
  /// A market event a live feed delivered, before any strategy saw it (`MarketRecordWire`):
  /// sequence u64, then the `OrderEvent` fields; 56 bytes.
  case market = 8
  /// A directory entry of a traded stock, once: sequence u64, locate u32, symbol (1–32 bytes).
  case directory = 9
  /// A change of the live feed's state: next sequence u64, change u8, MoldUDP64 session (10 bytes).
  case feed = 10
  /// A shadow (canary) version started, promoted or dropped after `events` events (`ShadowRecord`).
  case shadow = 11
  /// A strategy unloaded after `events` events: events u64, strategy u16 (`UnloadRecord`).
  case unload = 12
  /// The smart order router's decision for one order (`RouteDecisionJSON`), UTF-8 JSON: what was
  /// asked, what each venue showed, where the units went and why.
  case route = 13
  /// One routed fill with its execution quality (`RouteDecisionJSON`), UTF-8 JSON: venue,
  /// price, decision and arrival prices, slippage in basis points against each, fee.
  case execution = 14
  /// A batch of a FIX venue's reports as the OMS drained them (`ReportRecordWire`): a recovery
  /// hands the OMS the same batch at the same point instead of waiting for the venue.
  case report = 15
  /// A reconciliation after a recovery that changed the OMS's table (`ReconcileRecord`): events
  /// u64, strategy u16, then the orders retired as unknown at the venue and those cancelled as
  /// unknown to the OMS, each a u32 count and u64 ids. A later recovery applies it at the same
  /// event count.
  case reconcile = 16
}

/// An operator command that changes what the hot thread does (journaled, so a recovery applies
/// it at the same event).
package enum EngineCommand: UInt8, Sendable {
  case kill = 1
  case resume = 2
  /// A stop (SIGTERM): open orders are cancelled when the config says so, then the process
  /// exits. A restart on the journal applies the same cancels at the same event and goes on.
  case stop = 3
}

/// The 64-byte wire form of an `OrderLogEntry`:
/// ```
///   0 time i64 | 8 order_id u64 | 16 decided i64 | 24 quantity i64 | 32 price i64 (min = none)
///  40 remaining i64 (min = none) | 48 queue_ahead i64 (min = none) | 56 step i32
///  60 instrument u8 | 61 event u8 | 62 side i8 | 63 reason u8: kind << 4 | argument
/// ```
package enum OrderRowWire {
  package static let size = 64

  package static func encode(_ e: OrderLogEntry, into p: UnsafeMutableRawPointer) {
    p.storeBytes(of: e.time.littleEndian, toByteOffset: 0, as: Int64.self)
    p.storeBytes(of: e.orderID.littleEndian, toByteOffset: 8, as: UInt64.self)
    p.storeBytes(of: e.decided.littleEndian, toByteOffset: 16, as: Int64.self)
    p.storeBytes(of: e.quantity.littleEndian, toByteOffset: 24, as: Int64.self)
    p.storeBytes(of: (e.price?.raw ?? .min).littleEndian, toByteOffset: 32, as: Int64.self)
    p.storeBytes(of: (e.remaining ?? .min).littleEndian, toByteOffset: 40, as: Int64.self)
    p.storeBytes(of: (e.queueAhead ?? .min).littleEndian, toByteOffset: 48, as: Int64.self)
    p.storeBytes(of: Int32(clamping: e.step).littleEndian, toByteOffset: 56, as: Int32.self)
    p.storeBytes(of: UInt8(clamping: e.instrument), toByteOffset: 60, as: UInt8.self)
    p.storeBytes(of: e.event.rawValue, toByteOffset: 61, as: UInt8.self)
    p.storeBytes(of: e.side, toByteOffset: 62, as: Int8.self)
    p.storeBytes(of: reasonByte(e.reason), toByteOffset: 63, as: UInt8.self)
  }

  /// kind: 0 none, 1 limit not reached, 2 requested, 3 venue cancel, 4 venue reject,
  /// 5 priority kept/lost, 6 risk denial; argument = the reason's index in its enumeration.
  static func reasonByte(_ reason: OrderLogEntry.Reason) -> UInt8 {
    func index<T: CaseIterable & Equatable>(_ value: T) -> UInt8 {
      UInt8(truncatingIfNeeded: T.allCases.firstIndex(of: value).map { T.allCases.distance(from: T.allCases.startIndex, to: $0) } ?? 0)
    }
    switch reason {
    case .none: return 0
    case .limitNotReached: return 1 << 4
    case .requested: return 2 << 4
    case .venueCancel(let r): return 3 << 4 | index(r)
    case .venueReject(let r): return 4 << 4 | index(r)
    case .priority(let kept): return 5 << 4 | (kept ? 1 : 0)
    case .denial(let code): return 6 << 4 | index(code)
    }
  }
}

/// A strategy version as the journal keeps it: where it came from and its bytes.
package struct VersionBlob: Sendable, Equatable {
  package var path: String
  package var artifact: [UInt8]
  package var signature: [UInt8]?

  package init(path: String, artifact: [UInt8], signature: [UInt8]?) {
    self.path = path
    self.artifact = artifact
    self.signature = signature
  }

  package var bytes: [UInt8] {
    var out: [UInt8] = []
    for field in [Array(path.utf8), artifact, signature ?? []] {
      withUnsafeBytes(of: UInt32(field.count).littleEndian) { out.append(contentsOf: $0) }
      out.append(contentsOf: field)
    }
    out.append(signature == nil ? 0 : 1)
    return out
  }

  /// Reads a blob from `bytes[at...]`; nil when it does not hold one.
  init?(_ bytes: ArraySlice<UInt8>) {
    var at = bytes.startIndex
    var fields: [[UInt8]] = []
    for _ in 0..<3 {
      guard bytes.endIndex - at >= 4 else { return nil }
      let n = Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
      at += 4
      guard n >= 0, bytes.endIndex - at >= n else { return nil }
      fields.append(Array(bytes[at..<(at + n)]))
      at += n
    }
    guard at < bytes.endIndex else { return nil }
    path = String(decoding: fields[0], as: UTF8.self)
    artifact = fields[1]
    signature = bytes[at] == 1 ? fields[2] : nil
  }

  /// The strategy to build from these bytes, with the configured params and bindings.
  package func strategy(like setup: EngineSetup.Strategy) -> EngineSetup.Strategy {
    var s = setup
    s.path = path
    s.source = artifact
    s.signature = signature
    return s
  }
}

/// A journaled start version (`EngineRecordType.version`).
package struct VersionRecord: Sendable, Equatable {
  package var strategy: Int
  package var blob: VersionBlob

  package var bytes: [UInt8] { [UInt8(strategy & 0xFF), UInt8(strategy >> 8)] + blob.bytes }

  package init(strategy: Int, blob: VersionBlob) {
    self.strategy = strategy
    self.blob = blob
  }

  init?(payload: [UInt8]) {
    guard payload.count > 3, payload[0] == EngineRecordType.version.rawValue, let blob = VersionBlob(payload[3...]) else { return nil }
    strategy = Int(payload[1]) | Int(payload[2]) << 8
    self.blob = blob
  }
}

/// A journaled hot-load (`EngineRecordType.hotload`): events u64, strategy u16, state u8 (0
/// reset, 1 carried, 2 warmed up), for a warm-up the records it replayed u32, then the version.
package struct HotLoadRecord: Sendable, Equatable {
  package var events: UInt64
  package var strategy: Int
  package var carried: Bool
  /// The input records replayed into the version before the swap (the last ones before it).
  package var warmupRecords: UInt32?
  package var blob: VersionBlob

  package init(events: UInt64, strategy: Int, carried: Bool, warmupRecords: UInt32? = nil, blob: VersionBlob) {
    self.events = events
    self.strategy = strategy
    self.carried = carried
    self.warmupRecords = warmupRecords
    self.blob = blob
  }

  /// The payload (without the type byte).
  package var bytes: [UInt8] {
    var out: [UInt8] = []
    withUnsafeBytes(of: events.littleEndian) { out.append(contentsOf: $0) }
    withUnsafeBytes(of: UInt16(strategy).littleEndian) { out.append(contentsOf: $0) }
    out.append(warmupRecords != nil ? 2 : carried ? 1 : 0)
    if let warmupRecords { withUnsafeBytes(of: warmupRecords.littleEndian) { out.append(contentsOf: $0) } }
    return out + blob.bytes
  }

  /// Reads a journaled record (its first byte is the type).
  init?(payload: [UInt8]) {
    guard payload.count > 12, payload[0] == EngineRecordType.hotload.rawValue else { return nil }
    let warm = payload[11] == 2
    guard !warm || payload.count > 16, let blob = VersionBlob(payload[(warm ? 16 : 12)...]) else { return nil }
    events = littleEndian(payload[1..<9])
    strategy = Int(payload[9]) | Int(payload[10]) << 8
    carried = payload[11] == 1
    warmupRecords = warm ? UInt32(littleEndian(payload[12..<16])) : nil
    self.blob = blob
  }
}

/// The little-endian integer in `bytes` (at most 8 of them), as the records store counts.
func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
  bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
}
