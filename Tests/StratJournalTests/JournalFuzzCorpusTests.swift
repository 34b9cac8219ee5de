import Testing

@testable import StratJournal

/// The corpus of Fuzz/JournalFuzz (Tests/Fuzz/Corpus/journal), replayed through the harness's
/// own target: each input is tried three ways, so none is valid for all of them.
@Suite struct JournalFuzzCorpusTests {
  @Test func journalCorpusRecoversWithoutATrapAndEveryErrorIsAJournalError() throws {
    try FuzzCorpus.replay("journal", prefixes: ["journal."], allFail: true, JournalFuzzTarget.run)
  }

  /// The seeds reach what they are named for (so the corpus keeps covering those paths).
  @Test func seedsReachTheirOutcomes() throws {
    let outcomes = Dictionary(
      uniqueKeysWithValues: try FuzzCorpus.files("journal").map { file in
        (file.name, file.bytes.withUnsafeBytes { JournalFuzzTarget.recover(Array($0)) })
      }
    )
    #expect(outcomes["valid-three-records"] == [])
    #expect(outcomes["valid-empty-segment"] == [])
    #expect(outcomes["torn-last-record"] == ["journal.torn-tail"])
    #expect(outcomes["garbage-after-records"] == ["journal.torn-tail"])
    #expect(outcomes["corrupt-middle-record"] == ["journal.corrupt-record"])
    #expect(outcomes["huge-length"] == ["journal.torn-tail"])
    #expect(outcomes["not-a-journal"] == ["journal.bad-segment-header"])
    #expect(outcomes["zero-header"] == ["journal.torn-tail"])
    #expect(outcomes["wrong-sequence"] == ["journal.sequence-gap"])
    #expect(outcomes["header-size-lie"] == ["journal.bad-segment-header"])
  }
}
