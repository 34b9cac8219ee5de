import Testing

@testable import StratNative

/// The corpus of Fuzz/ObjectFuzz (Tests/Fuzz/Corpus/object: an object built by `stratc build`,
/// cut and bent copies, and what the fuzzer kept), through the checks made before `dlopen`.
@Suite("Object fuzz corpus replay")
struct ObjectFuzzCorpusTests {
  @Test("The object corpus is checked without a trap; every error is an object error")
  func object() throws {
    try FuzzCorpus.replay("object", prefixes: ["object."], ObjectFuzzTarget.run)
  }
}
