import Foundation
import Testing

@testable import StratJournal

@Suite struct RoundTripTests {
  typealias S = JournalTestSupport

  @Test func recordsReadBackInOrderAcrossSeveralSegments() throws {
    let folder = S.makeFolder()
    defer { S.remove(folder) }
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 1...600)
    #expect(writer.lastSequence == 600)
    writer.close()
    #expect(S.segments(folder).count >= 5)
    #expect(!FileManager.default.fileExists(atPath: folder + "/00000001.journal.spare"))
    let reader = try JournalReader(folder: folder)
    #expect(try S.verify(reader) == 600)
    #expect(reader.tornTail == nil)
  }

  @Test func reopeningContinuesTheSequenceWithoutAGap() throws {
    let folder = S.makeFolder()
    defer { S.remove(folder) }
    var last: UInt64 = 0
    for round in 1...4 {
      let writer = try JournalWriter(
        openingForAppend: folder,
        options: S.options(thread: round % 2 == 0)
      )
      #expect(writer.lastSequence == last)
      try S.append(writer, last + 1...last + 97)
      last += 97
      writer.close()
    }
    #expect(try S.verify(JournalReader(folder: folder)) == 388)
  }

  @Test func reopeningWithTheReplayReaderSkipsASecondCheckAndContinues() throws {
    let folder = S.makeFolder()
    defer { S.remove(folder) }
    try S.append(JournalWriter(openingForAppend: folder, options: S.options()), 1...50)
    let reader = try JournalReader(folder: folder)
    let writer = try JournalWriter(
      openingForAppend: folder,
      options: S.options(),
      recovered: reader
    )
    try S.append(writer, 51...60)
    writer.close()
    #expect(try S.verify(JournalReader(folder: folder)) == 60)
  }

  @Test func aSecondWriterIsRefusedUntilTheFirstCloses() throws {
    let folder = S.makeFolder()
    defer { S.remove(folder) }
    let first = try JournalWriter(openingForAppend: folder, options: S.options())
    do {
      _ = try JournalWriter(openingForAppend: folder, options: S.options())
      Issue.record("a second writer opened the journal")
    } catch { #expect(error.id == "journal.locked" && error.file == folder) }
    try S.append(first, 1...3)
    first.close()
    let second = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(second, 4...5)
    second.close()
    #expect(try S.verify(JournalReader(folder: folder)) == 5)
  }

  @Test func anAbsentFolderIsAnEmptyJournal() throws {
    let scratch = S.makeFolder()
    let folder = scratch + "/not/yet"
    let reader = try JournalReader(folder: folder)
    #expect(reader.recordCount == 0 && reader.lastSequence == 0 && reader.tornTail == nil)
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 1...1)
    writer.close()
    #expect(try S.verify(JournalReader(folder: folder)) == 1)
    S.remove(scratch)
  }

  @Test func aRecordThatFillsASegmentExactlyFitsAndOneByteMoreIsRefused() throws {
    let folder = S.makeFolder()
    defer { S.remove(folder) }
    let writer = try JournalWriter(openingForAppend: folder, options: S.options(segmentSize: 4096))
    let largest = [UInt8](repeating: 7, count: 4096 - 64 - 24)
    #expect(try largest.withUnsafeBytes { try writer.append(type: 1, payload: $0) } == 1)
    #expect(try largest.withUnsafeBytes { try writer.append(type: 1, payload: $0) } == 2)
    let tooLarge = largest + [1]
    #expect(throws: JournalError.self) {
      try tooLarge.withUnsafeBytes { try writer.append(type: 1, payload: $0) }
    }
    do {
      _ = try [UInt8(1)].withUnsafeBytes { try writer.append(type: 0, payload: $0) }
      Issue.record("type 0 was accepted")
    } catch let error as JournalError { #expect(error.id == "journal.bad-type") }
    #expect(try [UInt8]().withUnsafeBytes { try writer.append(type: 9, payload: $0) } == 3)
    writer.close()
    let reader = try JournalReader(folder: folder)
    #expect(reader.recordCount == 3)
    #expect(S.segments(folder).count == 3)
  }

  @Test func rejectsSegmentSizesThatAreNotWholePages() {
    let folder = S.makeFolder()
    defer { S.remove(folder) }
    for size in [0, 4095, 5000, 1 << 31] {
      do {
        _ = try JournalWriter(openingForAppend: folder, options: .init(segmentSize: size))
        Issue.record("segment size \(size) was accepted")
      } catch { #expect(error.id == "journal.bad-options") }
    }
  }
}
