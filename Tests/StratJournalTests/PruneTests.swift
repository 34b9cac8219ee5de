import Foundation
import Testing

@testable import StratJournal

/// After a checkpoint the engine deletes the segments recovery no longer needs.
@Suite struct PruneTests {
  typealias S = JournalTestSupport

  /// Returns the sequences of `folder`'s records, checking each record's test payload.
  func sequences(_ folder: String) throws -> [UInt64] {
    var sequences: [UInt64] = []
    try JournalReader(folder: folder).forEach { record in
      guard Array(record.payload) == S.payload(record.sequence) else {
        throw S.Mismatch(what: "record \(record.sequence) is not as written")
      }
      sequences.append(record.sequence)
    }
    return sequences
  }

  @Test func removesOnlyWholeDurableSegmentsBeforeTheSequence() throws {
    let folder = S.makeFolder("prune")
    defer { S.remove(folder) }
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 1...600)
    writer.syncNow()
    try S.append(writer, 601...700)  // not durable yet
    let before = S.segments(folder).count
    let removed = try writer.removeSegments(before: 300)
    #expect(removed >= 2)
    #expect(S.segments(folder).count == before - removed)
    var kept = try sequences(folder)
    #expect(kept.first! > 1 && kept.first! <= 300)
    #expect(kept == Array(kept.first!...700))
    // Past the durable sequence (600) nothing more than what 601 allows is removed.
    _ = try writer.removeSegments(before: 700)
    kept = try sequences(folder)
    #expect(kept.first! <= 601 && kept == Array(kept.first!...700))
    writer.close()
  }

  @Test func neverRemovesTheSegmentBeingWrittenAndAppendsContinueAfterReopen() throws {
    let folder = S.makeFolder("prune")
    defer { S.remove(folder) }
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 1...500)
    writer.syncNow()
    _ = try writer.removeSegments(before: .max)
    #expect(S.segments(folder).count == 1)
    writer.close()
    let reopened = try JournalWriter(openingForAppend: folder, options: S.options())
    #expect(reopened.lastSequence == 500)
    try S.append(reopened, 501...520)
    reopened.close()
    let kept = try sequences(folder)
    #expect(kept.first! > 1 && kept == Array(kept.first!...520))
  }
}
