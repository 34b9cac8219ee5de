import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

/// Paths of the ITCH test files.
enum ITCHPaths {
  static let data = TestPaths.packageRoot + "/../shared/data/"
  static let realSample = data + "itch50-nasdaq-real-directory-slice/sample.itch"
  static let synthetic = data + "itch50-ritch-synthetic/ex20101224.TEST_ITCH_50"

  static func bytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }
}

@Suite("ITCH file framing and real data")
struct ITCHFileReaderTests {
  /// Reads every message and counts them by type letter.
  func readAll(_ reader: ITCHFileReader) throws -> (
    messages: [ITCHMessage], counts: [Character: Int]
  ) {
    var messages: [ITCHMessage] = []
    var counts: [Character: Int] = [:]
    while let message = try reader.next() {
      messages.append(message)
      counts[Character(Unicode.Scalar(message.typeCode)), default: 0] += 1
    }
    return (messages, counts)
  }

  @Test("The real NASDAQ sample decodes to 1000 messages: S 1, R 993, H 3, Y 3, with its symbols")
  func decodesRealSample() throws {
    let reader = try ITCHFileReader(path: ITCHPaths.realSample)
    #expect(reader.framing == .lengthPrefixed)
    let (messages, counts) = try readAll(reader)
    #expect(messages.count == 1_000)
    #expect(counts == ["S": 1, "R": 993, "H": 3, "Y": 3])
    var locates: [UInt16: String] = [:]
    for case .stockDirectory(let directory) in messages {
      #expect(locates[directory.header.stockLocate] == nil)
      locates[directory.header.stockLocate] = directory.stock.text
      #expect([UInt8(ascii: "P"), UInt8(ascii: "T")].contains(directory.authenticity))
    }
    #expect(locates.count == 993)
    #expect(Set(locates.values).isSuperset(of: ["A", "AA", "AAPL"]))
    #expect(reader.offset == 40_874)
    let times = messages.map(\.header.timestamp)
    #expect(times == times.sorted())
    #expect(times.first! >= 3 * 3_600_000_000_000 && times.last! < 4 * 3_600_000_000_000)
    if case .systemEvent(let event) = messages[0] {
      #expect(event.eventCode == UInt8(ascii: "O"))
    } else {
      Issue.record("first message is not S")
    }
  }

  @Test(
    "The RITCH synthetic file (zero length prefixes) decodes to 12,012 messages with its type mix"
  )
  func decodesSyntheticZeroPrefixFile() throws {
    let reader = try ITCHFileReader(path: ITCHPaths.synthetic)
    #expect(reader.framing == .zeroLengthPrefix)
    let (messages, counts) = try readAll(reader)
    #expect(messages.count == 12_012)
    #expect(
      counts == [
        "S": 6, "R": 3, "H": 3, "A": 4_997, "F": 3, "E": 198, "D": 1_745, "U": 12, "X": 45,
        "P": 5_000,
      ]
    )
    let times = messages.map(\.header.timestamp)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    let symbols = Set(
      messages.compactMap { message -> String? in
        if case .stockDirectory(let d) = message { return d.stock.text }
        return nil
      }
    )
    #expect(symbols == ["ALC", "BOB", "CHAR"])
    #expect(reader.offset == 465_048)
  }

  @Test("In-place OrderEvent mapping agrees with the decoded messages' mapping on every message")
  func inPlaceMappingMatchesDecodedMapping() throws {
    let midnight: Int64 = 1_293_148_800_000_000_000
    let decoded = try readAll(ITCHFileReader(path: ITCHPaths.synthetic)).messages.map {
      $0.orderEvent(sessionMidnightNanos: midnight)
    }
    var inPlace: [OrderEvent?] = []
    var event = OrderEvent(timeNanos: 0, kind: .add)
    try ITCHFileReader(path: ITCHPaths.synthetic).forEachWire { wire in
      inPlace.append(wire.orderEvent(sessionMidnightNanos: midnight, into: &event) ? event : nil)
    }
    #expect(inPlace == decoded)
    let kinds = decoded.compactMap { $0?.kind }
    #expect(kinds.filter { $0 == .add }.count == 5_000)
    #expect(kinds.filter { $0 == .hiddenTrade }.count == 5_000)
    #expect(kinds.filter { $0 == .tradingState }.count == 3)
  }

  @Test("A gzip-compressed ITCH file reads the same as the plain one")
  func readsGzipITCH() throws {
    let compressed = try GzipTesting.run("gzip", ["-c", ITCHPaths.realSample])
    let path = NSTemporaryDirectory() + "sample-\(UUID().uuidString).itch.gz"
    FileManager.default.createFile(atPath: path, contents: Data(compressed))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fromGzip = try readAll(ITCHFileReader(path: path)).messages
    #expect(fromGzip == (try readAll(ITCHFileReader(path: ITCHPaths.realSample)).messages))
  }

  @Test("The benchmark helper counts every message of both files")
  func benchmarkCountsMessages() throws {
    for (path, expected) in [(ITCHPaths.realSample, 1_000), (ITCHPaths.synthetic, 12_012)] {
      let bytes = try ITCHPaths.bytes(path)
      let counts = try bytes.withUnsafeBytes { raw in
        (try ITCHBenchmark.decode(buffer: raw).messages, ITCHBenchmark.scan(buffer: raw).messages)
      }
      #expect(counts.0 == expected)
      #expect(counts.1 == expected)
    }
  }
}
