/// Eight space-padded ASCII bytes (a stock symbol), kept as the wire bytes so that decoding does
/// not allocate and encoding gives back the same bytes.
public struct ITCHSymbol: Sendable, Hashable, CustomStringConvertible {
  /// The eight bytes, first byte most significant.
  public var raw: UInt64

  /// Wraps the wire bytes.
  public init(raw: UInt64) { self.raw = raw }

  /// Left-justifies `text` and pads it with spaces; only the first 8 bytes are kept.
  public init(_ text: String) {
    var value: UInt64 = 0
    var bytes = Array(text.utf8.prefix(8))
    while bytes.count < 8 { bytes.append(0x20) }
    for byte in bytes { value = value << 8 | UInt64(byte) }
    raw = value
  }

  /// The symbol without its trailing spaces.
  public var text: String { ITCHText.trimmed(raw, width: 8) }

  /// The symbol without its trailing spaces.
  public var description: String { text }
}

/// Four space-padded ASCII bytes (MPID, attribution, trading-action reason), kept as on the wire.
public struct ITCHCode: Sendable, Hashable, CustomStringConvertible {
  /// The four bytes, first byte most significant.
  public var raw: UInt32

  /// Wraps the wire bytes.
  public init(raw: UInt32) { self.raw = raw }

  /// Left-justifies `text` and pads it with spaces; only the first 4 bytes are kept.
  public init(_ text: String) {
    var value: UInt32 = 0
    var bytes = Array(text.utf8.prefix(4))
    while bytes.count < 4 { bytes.append(0x20) }
    for byte in bytes { value = value << 8 | UInt32(byte) }
    raw = value
  }

  /// The code without its trailing spaces.
  public var text: String { ITCHText.trimmed(UInt64(raw), width: 4) }

  /// The code without its trailing spaces.
  public var description: String { text }
}

/// Text helpers for alpha fields.
enum ITCHText {
  /// The first `width` bytes of `raw` (big-endian) as text, trailing spaces removed.
  static func trimmed(_ raw: UInt64, width: Int) -> String {
    var bytes: [UInt8] = []
    for i in stride(from: width - 1, through: 0, by: -1) {
      bytes.append(UInt8(truncatingIfNeeded: raw >> UInt64(8 * i)))
    }
    while let last = bytes.last, last == 0x20 { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A one-byte alpha field shown as a character.
  static func character(_ byte: UInt8) -> Character { Character(Unicode.Scalar(byte)) }
}

/// The fields every ITCH 5.0 message starts with, after its type byte.
public struct ITCHHeader: Sendable, Hashable {
  /// Locate code of the instrument (0 for messages about no instrument).
  public var stockLocate: UInt16
  /// NASDAQ internal tracking number.
  public var trackingNumber: UInt16
  /// Nanoseconds since midnight (6 bytes on the wire, so below 2^48).
  public var timestamp: Int64

  /// Creates a header.
  public init(stockLocate: UInt16 = 0, trackingNumber: UInt16 = 0, timestamp: Int64) {
    self.stockLocate = stockLocate
    self.trackingNumber = trackingNumber
    self.timestamp = timestamp
  }
}
