import StratABI
import Testing

/// HMAC-SHA256 against RFC 4231's test cases 1–7 (case 5's MAC is published truncated to 128
/// bits), and the compare that signatures are checked with.
@Suite struct HMACSHA256Tests {
  static let rfc4231: [(name: String, key: [UInt8], data: [UInt8], mac: String)] = [
    (
      "1", [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      "2", Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      "3", [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      "4", Array(1...25), [UInt8](repeating: 0xcd, count: 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    (
      "5", [UInt8](repeating: 0x0c, count: 20), Array("Test With Truncation".utf8),
      "a3b6167473100ee06e0c796c2955552b"
    ),
    (
      "6", [UInt8](repeating: 0xaa, count: 131),
      Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      "7", [UInt8](repeating: 0xaa, count: 131),
      Array(
        ("This is a test using a larger than block-size key and a larger than block-size data. "
          + "The key needs to be hashed before being used by the HMAC algorithm.").utf8
      ),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ]

  @Test(arguments: 0..<7)
  func rfc4231TestCase(_ index: Int) {
    let vector = Self.rfc4231[index]
    let mac = Hex.encode(HMACSHA256.mac(key: vector.key, message: vector.data))
    #expect(mac.hasPrefix(vector.mac), "RFC 4231 case \(vector.name)")
    #expect(mac.count == 64)
  }

  @Test func aKeyOfExactlyOneBlockIsUsedAsItIs() {
    // 64 bytes is not hashed first; 65 is: the two must differ from each other's hashed form.
    let block = [UInt8](repeating: 0x42, count: 64)
    #expect(
      HMACSHA256.mac(key: block, message: [1])
        != HMACSHA256.mac(key: SHA256.digest(block), message: [1])
    )
    let longer = block + [0x42]
    #expect(
      HMACSHA256.mac(key: longer, message: [1])
        == HMACSHA256.mac(key: SHA256.digest(longer), message: [1])
    )
  }

  @Test func constantTimeEqualComparesEveryByteAndTheLength() {
    let mac = HMACSHA256.mac(key: [1, 2, 3], message: [4])
    #expect(HMACSHA256.constantTimeEqual(mac, mac))
    for index in [0, 15, 31] {
      var other = mac
      other[index] ^= 0x01
      #expect(!HMACSHA256.constantTimeEqual(mac, other), "byte \(index)")
    }
    #expect(!HMACSHA256.constantTimeEqual(mac, Array(mac.prefix(31))))
    #expect(!HMACSHA256.constantTimeEqual([], mac))
    #expect(HMACSHA256.constantTimeEqual([], []))
  }

  @Test func hexRoundTripsAndRefusesWhatIsNotHex() {
    #expect(Hex.encode([0x00, 0xab, 0xff]) == "00abff")
    #expect(Hex.decode(Array("00abFF".utf8)) == [0x00, 0xab, 0xff])
    #expect(Hex.decode(Array("abc".utf8)) == nil)
    #expect(Hex.decode(Array("zz".utf8)) == nil)
    #expect(Hex.decode(Array("".utf8)) == [])
  }
}
