#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One record as the reader hands it out. `payload` points into the mapped segment: it is valid
/// only inside the `forEach` body that received it (copy what must outlive it).
package struct JournalRecord {
  package let sequence: UInt64
  package let type: UInt8
  package let flags: UInt16
  package let payload: UnsafeRawBufferPointer
}

/// Recovery: opens a journal folder, checks every segment and record (header, magic, lengths,
/// sequence continuity, CRC-32C) and then iterates the records without copying them.
/// The first bad record of the last segment ends the journal (`tornTail`); a bad record anywhere
/// else, or a valid one after a bad one, is a located `JournalError`. Any thread; not shared.
package final class JournalReader {
  /// The journal folder.
  package let folder: String
  /// The segments, in order, with what the check found in each.
  package let segments: [(file: MappedSegment, scan: SegmentScan)]
  /// The number of good records.
  package let recordCount: Int
  /// The sequence of the last good record; 0 for an empty journal.
  package let lastSequence: UInt64
  /// The torn last record, if the journal ends in one.
  package let tornTail: JournalTornTail?

  /// Opens and checks the journal in `folder` (an absent or empty folder is an empty journal).
  package init(folder: String) throws(JournalError) {
    self.folder = folder
    let numbers = try Self.segmentNumbers(in: folder)
    var segments: [(file: MappedSegment, scan: SegmentScan)] = []
    var expected: UInt64? = nil
    for (index, number) in numbers.enumerated() {
      let path = folder + "/" + JournalFormat.fileName(number)
      let file = try MappedSegment.openForReading(path: path, number: number)
      let bytes = UnsafeRawPointer(file.base) ?? UnsafeRawPointer(bitPattern: 8)!
      let scan = try SegmentScan.scan(
        bytes,
        count: file.size,
        number: number,
        expected: expected,
        isLast: index == numbers.count - 1,
        path: path
      )
      expected = scan.nextSequence
      segments.append((file, scan))
    }
    self.segments = segments
    recordCount = segments.reduce(0) { $0 + $1.scan.recordCount }
    lastSequence = (expected ?? 1) - 1
    tornTail = segments.last?.scan.torn
  }

  /// Calls `body` with every good record, in sequence order.
  package func forEach(_ body: (JournalRecord) throws -> Void) rethrows {
    let f = JournalFormat.self
    for (file, scan) in segments {
      guard let base = file.base else { continue }
      var at = f.segmentHeaderSize
      for _ in 0..<scan.recordCount {
        let p = UnsafeRawPointer(base + at)
        let length = Int(f.load(UInt32.self, p, 4))
        try body(
          JournalRecord(
            sequence: f.load(UInt64.self, p, 8),
            type: p.load(fromByteOffset: 1, as: UInt8.self),
            flags: f.load(UInt16.self, p, 2),
            payload: UnsafeRawBufferPointer(start: p + f.recordHeaderSize, count: length)
          )
        )
        at += f.recordSize(payload: length)
      }
    }
  }

  /// Returns the segment numbers in `folder`, ascending and without gaps.
  static func segmentNumbers(in folder: String) throws(JournalError) -> [UInt32] {
    guard let directory = opendir(folder) else {
      if errno == ENOENT { return [] }
      throw .system("opendir", file: folder, errno: errno)
    }
    defer { closedir(directory) }
    var numbers: [UInt32] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
      }
      if let number = JournalFormat.number(fromFileName: name) { numbers.append(number) }
    }
    numbers.sort()
    for (a, b) in zip(numbers, numbers.dropFirst()) where b != a + 1 {
      throw JournalError(
        "journal.missing-segment",
        "segment \(a) is followed by segment \(b)",
        file: folder + "/" + JournalFormat.fileName(a + 1),
        notes: ["the segments in between are missing"]
      )
    }
    return numbers
  }
}
