import Testing

@testable import StratNet

/// Replays Tests/Fuzz/Corpus/http through the very function the libFuzzer harness runs.
@Suite struct HTTPFuzzCorpusTests {
  @Test func httpCorpusReplaysWithoutInternalErrors() throws {
    try FuzzCorpus.replay("http", prefixes: ["net.http."], HTTPFuzzTarget.run)
  }
}
