import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

@Suite("ITCH framing errors")
struct ITCHFramingErrorTests {
  /// A small valid length-prefixed image: S, A, D (12 + 36 + 19 bytes plus prefixes).
  static let messages: [ITCHMessage] = [
    .systemEvent(ITCHSystemEvent(header: ITCHHeader(timestamp: 1), eventCode: UInt8(ascii: "O"))),
    .addOrder(
      ITCHAddOrder(
        header: ITCHHeader(stockLocate: 1, timestamp: 2),
        orderReferenceNumber: 9,
        buySellIndicator: UInt8(ascii: "B"),
        shares: 100,
        stock: ITCHSymbol("AAPL"),
        price: Price(raw: 1_000_000_000)
      )
    ),
    .orderDelete(
      ITCHOrderDelete(header: ITCHHeader(stockLocate: 1, timestamp: 3), orderReferenceNumber: 9)
    ),
  ]

  static func image() throws -> [UInt8] { try ITCHEncoder.file(messages) }

  /// Reads everything; returns the messages and the error thrown, if any.
  func read(_ bytes: [UInt8], policy: MalformedInputPolicy, step: Int = Int.max)
    -> (messages: [ITCHMessage], error: Diagnostic?, reader: ITCHFileReader?)
  {
    var messages: [ITCHMessage] = []
    var reader: ITCHFileReader?
    do {
      reader = try ITCHFileReader(
        stream: SteppedByteStream(bytes, name: "t.itch", step: step),
        policy: policy
      )
      while let message = try reader!.next() { messages.append(message) }
      return (messages, nil, reader)
    } catch {
      return (messages, error.diagnostics.first, reader)
    }
  }

  @Test(
    "An unknown type with a length prefix stops under .stop and is skipped by length under .skip"
  )
  func unknownTypeSkipsByLength() throws {
    var bytes = try Self.image()
    bytes.insert(contentsOf: [0, 4, UInt8(ascii: "Z"), 1, 2, 3], at: 14)
    let stopped = read(bytes, policy: .stop)
    #expect(stopped.messages.count == 1)
    #expect(stopped.error?.id == "data.itch.unknown-type")
    #expect(stopped.error?.location == DataLocation(path: "t.itch", byteOffset: 16))
    let skipped = read(bytes, policy: .skip, step: 5)
    #expect(skipped.messages == Self.messages)
    #expect(skipped.reader?.skippedCount == 1)
    #expect(skipped.reader?.diagnostics.first?.id == "data.itch.unknown-type")
  }

  @Test("A length prefix that disagrees with the type is data.itch.length-mismatch at the prefix")
  func lengthMismatch() throws {
    var bytes = try Self.image()
    bytes[15] = 30  // the Add Order's prefix says 30, the type says 36
    let stopped = read(bytes, policy: .stop)
    #expect(stopped.error?.id == "data.itch.length-mismatch")
    #expect(stopped.error?.location?.byteOffset == 14)
    #expect(stopped.error?.message.contains("36") == true)
    let skipped = read(bytes, policy: .skip)
    #expect(
      skipped.reader?.skippedCount == 1,
      "\(skipped.reader?.diagnostics.map(\.message) ?? [])"
    )
    #expect(skipped.messages.first == Self.messages[0])
    #expect(skipped.error == nil)
  }

  @Test("Every truncation of a valid image is data.itch.truncated at the cut message, never a trap")
  func everyTruncation() throws {
    let bytes = try Self.image()
    let boundaries = [0, 14, 52, 73]
    for length in 0..<bytes.count where !boundaries.contains(length) {
      let result = read(Array(bytes.prefix(length)), policy: .stop, step: 3)
      #expect(result.error?.id == "data.itch.truncated", "cut at \(length)")
      #expect(result.error?.location?.byteOffset == boundaries.last { $0 < length })
      let skipped = read(Array(bytes.prefix(length)), policy: .skip)
      #expect(skipped.error == nil)
      #expect(skipped.reader?.diagnostics.first?.id == "data.itch.truncated")
    }
    for length in boundaries.dropFirst() {
      #expect(read(Array(bytes.prefix(length)), policy: .stop).error == nil)
    }
    #expect(read([], policy: .stop).error?.id == "data.itch.empty", "an empty input is not an empty day")
  }

  @Test("Zero-prefix files resynchronise after an unknown type under .skip")
  func zeroPrefixResynchronises() throws {
    var bytes: [UInt8] = []
    for message in Self.messages { bytes += [0, 0] + (try ITCHEncoder.bytes(of: message)) }
    let clean = read(bytes, policy: .stop)
    #expect(clean.reader?.framing == .zeroLengthPrefix)
    #expect(clean.messages == Self.messages)
    var corrupt = bytes
    corrupt[16] = UInt8(ascii: "z")  // the Add Order's type byte
    let skipped = read(corrupt, policy: .skip)
    #expect(skipped.messages == [Self.messages[0], Self.messages[2]])
    #expect(skipped.reader?.skippedCount == 1)
    #expect(read(corrupt, policy: .stop).error?.location?.byteOffset == 16)
  }

  @Test("Under .skip only the first 10 diagnostics are kept, all are counted")
  func keepsTenDiagnostics() throws {
    var bytes: [UInt8] = []
    let valid = try ITCHEncoder.file([Self.messages[0]])
    for _ in 0..<25 { bytes += [0, 3, UInt8(ascii: "?"), 0, 0] + valid }
    let result = read(bytes, policy: .skip)
    #expect(result.reader?.skippedCount == 25)
    #expect(result.reader?.diagnostics.count == 10)
    #expect(result.messages == Array(repeating: Self.messages[0], count: 25))
  }

  @Test(
    "Seeded truncations and byte flips of the real sample never trap and only give data.itch errors"
  )
  func survivesMutations() throws {
    let original = try ITCHPaths.bytes(ITCHPaths.realSample)
    var random = SplitMix64(seed: 99)
    for round in 0..<300 {
      var bytes = original
      if round % 3 == 0 {
        bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
      }
      for _ in 0..<Int.random(in: 0...4, using: &random) where !bytes.isEmpty {
        bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(
          in: 0...255,
          using: &random
        )
      }
      for policy in MalformedInputPolicy.allCases {
        let result = read(bytes, policy: policy, step: 997)
        if let error = result.error { #expect(error.id.hasPrefix("data.itch.")) }
        for diagnostic in result.reader?.diagnostics ?? [] {
          #expect(diagnostic.id.hasPrefix("data.itch."))
        }
        #expect(result.messages.count <= 1_000 + 10)
        if policy == .skip,
          let reader = try? ITCHFileReader(stream: SteppedByteStream(bytes), policy: .skip)
        {
          var inPlace: [ITCHMessage] = []
          _ = try? reader.forEachWire { inPlace.append(ITCHMessage(wire: $0)!) }
          #expect(inPlace == result.messages, "the fast path and next() disagree")
          #expect(reader.skippedCount == result.reader?.skippedCount)
        }
      }
    }
  }
}
