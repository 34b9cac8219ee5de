import Foundation
import Testing

@testable import StratJournal

/// Damage inside the journal is never a torn tail and never skipped: it is a typed error naming
/// the file, the offset and the sequence expected there, and the writer refuses to append.
@Suite struct CorruptionTests {
  typealias S = JournalTestSupport

  /// Records 1…400 over several 8 KiB segments.
  func makeJournal(_ folder: String) throws -> [String] {
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 1...400)
    writer.close()
    return S.segments(folder)
  }

  func expectError(_ folder: String, _ id: String, file: String, offset: Int?, sequence: UInt64?) {
    for open in [
      { _ = try JournalReader(folder: folder) },
      { _ = try JournalWriter(openingForAppend: folder, options: S.options()) },
    ] {
      do {
        try open()
        Issue.record("expected \(id)")
      } catch let error as JournalError {
        #expect(error.id == id && error.file == file, "\(error)")
        #expect(error.offset == offset && error.sequence == sequence, "\(error)")
      } catch { Issue.record("\(error)") }
    }
  }

  /// Returns the sequence of the record at `offset` of `bytes`.
  func sequence(at offset: Int, _ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { JournalFormat.load(UInt64.self, $0.baseAddress!, offset + 8) }
  }

  @Test(arguments: [0, 1, 4, 9, 16, 20, 24, 30])
  func flippedBitInAnEarlierSegmentIsLocatedCorruption(_ byte: Int) throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder)[1]
    var bytes = S.bytes(path)
    let record = S.recordOffsets(bytes)[3]
    let expected = sequence(at: record, bytes)
    bytes[record + byte] ^= 0x10
    S.write(bytes, path)
    expectError(folder, "journal.corrupt-record", file: path, offset: record, sequence: expected)
  }

  @Test func flippedBitBeforeTheLastRecordOfTheLastSegmentIsCorruptionNotATornTail() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder).last!
    var bytes = S.bytes(path)
    let offsets = S.recordOffsets(bytes)
    #expect(offsets.count >= 3)
    let record = offsets[offsets.count - 2]
    let expected = sequence(at: record, bytes)
    bytes[record + JournalFormat.recordHeaderSize] ^= 0x01
    S.write(bytes, path)
    expectError(folder, "journal.corrupt-record", file: path, offset: record, sequence: expected)
  }

  @Test func aHugeLengthInAnEarlierRecordIsLocatedCorruption() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder)[0]
    var bytes = S.bytes(path)
    let record = S.recordOffsets(bytes)[2]
    let expected = sequence(at: record, bytes)
    for k in 4..<8 { bytes[record + k] = 0xFF }  // 4 GiB − 1
    S.write(bytes, path)
    expectError(folder, "journal.corrupt-record", file: path, offset: record, sequence: expected)
  }

  @Test func flippedBitInASegmentHeaderIsABadHeader() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder)[1]
    var bytes = S.bytes(path)
    bytes[20] ^= 0x04
    S.write(bytes, path)
    expectError(folder, "journal.bad-segment-header", file: path, offset: 0, sequence: nil)
  }

  @Test func aHeaderDeclaringFewerBytesThanTheFileIsABadHeader() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder)[0]
    var bytes = S.bytes(path)
    var header = bytes.withUnsafeBytes {
      try! SegmentHeader.decode($0.baseAddress!, size: $0.count, number: 0, path: path)
    }
    header.segmentSize = 4096
    bytes.replaceSubrange(0..<64, with: header.bytes)
    S.write(bytes, path)
    expectError(folder, "journal.bad-segment-header", file: path, offset: 0, sequence: nil)
  }

  @Test func aMissingMiddleSegmentIsReported() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let paths = try makeJournal(folder)
    unlink(paths[2])
    expectError(folder, "journal.missing-segment", file: paths[2], offset: nil, sequence: nil)
  }

  @Test func aRecordWithAValidChecksumButTheWrongSequenceIsAGap() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder)[1]
    var bytes = S.bytes(path)
    let record = S.recordOffsets(bytes)[1]
    let expected = sequence(at: record, bytes)
    bytes.withUnsafeMutableBytes { raw in
      let p = raw.baseAddress! + record
      JournalFormat.store(expected + 1, p, 8)
      let length = Int(JournalFormat.load(UInt32.self, p, 4))
      JournalFormat.store(CRC32C.update(CRC32C.update(0, p, 16), p + 24, length), p, 16)
    }
    S.write(bytes, path)
    expectError(folder, "journal.sequence-gap", file: path, offset: record, sequence: expected)
  }

  @Test func aSegmentStartingAtTheWrongSequenceIsAGap() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let paths = try makeJournal(folder)
    var bytes = S.bytes(paths[2])
    var header = bytes.withUnsafeBytes {
      try! SegmentHeader.decode($0.baseAddress!, size: $0.count, number: 2, path: paths[2])
    }
    let expected = header.firstSequence
    header.firstSequence += 1
    bytes.replaceSubrange(0..<64, with: header.bytes)
    S.write(bytes, paths[2])
    expectError(folder, "journal.sequence-gap", file: paths[2], offset: 16, sequence: expected)
  }

  /// A writer that refuses a journal releases its lock: once repaired, the journal opens.
  @Test func aRefusedOpenReleasesTheWriterLock() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = try makeJournal(folder)[0]
    let original = S.bytes(path)
    var bytes = original
    bytes[JournalFormat.segmentHeaderSize + 30] ^= 0x01
    S.write(bytes, path)
    #expect(throws: JournalError.self) { try JournalWriter(openingForAppend: folder, options: S.options()) }
    S.write(original, path)
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 401...401)
    writer.close()
    #expect(try S.verify(JournalReader(folder: folder)) == 401)
  }

  @Test func aForeignFileNamedLikeASegmentIsRefused() throws {
    let folder = S.makeFolder("corrupt")
    defer { S.remove(folder) }
    let path = folder + "/00000000.journal"
    S.write(Array("date,open,high,low,close\n2024-01-02,1,2,3,4\n2024-01-03,1,2,3,4\n".utf8), path)
    expectError(folder, "journal.bad-segment-header", file: path, offset: 0, sequence: nil)
  }
}
