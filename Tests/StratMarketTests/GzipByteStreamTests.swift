import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

@Suite("Gzip and DEFLATE inflate")
struct GzipByteStreamTests {
  static let dataFolder = TestPaths.packageRoot + "/../shared/data/"
  static let realFiles = [
    "lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz",
    "lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_orderbook_10.csv.gz",
    "lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_orderbook_5.csv.gz",
    "pypi-arch-8.0.0/vix.csv.gz",
  ]

  @Test(
    "Real LOBSTER and arch files decompress to exactly what gzip -dc gives",
    arguments: realFiles
  )
  func decompressesRealFilesLikeGzip(file: String) throws {
    let path = Self.dataFolder + file
    let expected = try GzipTesting.run("gzip", ["-dc", path])
    #expect(expected.count > 1_000)
    let stream = try ByteStreams.open(path: path)
    #expect(stream is GzipByteStream)
    let actual = try GzipTesting.readAll(stream, chunk: 10_007)
    #expect(actual.count == expected.count)
    #expect(actual == expected)
  }

  @Test("A plain file opens as a FileByteStream and reads unchanged")
  func opensPlainFilesUnchanged() throws {
    let path = Self.dataFolder + "itch50-nasdaq-real-directory-slice/sample.itch"
    let stream = try ByteStreams.open(path: path)
    #expect(stream is FileByteStream)
    let bytes = try GzipTesting.readAll(stream)
    #expect(bytes == [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  @Test("Stored, fixed and dynamic blocks, levels 1 to 9, one-byte reads, match gzip")
  func decompressesEveryBlockKind() throws {
    var random = SplitMix64(seed: 7)
    let noise = (0..<70_000).map { _ in UInt8.random(in: 0...255, using: &random) }
    let text = [UInt8](String(repeating: "abcabcabd 0123456789 hello, hello; ", count: 3_000).utf8)
    let runs = [UInt8](repeating: 0x41, count: 100_000)
    for (input, level) in [
      (noise, "-1"), (text, "-9"), (runs, "-6"), ([], "-6"), (Array(text.prefix(20)), "-1"),
    ] {
      let compressed = try GzipTesting.run("gzip", ["-c", level, "-n"], input: input)
      #expect(try GzipTesting.inflate(compressed) == input)
      #expect(try GzipTesting.inflate(compressed, step: 1) == input)
    }
  }

  @Test("Concatenated members decompress to the concatenated data")
  func decompressesMultipleMembers() throws {
    let first = [UInt8]("first member\n".utf8)
    let second = [UInt8](String(repeating: "second member ", count: 5_000).utf8)
    let bytes =
      try GzipTesting.run("gzip", ["-c"], input: first)
      + GzipTesting.run("gzip", ["-c"], input: second)
    let stream = GzipByteStream(source: SteppedByteStream(bytes, step: 333))
    #expect(try GzipTesting.readAll(stream, chunk: 100) == first + second)
    #expect(stream.memberCount == 2)
  }

  @Test("Optional header fields (name, comment, extra, header CRC) are skipped")
  func skipsOptionalHeaderFields() throws {
    let body = try GzipTesting.run("gzip", ["-c", "-n"], input: [UInt8]("payload".utf8))
    var bytes = Array(body.prefix(10))
    bytes[3] = 0x04 | 0x08 | 0x10 | 0x02
    bytes +=
      [3, 0, 9, 9, 9] + Array("name.txt".utf8) + [0] + Array("a comment".utf8) + [0, 0xAB, 0xCD]
    bytes += body.dropFirst(10)
    #expect(try GzipTesting.inflate(bytes) == Array("payload".utf8))
  }

  // MARK: - Errors

  /// Returns the diagnostic the stream throws; nil if it decompresses.
  func failure(_ bytes: [UInt8], step: Int = Int.max) -> Diagnostic? {
    do {
      _ = try GzipTesting.inflate(bytes, step: step)
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test("Bad magic, bad method and trailing garbage are data.gzip errors at their offset")
  func reportsBadHeaders() throws {
    let good = try GzipTesting.run("gzip", ["-c", "-n"], input: Array("x".utf8))
    let notGzip = failure(Array("hello".utf8))
    #expect(notGzip?.id == "data.gzip.bad-magic")
    #expect(notGzip?.location?.byteOffset == 0)
    var badMethod = good
    badMethod[2] = 7
    #expect(failure(badMethod)?.id == "data.gzip.bad-header")
    let trailing = failure(good + [0x50, 0x4B])
    #expect(trailing?.id == "data.gzip.bad-magic")
    #expect(trailing?.location?.byteOffset == good.count)
    #expect(failure([])?.id == "data.gzip.truncated")
  }

  @Test("Block type 3 is data.gzip.bad-block-type")
  func reportsBadBlockType() {
    let diagnostic = failure(GzipTesting.member(deflate: [0x07], crc: 0, size: 0))
    #expect(diagnostic?.id == "data.gzip.bad-block-type")
    #expect(diagnostic?.location?.path == "memory")
    #expect(diagnostic?.location?.byteOffset == 10)
  }

  @Test("Over-subscribed code lengths, bad symbols and far distances are reported")
  func reportsBadHuffmanCodes() {
    var oversubscribed = DeflateBitWriter()
    oversubscribed.write(1, bits: 1)
    oversubscribed.write(2, bits: 2)
    oversubscribed.write(0, bits: 10)
    oversubscribed.write(15, bits: 4)
    for _ in 0..<19 { oversubscribed.write(1, bits: 3) }
    let bad = failure(GzipTesting.member(deflate: oversubscribed.bytes, crc: 0, size: 0))
    #expect(bad?.id == "data.gzip.bad-huffman-code")
    #expect(bad?.message.contains("over-subscribed") == true)

    var farMatch = DeflateBitWriter()  // fixed block: length 3 (symbol 257), distance 1, no output yet
    farMatch.write(1, bits: 1)
    farMatch.write(1, bits: 2)
    farMatch.writeCode(1, bits: 7)
    farMatch.writeCode(0, bits: 5)
    #expect(
      failure(GzipTesting.member(deflate: farMatch.bytes, crc: 0, size: 0))?.id
        == "data.gzip.bad-distance"
    )

    var symbol286 = DeflateBitWriter()  // fixed codes 11000110 = symbol 286
    symbol286.write(1, bits: 1)
    symbol286.write(1, bits: 2)
    symbol286.writeCode(0b1100_0110, bits: 8)
    #expect(
      failure(GzipTesting.member(deflate: symbol286.bytes, crc: 0, size: 0))?.id
        == "data.gzip.bad-huffman-code"
    )

    var storedLength = DeflateBitWriter()
    storedLength.write(1, bits: 3)
    storedLength.write(0, bits: 5)
    storedLength.bytes += [5, 0, 0, 0]
    #expect(
      failure(GzipTesting.member(deflate: storedLength.bytes, crc: 0, size: 0))?.id
        == "data.gzip.bad-stored-length"
    )
  }

