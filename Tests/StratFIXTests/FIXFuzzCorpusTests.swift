import Foundation
import Testing

@testable import StratFIX

/// The corpus of Fuzz/FIXFuzz (Tests/Fuzz/Corpus/fix: QuickFIX's acceptance-script inputs as
/// streams), replayed through the harness's own target: no trap, the same outcome twice, and
/// the seeds reach the reactions their scripts are about.
@Suite struct FIXFuzzCorpusTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fuzz/Corpus/fix")

  func outcomes(_ name: String) throws -> [String] {
    let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(name)))
    return bytes.withUnsafeBytes { FIXFuzzTarget.run($0) }
  }

  @Test func everySeedRunsDeterministically() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
    #expect(names.count >= 50)
    for name in names { #expect(try outcomes(name) == outcomes(name), "\(name)") }
  }

  @Test func seedsReachTheirReactions() throws {
    #expect(try outcomes("3b_InvalidChecksum-0b").contains("sent 2 2"))  // the gap after two bad checksums
    #expect(try outcomes("14e_IncorrectEnumValue-0b").contains("sent 3 2"))  // a Reject
    #expect(try outcomes("2i_BeginStringValueUnexpected-0b").contains("sent 5 2"))  // Logout
    #expect(try outcomes("2i_BeginStringValueUnexpected-0a").contains("disconnect"))
    #expect(try outcomes("8_AdminAndApplicationMessages-0b").contains("app D"))
  }

  @Test func hostileStreamsEndWithoutTrapping() {
    let inputs: [[UInt8]] = [
      [], [0], Array("8=FIX.4.2\u{1}9=99999999\u{1}".utf8), [UInt8](repeating: 0x38, count: 10_000),
      [0x01] + Array(repeating: Array("8=FIX.4.2\u{1}9=5\u{1}35=0\u{1}10=000\u{1}".utf8), count: 200).flatMap { $0 },
    ]
    for input in inputs { _ = input.withUnsafeBytes { FIXFuzzTarget.run($0) } }
  }
}
