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

  /// StratABI writes the header's numbers down once for the writer and the loader; these are they.
  @Test func objectABIIsTheHeaders() {
    #expect(ObjectABI.version == Int(STRATC_ABI_VERSION))
    #expect(ObjectABI.entrySymbol == STRATC_ENTRY_SYMBOL)
    #expect(ObjectABI.metadataSection == STRATC_METADATA_SECTION)
    #expect(ObjectABI.descriptorSize == MemoryLayout<stratc_strategy>.size)
    #expect(ObjectABI.parameterBytes == MemoryLayout<stratc_value>.size)
    #expect(ObjectABI.decisionBytes == MemoryLayout<stratc_decision>.stride)
    #expect(ObjectABI.decisionKindOffset == MemoryLayout<stratc_decision>.offset(of: \.kind))
    #expect(ObjectABI.decisionInstrumentOffset == MemoryLayout<stratc_decision>.offset(of: \.instrument))
    #expect(ObjectABI.decisionQuantityOffset == MemoryLayout<stratc_decision>.offset(of: \.quantity))
    #expect(ObjectABI.decisionPriceOffset == MemoryLayout<stratc_decision>.offset(of: \.price))
    #expect(ObjectABI.valueKind(.int) == Int(STRATC_INT.rawValue))
    #expect(ObjectABI.valueKind(.float) == Int(STRATC_FLOAT.rawValue))
    #expect(ObjectABI.valueKind(.bool) == Int(STRATC_BOOL.rawValue))
    let shapes: [(SlotShape, stratc_slot_kind)] = [
      (.scalar, STRATC_SLOT_SCALAR), (.ring(2), STRATC_SLOT_RING), (.window(2), STRATC_SLOT_WINDOW),
      (.pairWindow(2), STRATC_SLOT_PAIR_WINDOW), (.ema(2), STRATC_SLOT_EMA),
    ]
    for (shape, kind) in shapes { #expect(ObjectABI.slotKind(shape) == Int(kind.rawValue), "\(shape)") }
  }

  @Test func sha256KnownAnswers() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }
}
