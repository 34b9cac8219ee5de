import Foundation
import StratDiagnostics
import StratMarket
import Testing

/// A seeded SplitMix64 generator so that every "random" test is reproducible.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Paths of the package and of the shared real data.
enum TestPaths {
  /// The package root, found from this file's path.
  static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The shared daily ETF pairs folder.
  static let dailyPairs = packageRoot + "/../shared/data/daily-etf-pairs"

  /// A new empty temporary folder.
  static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "stratmarket-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}

/// Parses CSV text, returning the series or the diagnostic.
func parseCSV(_ text: String, path: String = "t.csv") -> Result<BarSeries, Diagnostic> {
  do throws(Diagnostic) {
    return .success(try BarCSVReader.parse(Array(text.utf8), path: path, symbol: "T"))
  } catch {
    return .failure(error)
  }
}

/// The diagnostic of CSV text that must fail, or nil (and a recorded issue) if it parsed.
func csvError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
  switch parseCSV(text) {
  case .success:
    Issue.record("expected an error", sourceLocation: sourceLocation)
    return nil
  case .failure(let d): return d
  }
}
