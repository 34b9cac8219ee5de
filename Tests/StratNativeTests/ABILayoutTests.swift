import CStratc
import StratABI
import StratNative
import Testing

/// The Swift side and include/stratc.h agree on every record a host and the code exchange.
@Suite struct ABILayoutTests {
  @Test func aDecisionIsAStratcDecision() {
    #expect(MemoryLayout<Decision>.size == MemoryLayout<stratc_decision>.size)
    #expect(MemoryLayout<Decision>.stride == 24 && MemoryLayout<stratc_decision>.stride == 24)
    #expect(MemoryLayout<Decision>.offset(of: \.kind) == MemoryLayout<stratc_decision>.offset(of: \.kind))
    #expect(MemoryLayout<Decision>.offset(of: \.instrument) == MemoryLayout<stratc_decision>.offset(of: \.instrument))
    #expect(MemoryLayout<Decision>.offset(of: \.quantity) == MemoryLayout<stratc_decision>.offset(of: \.quantity))
    #expect(MemoryLayout<Decision>.offset(of: \.price) == MemoryLayout<stratc_decision>.offset(of: \.price))
  }

  @Test func theHeaderMatchesTheSwiftTables() {
    #expect(Int(STRATC_INPUT_FIELDS) == InputField.count)
    #expect(Int(STRATC_BOOK_LEVELS.rawValue) == InputField.bidPrice(1).rawValue)
    #expect(Int(STRATC_FILLS.rawValue) == InputField.fills.rawValue)
    #expect(Int(STRATC_REPLACE.rawValue) == Int(DecisionKind.replace.rawValue))
    #expect(Int(STRATC_IOC.rawValue) == Int(DecisionKind.immediateOrCancel.rawValue))
    #expect(MemoryLayout<stratc_strategy>.size == 144, "DescriptorWriter writes 144 bytes")
    #expect(MemoryLayout<stratc_value>.size == 8)
    #expect(ObjectMetadata.abiVersion == 1)
  }

  @Test func sha256KnownAnswers() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}
