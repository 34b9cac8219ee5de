import Testing
@testable import StratJournal

@Suite struct StratJournalModuleTests {
  @Test func moduleLinks() { #expect("\(StratJournal.self)" == "StratJournal") }
}
