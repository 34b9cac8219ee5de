import Testing

@testable import StratSema

/// The corpus of Fuzz/StratFuzz (Tests/Fuzz/Corpus/strat: every filetest and strategy, and what
/// the fuzzer kept), through the harness's own target: no trap, no internal error, and the IR of
/// every valid program prints, parses back and prints the same.
@Suite("Strat fuzz corpus replay")
struct StratFuzzCorpusTests {
  @Test("The strat corpus compiles or is diagnosed, never an internal error")
  func strat() throws {
    try FuzzCorpus.replay("strat", prefixes: [""], StratFuzzTarget.run)
  }
}
