import Foundation
import Testing

/// The corpus of one fuzz harness, Tests/Fuzz/Corpus/NAME (seeds, inputs the fuzzer kept and
/// every crash reproducer), replayed through the harness's own `…FuzzTarget.run`: an input that
/// traps fails the whole run, as it would crash the fuzzer. (One small copy of this file per
/// test target that replays a corpus: test targets share no code.)
enum FuzzCorpus {
  /// Reproducers of crashes not fixed yet, as "NAME/FILE": skipped so that the suite stays
  /// green, and listed in Fuzz/README.md. Remove an entry with its fix.
  static let knownFailures: Set<String> = []

  static func files(_ name: String) throws -> [(name: String, bytes: [UInt8])] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Fuzz/Corpus/\(name)")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      !$0.hasPrefix(".")
    }
    return try names.sorted().map {
      ($0, [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))))
    }
  }

  /// Replays every file: each id returned must start with one of `prefixes` (never
  /// `internal.`); some inputs must be valid (no ids) and some not, unless `allFail`.
  static func replay(
    _ name: String,
    prefixes: [String],
    allFail: Bool = false,
    _ run: (UnsafeRawBufferPointer) -> [String]
  ) throws {
    let files = try FuzzCorpus.files(name)
    #expect(files.count >= 5)
    #expect(files.reduce(0) { $0 + $1.bytes.count } < 300_000, "keep the corpus small")
    var valid = 0
    var invalid = 0
    for file in files where !knownFailures.contains("\(name)/\(file.name)") {
      let ids = file.bytes.withUnsafeBytes { run($0) }
      if ids.isEmpty { valid += 1 } else { invalid += 1 }
      for id in ids {
        #expect(
          !id.hasPrefix("internal.") && prefixes.contains { id.hasPrefix($0) },
          "\(name)/\(file.name): \(id)"
        )
      }
    }
    #expect(invalid > 0)
    #expect(allFail || valid > 0)
  }
}
