import Testing

@testable import StratMarket

/// The corpora of Fuzz/CSVFuzz, Fuzz/LOBSTERFuzz and Fuzz/TickFuzz (Tests/Fuzz/Corpus/…),
/// replayed through the harnesses' own targets (ITCH's is ITCHFuzzCorpusTests).
@Suite("Market data fuzz corpus replay")
struct FuzzCorpusReplayTests {
  /// Every input goes to all four readers, so none is valid for all of them.
  @Test("The csv corpus reads without a trap; every error is a data diagnostic")
  func csv() throws {
    try FuzzCorpus.replay("csv", prefixes: ["data."], allFail: true, CSVFuzzTarget.run)
  }

  @Test("The lobster corpus reads without a trap; every error is a data diagnostic")
  func lobster() throws {
    try FuzzCorpus.replay("lobster", prefixes: ["data."], LOBSTERFuzzTarget.run)
  }

  @Test("The tick corpus reads without a trap; every error is a data diagnostic")
  func tick() throws { try FuzzCorpus.replay("tick", prefixes: ["data."], TickFuzzTarget.run) }
}
