import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

/// Replays the fuzz corpus (`Corpus/itch/`: seeds, inputs the fuzzer found interesting, and
/// every crash reproducer) through `ITCHFuzzTarget`, the code `Fuzz/ITCHFuzz` runs: a trap fails
/// the run.
@Suite("ITCH fuzz corpus replay")
struct ITCHFuzzCorpusTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Corpus/itch")

  static let files: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }()

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
    for name in Self.files where !FuzzCorpus.knownFailures.contains("itch/\(name)") {
      let bytes = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(name)))
      let ids = bytes.withUnsafeBytes { ITCHFuzzTarget.run($0) }
      errorCount += ids.count
      for id in ids {
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
