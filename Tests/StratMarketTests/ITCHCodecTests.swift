import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

/// Seeded random ITCH messages of every type, with every field drawn over its wire range.
struct ITCHMessageGenerator {
  var random: SplitMix64

  mutating func byte() -> UInt8 { UInt8.random(in: 0x20...0x7E, using: &random) }
  /// B or S: the reader refuses any other side of an order or a trade.
  mutating func side() -> UInt8 { Bool.random(using: &random) ? 0x42 : 0x53 }
  mutating func u16() -> UInt16 { UInt16.random(in: 0...UInt16.max, using: &random) }
  mutating func u32() -> UInt32 { UInt32.random(in: 0...UInt32.max, using: &random) }
  mutating func u64() -> UInt64 { random.next() }
  mutating func price4() -> Price { Price(raw: Int64(u32()) * 10_000) }
  mutating func price8() -> Price { Price(raw: Int64(bitPattern: u64())) }
  mutating func symbol() -> ITCHSymbol { ITCHSymbol(raw: u64()) }
  /// A stock directory symbol: 1 to 8 capital letters (any other symbol is refused by the
  /// reader as a value no market has); one draw, like `symbol()`.
  mutating func listedSymbol() -> ITCHSymbol {
    let v = u64()
    var letters: [UInt8] = []
    for i in 0..<Int(1 + v % 8) {
      let shifted: UInt64 = v >> UInt64(8 * i + 3)
      letters.append(UInt8(65 + shifted % 26))
    }
    return ITCHSymbol(String(decoding: letters, as: UTF8.self))
  }
  mutating func code() -> ITCHCode { ITCHCode(raw: u32()) }
  mutating func header() -> ITCHHeader {
    ITCHHeader(
      stockLocate: u16(),
      trackingNumber: u16(),
      timestamp: Int64.random(in: 0..<86_400_000_000_000, using: &random)  // the reader refuses times past the day
    )
  }

  /// One random message of each of the 23 types.
  mutating func everyType() -> [ITCHMessage] {
    [
      .systemEvent(.init(header: header(), eventCode: byte())),
      .stockDirectory(
        .init(
          header: header(),
          stock: listedSymbol(),
          marketCategory: byte(),
          financialStatusIndicator: byte(),
          roundLotSize: u32(),
          roundLotsOnly: byte(),
          issueClassification: byte(),
          issueSubType: u16(),
          authenticity: byte(),
          shortSaleThresholdIndicator: byte(),
          ipoFlag: byte(),
          luldReferencePriceTier: byte(),
          etpFlag: byte(),
          etpLeverageFactor: u32(),
          inverseIndicator: byte()
        )
      ),
      .stockTradingAction(
        .init(
          header: header(),
          stock: symbol(),
          tradingState: byte(),
          reserved: byte(),
          reason: code()
        )
      ),
      .regSHORestriction(.init(header: header(), stock: symbol(), regSHOAction: byte())),
      .marketParticipantPosition(
        .init(
          header: header(),
          mpid: code(),
          stock: symbol(),
          primaryMarketMaker: byte(),
          marketMakerMode: byte(),
          marketParticipantState: byte()
        )
      ),
      .mwcbDeclineLevel(
        .init(header: header(), level1: price8(), level2: price8(), level3: price8())
      ),
      .mwcbStatus(.init(header: header(), breachedLevel: byte())),
      .ipoQuotingPeriodUpdate(
        .init(
          header: header(),
          stock: symbol(),
          ipoQuotationReleaseTime: u32(),
          ipoQuotationReleaseQualifier: byte(),
          ipoPrice: price4()
        )
      ),
      .luldAuctionCollar(
        .init(
          header: header(),
          stock: symbol(),
          auctionCollarReferencePrice: price4(),
          upperAuctionCollarPrice: price4(),
          lowerAuctionCollarPrice: price4(),
          auctionCollarExtension: u32()
        )
      ),
      .operationalHalt(
        .init(header: header(), stock: symbol(), marketCode: byte(), operationalHaltAction: byte())
      ),
      .addOrder(
        .init(
          header: header(),
          orderReferenceNumber: u64(),
          buySellIndicator: side(),
          shares: u32(),
          stock: symbol(),
          price: price4()
        )
      ),
      .addOrderMPID(
        .init(
          header: header(),
          orderReferenceNumber: u64(),
          buySellIndicator: side(),
          shares: u32(),
          stock: symbol(),
          price: price4(),
          attribution: code()
        )
      ),
      .orderExecuted(
        .init(
          header: header(),
          orderReferenceNumber: u64(),
          executedShares: u32(),
          matchNumber: u64()
        )
      ),
      .orderExecutedWithPrice(
        .init(
          header: header(),
          orderReferenceNumber: u64(),
          executedShares: u32(),
          matchNumber: u64(),
          printable: byte(),
          executionPrice: price4()
        )
      ),
      .orderCancel(.init(header: header(), orderReferenceNumber: u64(), cancelledShares: u32())),
      .orderDelete(.init(header: header(), orderReferenceNumber: u64())),
      .orderReplace(
        .init(
          header: header(),
          originalOrderReferenceNumber: u64(),
          newOrderReferenceNumber: u64(),
          shares: u32(),
          price: price4()
        )
      ),
      .trade(
        .init(
          header: header(),
          orderReferenceNumber: u64(),
          buySellIndicator: side(),
          shares: u32(),
          stock: symbol(),
          price: price4(),
          matchNumber: u64()
        )
      ),
      .crossTrade(
        .init(
          header: header(),
          shares: u64(),
          stock: symbol(),
          crossPrice: price4(),
          matchNumber: u64(),
          crossType: byte()
        )
      ),
      .brokenTrade(.init(header: header(), matchNumber: u64())),
      .noii(
        .init(
          header: header(),
          pairedShares: u64(),
          imbalanceShares: u64(),
          imbalanceDirection: byte(),
          stock: symbol(),
          farPrice: price4(),
          nearPrice: price4(),
          currentReferencePrice: price4(),
          crossType: byte(),
          priceVariationIndicator: byte()
        )
      ),
      .rpii(.init(header: header(), stock: symbol(), interestFlag: byte())),
      .dlcrPriceDiscovery(
        .init(
          header: header(),
          stock: symbol(),
          openEligibilityStatus: byte(),
          minimumAllowablePrice: price4(),
          maximumAllowablePrice: price4(),
          nearExecutionPrice: price4(),
          nearExecutionTime: u64(),
          lowerPriceRangeCollar: price4(),
          upperPriceRangeCollar: price4()
        )
      ),
    ]
  }
}

