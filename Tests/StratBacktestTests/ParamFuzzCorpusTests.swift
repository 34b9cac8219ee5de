import Testing

import StratRuntime
@testable import StratBacktest

/// The corpus of Fuzz/ParamFuzz (Tests/Fuzz/Corpus/param: `--param` lines), through the
/// harness's own target.
@Suite("Param fuzz corpus replay")
struct ParamFuzzCorpusTests {
  @Test("The param corpus parses without a trap; every error is a sweep error")
  func param() throws { try FuzzCorpus.replay("param", prefixes: ["sweep."], ParamFuzzTarget.run) }
}
