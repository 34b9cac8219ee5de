#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Removing old segments (after a checkpoint)

extension JournalWriter {
  /// Deletes the oldest segments whose records all have sequences below `sequence` and are
  /// durable: after a checkpoint recorded at `sequence`, recovery needs nothing older. Never
  /// deletes the segment being written. Deletes from the oldest up, so a crash midway leaves
  /// the segment numbers contiguous. Returns how many were deleted. Any thread but the hot one,
  /// one call at a time (a few system calls per segment).
  package func removeSegments(before sequence: UInt64) throws(JournalError) -> Int {
    let current = JournalShared.unpack(shared.writtenEnd.load(ordering: .acquiring)).segment
    let limit = min(sequence, durableSequence + 1)
    let numbers = try JournalReader.segmentNumbers(in: shared.folder)
    var removed = 0
    for (number, next) in zip(numbers, numbers.dropFirst()) where next <= current {
      // Segment `number` holds the sequences before the first of segment `next`.
      guard try firstSequence(of: next) <= limit else { break }
      guard unlink(shared.path(number)) == 0 else {
        throw .system("unlink", file: shared.path(number), errno: errno)
      }
      removed += 1
    }
    if removed > 0 { try Self.syncFolder(shared.folder) }
    return removed
  }

  /// Returns the first sequence in segment `number`'s header.
  private func firstSequence(of number: UInt32) throws(JournalError) -> UInt64 {
    let path = shared.path(number)
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .system("open", file: path, errno: errno) }
    defer { Glibc.close(fd) }
    let size = JournalFormat.segmentHeaderSize
    let header = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
    defer { header.deallocate() }
    let count = pread(fd, header, size, 0)
    return try SegmentHeader.decode(header, size: max(count, 0), number: number, path: path)
      .firstSequence
  }
}
