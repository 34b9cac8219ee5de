// What Fuzz/JournalFuzz drives, and the journal corpus replay test replays: one code path for both.

import Foundation

/// Runs one input through recovery three ways: the bytes as a whole segment file; behind a valid
/// segment header (so the records are reached); and behind one with every plausible record's CRC
/// made right (so sequence and continuity checks are reached). Each journal that opens is then
/// reopened for append, given one record, and read again: it must hold exactly one more record.
/// Returns the ids of the errors thrown; an `internal.` id is a bug (the harness crashes on it).
enum JournalFuzzTarget {
  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    let body = Array(input)
    var ids: [String] = []
    for bytes in [body, withHeader(body, repairing: false), withHeader(body, repairing: true)] {
      ids += recover(bytes)
    }
    return ids
  }

  /// Writes `bytes` as segment 0 of a scratch journal, recovers it, appends, recovers again.
  static func recover(_ bytes: [UInt8]) -> [String] {
    let folder = scratchFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    guard
      FileManager.default.createFile(atPath: folder + "/00000000.journal", contents: Data(bytes))
    else {
      return []
    }
    do {
      let reader = try JournalReader(folder: folder)
      var seen = 0
      reader.forEach { record in seen += record.payload.count >= 0 ? 1 : 0 }
      guard seen == reader.recordCount else { return ["internal.journal-iteration-count"] }
      let writer = try JournalWriter(
        openingForAppend: folder,
        options: .init(segmentSize: 4096, syncIntervalMicroseconds: nil),
        recovered: reader
      )
      let sequence = try [UInt8](repeating: 0x5A, count: 40).withUnsafeBytes {
        try writer.append(type: 7, payload: $0)
      }
      writer.close()
      let after = try JournalReader(folder: folder)
      guard sequence == reader.lastSequence + 1, after.lastSequence == sequence,
        after.recordCount == reader.recordCount + 1, after.tornTail == nil
      else { return ["internal.journal-append-after-recovery"] }
      return reader.tornTail == nil ? [] : ["journal.torn-tail"]
    } catch let error as JournalError {
      return [error.id]
    } catch {
      return ["internal.journal-untyped-error"]
    }
  }

  /// `body` behind a valid header for segment 0, the file a whole number of pages.
  static func withHeader(_ body: [UInt8], repairing: Bool) -> [UInt8] {
    let size = (JournalFormat.segmentHeaderSize + body.count + 4095) & ~4095
    let first = UInt64(body.first ?? 1) | 1
    let header = SegmentHeader(
      number: 0,
      firstSequence: first,
      createdNanoseconds: 0,
      segmentSize: UInt64(size)
    )
    var bytes = header.bytes + body
    if repairing { repair(&bytes, first: first) }
    return bytes
  }

  /// Gives each record that a walk from the header reaches the record magic, the next sequence
  /// number and a correct CRC (its type, flags, length and reserved bytes stay the input's).
  static func repair(_ bytes: inout [UInt8], first: UInt64) {
    bytes.withUnsafeMutableBytes { raw in
      let base = raw.baseAddress!
      var sequence = first
      var at = JournalFormat.segmentHeaderSize
      while at + JournalFormat.recordHeaderSize <= raw.count,
        base.load(fromByteOffset: at, as: UInt8.self) != 0
      {
        let length = Int(JournalFormat.load(UInt32.self, base, at + 4))
        guard length <= raw.count - at - JournalFormat.recordHeaderSize else { return }
        base.storeBytes(of: JournalFormat.recordMagic, toByteOffset: at, as: UInt8.self)
        JournalFormat.store(sequence, base + at, 8)
        sequence += 1
        let crc = CRC32C.update(
          CRC32C.update(0, base + at, 16),
          base + at + JournalFormat.recordHeaderSize,
          length
        )
        JournalFormat.store(crc, base + at, 16)
        at += JournalFormat.recordSize(payload: length)
      }
    }
  }

  /// A new scratch folder (unique: replay tests run in parallel), on tmpfs when there is one
  /// (fsync costs nothing there).
  static func scratchFolder() -> String {
    let root = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
    var template = Array((root + "stratc-journal-fuzz-XXXXXX").utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
      guard let made = mkdtemp(buffer.baseAddress!) else { return root + "stratc-journal-fuzz-\(getpid())" }
      return String(cString: made)
    }
  }
}