@Suite("ITCH encoder and decoder")
struct ITCHCodecTests {
  /// Decodes a length-prefixed image with the file reader.
  func decode(_ bytes: [UInt8]) throws(MarketDataError) -> [ITCHMessage] {
    let reader = try ITCHFileReader(stream: SteppedByteStream(bytes))
    var result: [ITCHMessage] = []
    while let message = try reader.next() { result.append(message) }
    return result
  }

  @Test("decode(encode(m)) == m for 200 random messages of each of the 23 types")
  func roundTripsRandomMessages() throws {
    var generator = ITCHMessageGenerator(random: SplitMix64(seed: 2024))
    var all: [ITCHMessage] = []
    for _ in 0..<200 { all += generator.everyType() }
    #expect(Set(all.map(\.typeCode)).count == 23)
    #expect(Set(all.map(\.typeCode)) == Set(ITCHMessageType.all.map(\.type)))
    for message in all {
      let bytes = try ITCHEncoder.bytes(of: message)
      #expect(bytes.count == ITCHMessageType.length(of: message.typeCode))
      #expect(bytes.withUnsafeBytes { ITCHMessage(wire: ITCHWire($0.baseAddress!)) } == message)
    }
    #expect(try decode(ITCHEncoder.file(all)) == all)
  }

  @Test("encode(decode(file)) gives back the real sample's bytes exactly")
  func reencodesRealSampleExactly() throws {
    let bytes = try ITCHPaths.bytes(ITCHPaths.realSample)
    let messages = try decode(bytes)
    #expect(messages.count == 1_000)
    #expect(try ITCHEncoder.file(messages) == bytes)
  }

  @Test("Encoding the zero-prefix synthetic file gives NASDAQ framing with the same messages")
  func reframesSyntheticFile() throws {
    let original = try ITCHPaths.bytes(ITCHPaths.synthetic)
    let messages = try decode(original)
    let reframed = try ITCHEncoder.file(messages)
    #expect(reframed.count == original.count)
    var index = 0
    var differences = 0
    while index < original.count {
      let length = ITCHMessageType.length(of: original[index + 2])!
      #expect(reframed[index] == 0 && Int(reframed[index + 1]) == length)
      if original[(index + 2)..<(index + 2 + length)]
        != reframed[(index + 2)..<(index + 2 + length)]
      {
        differences += 1
      }
      index += 2 + length
    }
    #expect(differences == 0)
  }

