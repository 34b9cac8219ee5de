/// HMAC-SHA256 (RFC 2104, FIPS 198-1) on `SHA256Hasher`: what signs a strategy object for the
/// live engine (`stratc build --sign`), so that only objects built by a holder of the key load.
public enum HMACSHA256 {
  /// SHA-256's block size: keys are padded (or first hashed) to it.
  static let blockBytes = 64

  /// The 32-byte MAC of `message` under `key` (any length; a longer key than a block is hashed).
  public static func mac<Key: Collection, Message: Collection>(key: Key, message: Message)
    -> [UInt8]
  where Key.Element == UInt8, Message.Element == UInt8 {
    var block = key.count > blockBytes ? SHA256.digest(key) : Array(key)
    block += [UInt8](repeating: 0, count: blockBytes - block.count)
    var inner = SHA256Hasher()
    inner.update(block.map { $0 ^ 0x36 })
    inner.update(message)
    var outer = SHA256Hasher()
    outer.update(block.map { $0 ^ 0x5c })
    outer.update(inner.finalize())
    return outer.finalize()
  }

  /// True when `a` and `b` are equal, in a time that depends only on their lengths (never on
  /// where they first differ), so a forger cannot learn a MAC byte by byte from timing.
  public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}

/// Lowercase hex, and back: the text form of digests, MACs and keys in files.
public enum Hex {
  /// `bytes` as lowercase hex digits, two per byte.
  public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String
  where Bytes.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    return String(
      decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] },
      as: UTF8.self
    )
  }

  /// The bytes of lowercase or uppercase hex text; nil for an odd length or any other character.
  public static func decode<Text: Collection>(_ text: Text) -> [UInt8]?
  where Text.Element == UInt8 {
    guard text.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.count / 2)
    var high: UInt8?
    for character in text {
      guard let value = nibble(character) else { return nil }
      if let first = high {
        bytes.append(first << 4 | value)
        high = nil
      } else {
        high = value
      }
    }
    return bytes
  }

  /// True when `text` is exactly `digits` lowercase hex digits (how digests, MACs and key ids
  /// are written).
  public static func isLowercase(_ text: String, digits: Int) -> Bool {
    text.utf8.count == digits
      && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
  }

  /// True for a hex digit of either case.
  public static func isDigit(_ character: UInt8) -> Bool { nibble(character) != nil }

  private static func nibble(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
