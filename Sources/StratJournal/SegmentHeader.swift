/// The 64-byte header at the start of every segment file (layout: JournalFormat).
package struct SegmentHeader: Equatable, Sendable {
  package var number: UInt32
  package var firstSequence: UInt64
  package var createdNanoseconds: Int64
  package var segmentSize: UInt64

  package init(
    number: UInt32,
    firstSequence: UInt64,
    createdNanoseconds: Int64,
    segmentSize: UInt64
  ) {
    self.number = number
    self.firstSequence = firstSequence
    self.createdNanoseconds = createdNanoseconds
    self.segmentSize = segmentSize
  }

  /// Writes the header, checksum included, into the first 64 bytes at `base`.
  package func encode(into base: UnsafeMutableRawPointer) {
    let f = JournalFormat.self
    for (i, byte) in f.segmentMagic.enumerated() {
      base.storeBytes(of: byte, toByteOffset: i, as: UInt8.self)
    }
    f.store(f.version, base, 8)
    f.store(UInt16(f.segmentHeaderSize), base, 10)
    f.store(number, base, 12)
    f.store(firstSequence, base, 16)
    f.store(createdNanoseconds, base, 24)
    f.store(segmentSize, base, 32)
    (base + 40).initializeMemory(as: UInt8.self, repeating: 0, count: 20)
    f.store(CRC32C.update(0, base, 60), base, 60)
  }

  /// Returns the header as 64 bytes.
  package var bytes: [UInt8] {
    var bytes = [UInt8](repeating: 0, count: JournalFormat.segmentHeaderSize)
    bytes.withUnsafeMutableBytes { encode(into: $0.baseAddress!) }
    return bytes
  }

  /// Decodes and checks the header of a segment file of `size` bytes named for segment
  /// `number`. Every field that bounds anything is checked against the file, never trusted.
  package static func decode(
    _ base: UnsafeRawPointer,
    size: Int,
    number expected: UInt32,
    path: String
  ) throws(JournalError) -> SegmentHeader {
    let f = JournalFormat.self
    func bad(_ what: String, _ notes: [String] = []) -> JournalError {
      JournalError("journal.bad-segment-header", what, file: path, offset: 0, notes: notes)
    }
    guard size >= f.segmentHeaderSize else {
      throw bad("the file has \(size) bytes, fewer than a 64-byte segment header")
    }
    guard
      (0..<8).allSatisfy({ base.load(fromByteOffset: $0, as: UInt8.self) == f.segmentMagic[$0] })
    else {
      throw bad("expected the magic \"SJOURNAL\"; this is not a journal segment")
    }
    let crc = f.load(UInt32.self, base, 60)
    guard crc == CRC32C.update(0, base, 60) else {
      throw bad("the header's checksum does not match")
    }
    let version = f.load(UInt16.self, base, 8)
    guard version == f.version else {
      throw bad("format version \(version); this build reads version 1")
    }
    guard f.load(UInt16.self, base, 10) == UInt16(f.segmentHeaderSize) else {
      throw bad("header size \(f.load(UInt16.self, base, 10)), expected 64")
    }
    let header = SegmentHeader(
      number: f.load(UInt32.self, base, 12),
      firstSequence: f.load(UInt64.self, base, 16),
      createdNanoseconds: f.load(Int64.self, base, 24),
      segmentSize: f.load(UInt64.self, base, 32)
    )
    guard header.number == expected else {
      throw bad("the header says segment \(header.number), the file name \(expected)")
    }
    guard header.firstSequence > 0 else { throw bad("first sequence 0; sequences start at 1") }
    try header.checkSize(fileSize: size, bad)
    return header
  }

  private func checkSize(fileSize: Int, _ bad: (String, [String]) -> JournalError)
    throws(JournalError)
  {
    let f = JournalFormat.self
    guard segmentSize >= UInt64(f.minimumSegmentSize), segmentSize <= UInt64(f.maximumSegmentSize),
      segmentSize % 4096 == 0
    else {
      throw bad("segment size \(segmentSize) is not a multiple of 4096 from 4 KiB to 1 GiB", [])
    }
    guard UInt64(fileSize) <= segmentSize else {
      throw bad(
        "the file has \(fileSize) bytes, more than the \(segmentSize) its header declares",
        []
      )
    }
  }
}
