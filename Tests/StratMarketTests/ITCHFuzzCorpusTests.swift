import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

/// Replays the fuzz corpus (`Corpus/itch/`: seeds, inputs the fuzzer found interesting, and
/// every crash reproducer) through the same decoders as `Fuzz/ITCHFuzz`: a trap fails the run.
@Suite("ITCH fuzz corpus replay")
struct ITCHFuzzCorpusTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Corpus/itch")

  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }()

  /// Collects the ids of every error a decoder reports.
  final class Errors {
    var ids: [String] = []
    func add(_ error: MarketDataError) { ids += error.diagnostics.map(\.id) }
  }

  func replay(_ input: UnsafeRawBufferPointer, errors: Errors) {
    for policy in MalformedInputPolicy.allCases {
      do {
        let reader = try ITCHFileReader(
          stream: BufferByteStream(input),
          policy: policy,
          bufferCapacity: 0
        )
        try reader.forEachWire { _ in }
        errors.ids += reader.diagnostics.map(\.id)
        let again = try ITCHFileReader(stream: BufferByteStream(input), policy: policy)
        while try again.next() != nil {}
      } catch { errors.add(error) }
      var decoder = MoldUDP64Decoder(name: "corpus", policy: policy)
      do { _ = try decoder.decode(input) } catch { errors.add(error) }
      let capture = MoldUDP64FileReader(stream: BufferByteStream(input), policy: policy)
      do { while try capture.next() != nil {} } catch { errors.add(error) }
    }
    let wrapped: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3] + Array(input)
    inflate(input, errors: errors)
    wrapped.withUnsafeBytes { inflate($0, errors: errors) }
  }

  func inflate(_ input: UnsafeRawBufferPointer, errors: Errors) {
    let gzip = GzipByteStream(source: BufferByteStream(input))
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4_096, alignment: 8)
    defer { buffer.deallocate() }
    var produced = 0
    do {
      while produced < 64 << 20 {
        let n = try gzip.read(into: buffer)
        if n == 0 { break }
        produced += n
      }
    } catch { errors.add(error) }
  }

  @Test("The corpus is there and small")
  func corpusIsSmall() throws {
    #expect(Self.files.count >= 100)
    var total = 0
    for name in Self.files {
      total += try Data(contentsOf: Self.folder.appendingPathComponent(name)).count
    }
    #expect(total < 300_000)
  }

  @Test("Every corpus input goes through framing, MoldUDP64 and gzip without a trap")
  func replaysCorpus() throws {
    var errorCount = 0
    for name in Self.files {
      let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
      let errors = Errors()
      bytes.withUnsafeBytes { replay($0, errors: errors) }
      errorCount += errors.ids.count
      for id in errors.ids {
        #expect(
          id.hasPrefix("data.itch.") || id.hasPrefix("data.moldudp64.")
            || id.hasPrefix("data.gzip."),
          "\(name): \(id)"
        )
      }
    }
    #expect(errorCount > Self.files.count)
  }

  @Test("The seeds decode as what they are")
  func seedsDecode() throws {
    let sample = try ITCHFileReader(
      path: Self.folder.appendingPathComponent("seed-real-sample-head.itch").path,
      policy: .skip
    )
    #expect(try sample.forEachWire { _ in } > 10)
    let gz = try ITCHFileReader(
      path: Self.folder.appendingPathComponent("seed-real-sample-head.itch.gz").path,
      policy: .skip
    )
    #expect(try gz.forEachWire { _ in } > 5)
    let capture = try MoldUDP64FileReader(
      path: Self.folder.appendingPathComponent("seed-mold-capture.bin").path
    )
    var messages = 0
    while let packet = try capture.next() { messages += packet.messages.count }
    #expect(messages == 14)
    #expect(capture.decoder.gapCount == 1)
  }
}
