import Foundation

@testable import StratJournal

/// Scratch folders and deterministic records for the journal tests.
enum JournalTestSupport {
  /// Returns a new empty folder; the caller removes it.
  static func makeFolder(_ name: String = "journal") -> String {
    var template = Array((NSTemporaryDirectory() + "stratc-\(name)-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
  }

  static func remove(_ folder: String) { try? FileManager.default.removeItem(atPath: folder) }

  /// The payload record `sequence` carries in these tests: 0 to 200 bytes that depend on it.
  static func payload(_ sequence: UInt64) -> [UInt8] {
    let count = Int((sequence &* 2_654_435_761) % 201)
    return (0..<count).map { UInt8(truncatingIfNeeded: sequence &* 31 &+ UInt64($0)) }
  }

  static func type(_ sequence: UInt64) -> UInt8 { UInt8(1 + sequence % 200) }

  /// Appends records `sequences` (each with its test payload), expecting those sequence numbers.
  static func append(_ writer: JournalWriter, _ sequences: ClosedRange<UInt64>) throws {
    for sequence in sequences {
      let bytes = payload(sequence)
      let got = try bytes.withUnsafeBytes {
        try writer.append(type: type(sequence), flags: UInt16(sequence & 0xFFFF), payload: $0)
      }
      guard got == sequence else {
        throw Mismatch(what: "append returned \(got), expected \(sequence)")
      }
    }
  }

  /// Returns the number of records, throwing unless they are 1…n with their test payloads.
  static func verify(_ reader: JournalReader) throws -> Int {
    var expected: UInt64 = 1
    try reader.forEach { record in
      guard record.sequence == expected, record.type == type(expected),
        record.flags == UInt16(expected & 0xFFFF), Array(record.payload) == payload(expected)
      else {
        throw Mismatch(what: "record \(record.sequence) is not record \(expected) as written")
      }
      expected += 1
    }
    guard reader.recordCount == Int(expected - 1), reader.lastSequence == expected - 1 else {
      throw Mismatch(
        what:
          "recordCount \(reader.recordCount), lastSequence \(reader.lastSequence), iterated \(expected - 1)"
      )
    }
    return Int(expected - 1)
  }

  struct Mismatch: Error, CustomStringConvertible {
    let what: String; var description: String { what }
  }

  /// The segment files of `folder`, sorted.
  static func segments(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".journal") }.sorted().map { folder + "/" + $0 }
  }

  static func bytes(_ path: String) -> [UInt8] {
    [UInt8](FileManager.default.contents(atPath: path) ?? Data())
  }

  static func write(_ bytes: [UInt8], _ path: String) {
    precondition(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
  }

  /// Options for tests: small segments, no syncer thread unless asked.
  static func options(segmentSize: Int = 8192, thread: Bool = false) -> JournalWriter.Options {
    JournalWriter.Options(segmentSize: segmentSize, syncIntervalMicroseconds: thread ? 200 : nil)
  }

  /// Returns the byte offsets at which each record of the last segment starts.
  static func recordOffsets(_ bytes: [UInt8]) -> [Int] {
    var offsets: [Int] = []
    var at = JournalFormat.segmentHeaderSize
    bytes.withUnsafeBytes { raw in
      while case .valid(let size, _) = RecordCheck.at(at, raw.baseAddress!, count: raw.count) {
        offsets.append(at)
        at += size
      }
    }
    return offsets
  }
}
