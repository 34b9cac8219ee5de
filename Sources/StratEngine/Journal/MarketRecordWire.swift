import StratMarket

/// The byte layouts of the journal's market records (Docs/JOURNAL.md "Records"), little-endian:
/// ```
///  market (8), 56 bytes:
///   0 sequence u64 | 8 time i64 | 16 order_id u64 | 24 new_order_id u64 | 32 price i64
///  40 quantity i64 | 48 instrument u32 | 52 kind u8 | 53 side u8 | 54 reserved u16 (0)
///  directory (9), 13–44 bytes:  0 sequence u64 | 8 locate u32 | 12 symbol (1–32 bytes)
///  feed (10), 19 bytes:         0 next sequence u64 | 8 change u8 | 9 session (10 bytes)
/// ```
package enum MarketRecordWire {
  package static let eventSize = 56
  package static let feedSize = 19

  /// Writes a market record into `p` (the engine's scratch): no allocation.
  @inline(__always)
  package static func encode(_ e: OrderEvent, sequence: UInt64, into p: UnsafeMutableRawPointer) {
    p.storeBytes(of: sequence.littleEndian, toByteOffset: 0, as: UInt64.self)
    p.storeBytes(of: e.timeNanos.littleEndian, toByteOffset: 8, as: Int64.self)
    p.storeBytes(of: e.orderID.littleEndian, toByteOffset: 16, as: UInt64.self)
    p.storeBytes(of: e.newOrderID.littleEndian, toByteOffset: 24, as: UInt64.self)
    p.storeBytes(of: e.price.littleEndian, toByteOffset: 32, as: Int64.self)
    p.storeBytes(of: e.quantity.littleEndian, toByteOffset: 40, as: Int64.self)
    p.storeBytes(of: e.instrument.littleEndian, toByteOffset: 48, as: UInt32.self)
    p.storeBytes(of: e.kind.rawValue, toByteOffset: 52, as: UInt8.self)
    p.storeBytes(of: e.side.rawValue, toByteOffset: 53, as: UInt8.self)
    p.storeBytes(of: UInt16(0), toByteOffset: 54, as: UInt16.self)
  }

  /// The event and its sequence; nil when the bytes are not a market record.
  package static func decodeEvent(_ b: UnsafeRawBufferPointer) -> (OrderEvent, UInt64)? {
    guard b.count == eventSize, let kind = OrderEvent.Kind(rawValue: b[52]), let side = Side(rawValue: b[53]),
      b[54] == 0, b[55] == 0
    else { return nil }
    let event = OrderEvent(
      timeNanos: Int64(littleEndian: b.loadUnaligned(fromByteOffset: 8, as: Int64.self)), kind: kind, side: side,
      orderID: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
      newOrderID: UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 24, as: UInt64.self)),
      price: Int64(littleEndian: b.loadUnaligned(fromByteOffset: 32, as: Int64.self)),
      quantity: Int64(littleEndian: b.loadUnaligned(fromByteOffset: 40, as: Int64.self)),
      instrument: UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 48, as: UInt32.self)))
    return (event, UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
  }

  /// A directory record's payload.
  package static func directory(locate: UInt32, symbol: String, sequence: UInt64) -> [UInt8] {
    var out: [UInt8] = []
    withUnsafeBytes(of: sequence.littleEndian) { out.append(contentsOf: $0) }
    withUnsafeBytes(of: locate.littleEndian) { out.append(contentsOf: $0) }
    return out + Array(symbol.utf8.prefix(32))
  }

  package static func decodeDirectory(_ b: UnsafeRawBufferPointer) -> (locate: UInt32, symbol: String, sequence: UInt64)? {
    guard (13...44).contains(b.count) else { return nil }
    let symbol = String(decoding: b[12...], as: UTF8.self)
    guard MarketSymbol.isValid(symbol) else { return nil }
    return (
      UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 8, as: UInt32.self)), symbol,
      UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    )
  }

  /// A feed record's payload.
  package static func feed(_ change: FeedChange, session: MoldUDP64Session, next: UInt64) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: feedSize)
    out.withUnsafeMutableBytes { p in
      p.storeBytes(of: next.littleEndian, toByteOffset: 0, as: UInt64.self)
      p[8] = change.rawValue
      session.write(to: p.baseAddress! + 9)
    }
    return out
  }

  package static func decodeFeed(_ b: UnsafeRawBufferPointer) -> (FeedChange, MoldUDP64Session, UInt64)? {
    guard b.count == feedSize, let change = FeedChange(rawValue: b[8]) else { return nil }
    return (change, MoldUDP64Session(wire: b.baseAddress! + 9), UInt64(littleEndian: b.loadUnaligned(fromByteOffset: 0, as: UInt64.self)))
  }
}

/// A change of a live feed's state that changes what the strategies are allowed to do.
package enum FeedChange: UInt8, Sendable {
  /// A MoldUDP64 session began (a stale feed is fresh again).
  case session = 1
  /// A gap was declared lost: the feed is stale (new orders denied) until a new session.
  case stale = 2
  /// The session ended: the data is over.
  case ended = 3
}
