import StratDiagnostics

/// A read-only view of one ITCH message in memory: big-endian loads at the spec's fixed offsets.
/// The caller has checked the message's length, so loads are unchecked; nothing is copied.
@frozen
public struct ITCHWire {
  /// The type byte of the message.
  public let base: UnsafeRawPointer

  /// Views the message starting (with its type byte) at `base`.
  @inlinable
  public init(_ base: UnsafeRawPointer) { self.base = base }

  /// The type byte.
  @inlinable public var type: UInt8 { base.load(as: UInt8.self) }

  /// The byte at `offset`.
  @inlinable public func u8(_ offset: Int) -> UInt8 {
    base.load(fromByteOffset: offset, as: UInt8.self)
  }

  /// The big-endian 16-bit number at `offset`.
  @inlinable
  public func u16(_ offset: Int) -> UInt16 {
    UInt16(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
  }

  /// The big-endian 32-bit number at `offset`.
  @inlinable
  public func u32(_ offset: Int) -> UInt32 {
    UInt32(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }

  /// The big-endian 64-bit number at `offset`.
  @inlinable
  public func u64(_ offset: Int) -> UInt64 {
    UInt64(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
  }

  /// The big-endian 48-bit number at `offset` (timestamps).
  @inlinable
  public func u48(_ offset: Int) -> UInt64 {
    UInt64(u16(offset)) << 32 | UInt64(u32(offset + 2))
  }

  /// A Price(4) field (4 implied decimals) in `Price` units of 1e-8.
  @inlinable public func price4(_ offset: Int) -> Price { Price(raw: Int64(u32(offset)) * 10_000) }

  /// A Price(8) field (8 implied decimals), already in `Price` units.
  @inlinable public func price8(_ offset: Int) -> Price {
    Price(raw: Int64(bitPattern: u64(offset)))
  }

  /// The locate code, tracking number and timestamp at offsets 1, 3 and 5.
  @inlinable
  public var header: ITCHHeader {
    ITCHHeader(stockLocate: u16(1), trackingNumber: u16(3), timestamp: Int64(u48(5)))
  }
}

/// A writable view of one message's bytes for the encoder: big-endian stores at fixed offsets.
struct ITCHMutableWire {
  let base: UnsafeMutableRawPointer

  func store(_ value: UInt8, at offset: Int) {
    base.storeBytes(of: value, toByteOffset: offset, as: UInt8.self)
  }
  func store(_ value: UInt16, at offset: Int) {
    base.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt16.self)
  }
  func store(_ value: UInt32, at offset: Int) {
    base.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
  }
  func store(_ value: UInt64, at offset: Int) {
    base.storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
  }

  /// Writes the type byte and header; the timestamp must fit the 6-byte field.
  func store(type: UInt8, header: ITCHHeader) throws(MarketDataError) {
    guard (0..<(1 << 48)).contains(header.timestamp) else {
      throw ITCHDiagnostics.unencodable(
        type: type,
        field: "timestamp",
        value: String(header.timestamp),
        range: "0 to 2^48-1 ns since midnight"
      )
    }
    store(type, at: 0)
    store(header.stockLocate, at: 1)
    store(header.trackingNumber, at: 3)
    store(UInt16(truncatingIfNeeded: header.timestamp >> 32), at: 5)
    store(UInt32(truncatingIfNeeded: header.timestamp), at: 7)
  }

  /// Writes a Price(4) field; the price must be a whole number of 1e-4 in 0...4294967295e-4.
  func storePrice4(_ price: Price, at offset: Int, field: String) throws(MarketDataError) {
    let (units, remainder) = price.raw.quotientAndRemainder(dividingBy: 10_000)
    guard remainder == 0, let value = UInt32(exactly: units) else {
      throw ITCHDiagnostics.unencodable(
        type: base.load(as: UInt8.self),
        field: field,
        value: price.description,
        range: "a multiple of 0.0001 from 0 to 429496.7295"
      )
    }
    store(value, at: offset)
  }

  /// Writes a Price(8) field (the raw value's bit pattern, so it round-trips exactly).
  func storePrice8(_ price: Price, at offset: Int) {
    store(UInt64(bitPattern: price.raw), at: offset)
  }
}