  @Test("Fields land at the spec's offsets: an Add Order by hand")
  func addOrderMatchesSpecLayout() throws {
    let message = ITCHMessage.addOrder(
      ITCHAddOrder(
        header: ITCHHeader(
          stockLocate: 0x0102,
          trackingNumber: 0x0304,
          timestamp: 0x0506_0708_090A
        ),
        orderReferenceNumber: 0x1112_1314_1516_1718,
        buySellIndicator: UInt8(ascii: "S"),
        shares: 0x2122_2324,
        stock: ITCHSymbol("AAPL"),
        price: Price(raw: 1_234_500 * 10_000)
      )
    )
    let expected: [UInt8] =
      [
        0x41, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x53,
        0x21, 0x22, 0x23, 0x24,
      ]
      + Array("AAPL    ".utf8) + [0x00, 0x12, 0xD6, 0x44]
    #expect(try ITCHEncoder.bytes(of: message) == expected)
    let event = message.orderEvent(sessionMidnightNanos: 1_000)
    #expect(
      event
        == OrderEvent(
          timeNanos: 1_000 + 0x0506_0708_090A,
          kind: .add,
          side: .sell,
          orderID: 0x1112_1314_1516_1718,
          price: 12_345_000_000,
          quantity: 0x2122_2324,
          instrument: 0x0102
        )
    )
  }

  @Test("Unencodable prices and timestamps are data.itch.unencodable, not wrong bytes")
  func rejectsUnencodableFields() {
    let header = ITCHHeader(timestamp: 1)
    let badPrice = ITCHMessage.orderReplace(
      ITCHOrderReplace(
        header: header,
        originalOrderReferenceNumber: 1,
        newOrderReferenceNumber: 2,
        shares: 3,
        price: Price(raw: 12_345)
      )
    )
    let badTime = ITCHMessage.orderDelete(
      ITCHOrderDelete(header: ITCHHeader(timestamp: 1 << 48), orderReferenceNumber: 1)
    )
    let negative = ITCHMessage.addOrder(
      ITCHAddOrder(
        header: header,
        orderReferenceNumber: 1,
        buySellIndicator: 0x42,
        shares: 1,
        stock: ITCHSymbol("X"),
        price: Price(raw: -10_000)
      )
    )
    for message in [badPrice, badTime, negative] {
      #expect(throws: MarketDataError.self) { try ITCHEncoder.bytes(of: message) }
      do { _ = try ITCHEncoder.bytes(of: message) } catch {
        #expect(error.diagnostics.first?.id == "data.itch.unencodable")
      }
    }
    var output: [UInt8] = [9]
    #expect(throws: MarketDataError.self) { try ITCHEncoder.append(badPrice, to: &output) }
    #expect(output == [9])
  }

  @Test("OrderEvent → ITCH → OrderEvent keeps every kind the mapping covers")
  func orderEventsRoundTrip() throws {
    let midnight: Int64 = 1_340_236_800_000_000_000
    let events = [
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_000,
        kind: .add,
        side: .sell,
        orderID: 7,
        price: 5_855_000_000_00,
        quantity: 100,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_001,
        kind: .cancel,
        orderID: 7,
        quantity: 20,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_002,
        kind: .execute,
        orderID: 7,
        quantity: 30,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_003,
        kind: .execute,
        orderID: 7,
        price: 5_856_000_000_00,
        quantity: 1,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_004,
        kind: .replace,
        orderID: 7,
        newOrderID: 8,
        price: 5_857_000_000_00,
        quantity: 40,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_005,
        kind: .delete,
        orderID: 8,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_006,
        kind: .hiddenTrade,
        side: .sell,
        price: 5_850_000_000_00,
        quantity: 10,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_007,
        kind: .tradingState,
        quantity: 1,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_008,
        kind: .tradingState,
        quantity: 0,
        instrument: 3
      ),
      OrderEvent(
        timeNanos: midnight + 34_200_000_000_009,
        kind: .crossTrade,
        price: 5_850_000_000_00,
        quantity: 5_000,
        instrument: 3
      ),
    ]
    let messages = events.map {
      ITCHEncoder.message(
        from: $0,
        stockLocate: 3,
        stock: ITCHSymbol("GOOG"),
        sessionMidnightNanos: midnight
      )
    }
    #expect(
      messages.map { Character(Unicode.Scalar($0.typeCode)) } == [
        "A", "X", "E", "C", "U", "D", "P", "H", "H", "Q",
      ]
    )
    let decoded = try decode(ITCHEncoder.file(messages))
    #expect(decoded.map { $0.orderEvent(sessionMidnightNanos: midnight) } == events)
  }

  @Test("Messages that change no book map to no OrderEvent")
  func nonBookMessagesMapToNil() {
    var generator = ITCHMessageGenerator(random: SplitMix64(seed: 5))
    let mapped = generator.everyType().filter { $0.orderEvent(sessionMidnightNanos: 0) != nil }
    #expect(
      Set(mapped.map { Character(Unicode.Scalar($0.typeCode)) }) == [
        "H", "A", "F", "E", "C", "X", "D", "U", "P", "Q",
      ]
    )
  }
}
