import Foundation
import Testing

@testable import StratJournal

/// A crash can leave the last record half written: cut at any byte, or followed by whatever was
/// on the disk. Every such tail is cut cleanly and appending continues after the last good record.
@Suite struct TornTailTests {
  typealias S = JournalTestSupport

  enum Damage: String, CaseIterable { case truncated, garbageFilled }

  /// Writes records 1…n (n ≥ 150, the last one with a 30- to 60-byte payload) over several
  /// 8 KiB segments and returns n, the last segment's path and bytes.
  func makeJournal(_ folder: String) throws -> (n: UInt64, path: String, bytes: [UInt8]) {
    let n = (150...).first { (30...60).contains(S.payload(UInt64($0)).count) }.map(UInt64.init)!
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, 1...n)
    writer.close()
    let path = S.segments(folder).last!
    return (n, path, S.bytes(path))
  }

  @Test(arguments: Damage.allCases)
  func lastRecordTornAtEveryByteIsCutAndAppendsContinue(_ damage: Damage) throws {
    let folder = S.makeFolder("torn")
    defer { S.remove(folder) }
    let (n, path, original) = try makeJournal(folder)
    #expect(S.segments(folder).count >= 3)
    let start = S.recordOffsets(original).last!
    let whole = start + JournalFormat.recordHeaderSize + S.payload(n).count
    var noise = SplitMix(seed: 0x70_2E)
    for cut in start..<JournalFormat.recordSize(payload: S.payload(n).count) + start {
      var bytes = Array(original[..<cut])
      if damage == .garbageFilled { bytes += (cut..<original.count).map { _ in noise.byte() } }
      S.write(bytes, path)
      let survives = cut >= whole  // a cut in the padding leaves the record whole
      let reader = try JournalReader(folder: folder)
      #expect(try S.verify(reader) == Int(survives ? n : n - 1), "cut at \(cut)")
      let torn = damage == .garbageFilled || (cut > start && !survives)
      #expect(
        (reader.tornTail != nil) == torn,
        "cut at \(cut): \(String(describing: reader.tornTail))"
      )
      if let tail = reader.tornTail {
        #expect(tail.path == path && tail.offset == (survives ? whole.roundedUp8 : start))
      }
      let writer = try JournalWriter(
        openingForAppend: folder,
        options: S.options(),
        recovered: reader
      )
      try S.append(writer, (survives ? n + 1 : n)...n + 2)
      writer.close()
      let after = try JournalReader(folder: folder)
      #expect(after.tornTail == nil, "cut at \(cut): \(String(describing: after.tornTail))")
      #expect(try S.verify(after) == Int(n + 2), "cut at \(cut)")
      for extra in S.segments(folder) where extra > path { unlink(extra) }
      S.write(original, path)
    }
  }

  /// `append` copies the payload before it writes the header, so a process killed inside the
  /// copy leaves a zero header and some payload bytes: a torn tail, zeroed before appending.
  @Test func appendCutShortBeforeItsHeaderIsCutAndZeroed() throws {
    let folder = S.makeFolder("torn")
    defer { S.remove(folder) }
    let (n, path, original) = try makeJournal(folder)
    let end =
      S.recordOffsets(original).last! + JournalFormat.recordSize(payload: S.payload(n).count)
    var bytes = original
    for k in 0..<40 { bytes[end + JournalFormat.recordHeaderSize + k] = 0xA7 }
    S.write(bytes, path)
    let reader = try JournalReader(folder: folder)
    #expect(try S.verify(reader) == Int(n))
    #expect(
      reader.tornTail
        == JournalTornTail(path: path, offset: end, reason: "non-zero bytes after the last record")
    )
    let writer = try JournalWriter(
      openingForAppend: folder,
      options: S.options(),
      recovered: reader
    )
    #expect(writer.cutTornTail == reader.tornTail)
    writer.close()
    #expect(Array(S.bytes(path)[end...]).allSatisfy { $0 == 0 })
    #expect(try JournalReader(folder: folder).tornTail == nil)
  }

  /// A segment is made under a temporary name and renamed once its header is whole: a crash
  /// in between leaves a `.new` (or `.spare`) file, which recovery ignores and deletes.
  @Test func halfMadeSegmentsUnderTemporaryNamesAreIgnoredAndDeleted() throws {
    let folder = S.makeFolder("torn")
    defer { S.remove(folder) }
    let (n, path, _) = try makeJournal(folder)
    let header = Array(S.bytes(path)[..<40])  // a header cut before its checksum
    for name in ["00000009.journal.new", "00000009.journal.spare"] { S.write(header, folder + "/" + name) }
    #expect(try S.verify(JournalReader(folder: folder)) == Int(n))
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    #expect(!FileManager.default.fileExists(atPath: folder + "/00000009.journal.new"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/00000009.journal.spare"))
    try S.append(writer, n + 1...n + 200)  // rolls: no spare without a syncer thread
    writer.close()
    #expect(try S.verify(JournalReader(folder: folder)) == Int(n + 200))
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).allSatisfy { !$0.hasSuffix(".new") })
  }

  /// A crash while a new segment was being made leaves it without a header (short or zeros):
  /// the segment is dropped and made again.
  @Test(arguments: [0, 1, 17, 63, 64, 8192])
  func lastSegmentWithoutHeaderIsDroppedAndRemade(_ size: Int) throws {
    let folder = S.makeFolder("torn")
    defer { S.remove(folder) }
    let (n, path, _) = try makeJournal(folder)
    let number = JournalFormat.number(fromFileName: URL(fileURLWithPath: path).lastPathComponent)!
    let empty = folder + "/" + JournalFormat.fileName(number + 1)
    S.write([UInt8](repeating: 0, count: size), empty)
    let reader = try JournalReader(folder: folder)
    #expect(try S.verify(reader) == Int(n))
    #expect(
      reader.tornTail
        == JournalTornTail(path: empty, offset: 0, reason: "the segment header was never written")
    )
    let writer = try JournalWriter(openingForAppend: folder, options: S.options())
    try S.append(writer, n + 1...n + 3)
    writer.close()
    #expect(try S.verify(JournalReader(folder: folder)) == Int(n + 3))
    #expect(S.bytes(empty).count == 8192)
  }
}

extension Int {
  var roundedUp8: Int { (self + 7) & ~7 }
}

/// SplitMix64, seeded: the tests' only source of randomness.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
