import Foundation
import Testing

@testable import StratEngine

/// Replays Tests/Fuzz/Corpus/config (seeds, inputs the fuzzer kept, crash reproducers) through
/// `ConfigFuzzTarget.run`, the code the `config` harness fuzzes: an input that traps fails the
/// run, as it would crash the fuzzer; no id may be internal.
@Suite struct ConfigFuzzCorpusTests {
  @Test func everyConfigCorpusInputIsReadOrRefusedCleanly() throws {
    let folder = ConfigTesting.root.appendingPathComponent("Tests/Fuzz/Corpus/config")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      !$0.hasPrefix(".")
    }.sorted()
    #expect(names.count >= 5)
    var valid = 0
    var refused = 0
    for name in names {
      let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
      let ids = bytes.withUnsafeBytes { ConfigFuzzTarget.run($0) }
      if ids.isEmpty { valid += 1 } else { refused += 1 }
      for id in ids {
        #expect(id.hasPrefix("engine.config.") && !id.hasPrefix("internal."), "\(name): \(id)")
      }
    }
    #expect(valid > 0 && refused > 0)
  }

  @Test func aFileWithoutItsRequiredKeysGivesConfigIds() {
    let ids = Array("[engine]\n".utf8).withUnsafeBytes { ConfigFuzzTarget.run($0) }
    #expect(
      ids.contains("engine.config.missing-key") && ids.allSatisfy { $0.hasPrefix("engine.config.") }
    )
  }
}
