/// One segment walked record by record: where its records end, how many there are, and whether
/// its tail is torn. Works on bytes in memory (a mapping, or a fuzzer's input).
package struct SegmentScan: Equatable {
  package var header: SegmentHeader?
  package var recordCount: Int
  /// The sequence the next record must have.
  package var nextSequence: UInt64
  /// The offset just past the last good record (64 for a segment without records).
  package var end: Int
  package var torn: JournalTornTail?

  /// Walks the `count` bytes at `base`, a segment named for `number` whose first record must
  /// have sequence `expected` (nil: whatever its header says, for the first segment). In the last
  /// segment the first bad record is a torn tail, unless a valid record follows it; anywhere else
  /// a bad record is corruption.
  package static func scan(
    _ base: UnsafeRawPointer,
    count: Int,
    number: UInt32,
    expected: UInt64?,
    isLast: Bool,
    path: String
  ) throws(JournalError) -> SegmentScan {
    let f = JournalFormat.self
    if isLast, f.isZero(base, min(count, f.segmentHeaderSize)) {
      // A crash while a segment was being made: no header yet, so there can be no records.
      try requireNothingValid(from: f.segmentHeaderSize, at: 0, base, count, path, expected)
      let torn = JournalTornTail(
        path: path,
        offset: 0,
        reason: "the segment header was never written"
      )
      return SegmentScan(
        header: nil,
        recordCount: 0,
        nextSequence: expected ?? 1,
        end: 0,
        torn: torn
      )
    }
    let header = try SegmentHeader.decode(base, size: count, number: number, path: path)
    if let expected, header.firstSequence != expected {
      throw JournalError(
        "journal.sequence-gap",
        "the segment starts at sequence \(header.firstSequence), expected \(expected)",
        file: path,
        offset: 16,
        sequence: expected,
        notes: ["records \(min(expected, header.firstSequence))… are missing or repeated"]
      )
    }
    var scan = SegmentScan(
      header: header,
      recordCount: 0,
      nextSequence: header.firstSequence,
      end: f.segmentHeaderSize,
      torn: nil
    )
    try scan.walk(base, count: count, isLast: isLast, path: path)
    return scan
  }

  private mutating func walk(_ base: UnsafeRawPointer, count: Int, isLast: Bool, path: String)
    throws(JournalError)
  {
    while true {
      switch RecordCheck.at(end, base, count: count) {
      case .valid(let size, let sequence):
        guard sequence == nextSequence else {
          throw JournalError(
            "journal.sequence-gap",
            "a record with sequence \(sequence), expected \(nextSequence)",
            file: path,
            offset: end,
            sequence: nextSequence
          )
        }
        recordCount += 1
        nextSequence += 1
        end += size
      case .end:
        try Self.requireNothingValid(from: end, at: end, base, count, path, nextSequence)
        if isLast, end < count, !JournalFormat.isZero(base + end, count - end) {
          // The payload is copied before the header, so an append cut short leaves a zero header
          // and stray bytes: the writer must zero them before appending over them.
          torn = JournalTornTail(
            path: path,
            offset: end,
            reason: "non-zero bytes after the last record"
          )
        }
        return
      case .bad(let why):
        guard isLast else {
          throw JournalError(
            "journal.corrupt-record",
            why + " in a segment that is not the last",
            file: path,
            offset: end,
            sequence: nextSequence,
            notes: ["only the last record of the last segment may be torn"]
          )
        }
        try Self.requireNothingValid(from: end + 8, at: end, base, count, path, nextSequence, why)
        torn = JournalTornTail(path: path, offset: end, reason: why)
        return
      }
    }
  }

  /// Throws if a valid record lies at or after `offset` (the records ended, or went bad, at
  /// `at`): records after a gap or a bad record mean damage inside the journal, which is never
  /// skipped silently.
  private static func requireNothingValid(
    from offset: Int,
    at: Int,
    _ base: UnsafeRawPointer,
    _ count: Int,
    _ path: String,
    _ sequence: UInt64?,
    _ why: String? = nil
  ) throws(JournalError) {
    switch RecordCheck.firstValid(from: offset, base, count: count) {
    case .none: return
    case .found(let later):
      throw JournalError(
        "journal.corrupt-record",
        (why ?? "the records stop") + ", but a valid record follows at offset \(later)",
        file: path,
        offset: at,
        sequence: sequence,
        notes: ["a torn tail has nothing valid after it; this is damage inside the journal"]
      )
    case .budgetExceeded:
      throw JournalError(
        "journal.corrupt-record",
        (why ?? "the records stop") + ", and what follows cannot be checked",
        file: path,
        offset: at,
        sequence: sequence,
        notes: ["too many plausible record headers follow it to tell a torn tail from damage"]
      )
    }
  }
}

/// The torn last record the reader found: where it starts (the journal ends just before it) and
/// why it is not a record. `JournalWriter(openingForAppend:)` cuts the segment there.
package struct JournalTornTail: Equatable, Sendable {
  /// The segment file.
  package let path: String
  /// The byte offset of the torn record (0: the segment has no header yet).
  package let offset: Int
  /// Why the bytes there are not a record.
  package let reason: String
}