  @Test("A wrong CRC or length in the trailer is reported at the trailer")
  func reportsTrailerMismatches() throws {
    let good = try GzipTesting.run("gzip", ["-c", "-n"], input: Array("some data\n".utf8))
    var badCRC = good
    badCRC[good.count - 8] ^= 1
    let crc = failure(badCRC)
    #expect(crc?.id == "data.gzip.crc-mismatch")
    #expect(crc?.location?.byteOffset == good.count - 8)
    var badSize = good
    badSize[good.count - 1] ^= 1
    #expect(failure(badSize)?.id == "data.gzip.size-mismatch")
  }

  @Test("Every truncation of a real file is data.gzip.truncated, never a trap")
  func reportsEveryTruncation() throws {
    let bytes = [UInt8](
      try Data(contentsOf: URL(fileURLWithPath: Self.dataFolder + "pypi-arch-8.0.0/vix.csv.gz"))
    )
    for length in stride(from: 0, to: bytes.count, by: 13) {
      let diagnostic = failure(Array(bytes.prefix(length)), step: 4_096)
      #expect(diagnostic?.id == "data.gzip.truncated", "prefix of \(length) bytes")
      #expect((diagnostic?.location?.byteOffset ?? Int.max) <= length)
    }
  }

  @Test("Seeded byte flips give data.gzip errors or, in the header's free fields, the same data")
  func survivesByteFlips() throws {
    let original = Array(String(repeating: "flip test 123 ", count: 400).utf8)
    let good = try GzipTesting.run("gzip", ["-c", "-n"], input: original)
    var random = SplitMix64(seed: 42)
    for _ in 0..<400 {
      var bytes = good
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(
          in: 1...255,
          using: &random
        )
      }
      do {
        let output = try GzipTesting.inflate(bytes)
        #expect(output == original)
      } catch {
        #expect(error.diagnostics.first?.id.hasPrefix("data.gzip.") == true)
      }
    }
  }
}
