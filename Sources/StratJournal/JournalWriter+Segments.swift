#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// MARK: - Opening and rolling segments (system calls allowed: not the common path)

extension JournalWriter {
  /// Moves to the next segment so that a record of `size` bytes fits, or throws for a record
  /// that cannot be written at all.
  @inline(never)
  func roll(type: UInt8, size: Int) throws(JournalError) {
    let folder = shared.folder
    guard type != 0 else {
      throw JournalError(
        "journal.bad-type",
        "record type 0 is reserved (it marks the end of the records)",
        file: folder
      )
    }
    let largest = JournalFormat.maximumPayload(segmentSize: shared.segmentSize)
    guard size <= JournalFormat.recordSize(payload: largest) else {
      throw JournalError(
        "journal.record-too-large",
        "a record of \(size) bytes does not fit a segment of \(shared.segmentSize)",
        file: folder,
        notes: ["payloads up to \(largest) bytes fit; raise the segment size"]
      )
    }
    let number = cursor.pointee.segment + 1
    let segment = try makeSegment(number)
    shared.segments.withLock { $0[number] = segment }
    current = segment
    cursor.pointee = Cursor(
      base: segment.base!,
      capacity: segment.size,
      offset: JournalFormat.segmentHeaderSize,
      segment: number,
      nextSequence: cursor.pointee.nextSequence
    )
  }

  /// Returns segment `number`, header written: the syncer's spare, renamed, or a new file.
  private func makeSegment(_ number: UInt32) throws(JournalError) -> MappedSegment {
    let header = SegmentHeader(
      number: number,
      firstSequence: cursor.pointee.nextSequence,
      createdNanoseconds: wallNanoseconds(),
      segmentSize: UInt64(shared.segmentSize)
    )
    let spare = shared.spare.withLock { state -> MappedSegment? in
      state.claimed = number
      guard state.segment?.number == number else { return nil }
      defer { state.segment = nil }
      return state.segment
    }
    if let spare {
      header.encode(into: spare.base!)  // before the rename: the name never shows a headerless file
      guard rename(shared.sparePath(number), shared.path(number)) == 0 else {
        throw .system("rename", file: shared.sparePath(number), errno: errno)
      }
      return spare
    }
    return try Self.createSegment(header, shared: shared)
  }

  /// Makes segment `header.number` under a temporary name, writes its header, and renames it
  /// into place: a segment's name never shows a file whose header is being written (a process
  /// killed there left a half header, which recovery rightly refused).
  static func createSegment(_ header: SegmentHeader, shared: JournalShared) throws(JournalError)
    -> MappedSegment
  {
    let final = shared.path(header.number)
    let temporary = final + JournalFormat.newSuffix
    let made = try MappedSegment.openForWriting(
      path: temporary,
      number: header.number,
      size: shared.segmentSize,
      zeroFrom: nil,
      create: true
    )
    header.encode(into: made.base!)
    guard rename(temporary, final) == 0 else { throw .system("rename", file: temporary, errno: errno) }
    return made
  }

  /// Returns the segment to append to after recovery and the offset to append at: the last
  /// segment cut after its last good record, or a new one if there is none (or it had no header).
  static func openLast(
    of reader: JournalReader,
    next: UInt64,
    shared: JournalShared
  ) throws(JournalError) -> (MappedSegment, Int) {
    // After a crash the recovered records may be in the page cache only: put every segment on
    // disk before calling them durable (the last one below, once cut).
    for earlier in reader.segments.dropLast() where fdatasync(earlier.file.fd) != 0 {
      throw .system("fdatasync", file: earlier.file.path, errno: errno)
    }
    let size = shared.segmentSize
    guard let last = reader.segments.last, let header = last.scan.header else {
      let number = reader.segments.last?.file.number ?? 0
      let header = SegmentHeader(
        number: number,
        firstSequence: next,
        createdNanoseconds: wallNanoseconds(),
        segmentSize: UInt64(size)
      )
      let made = try createSegment(header, shared: shared)
      try syncNew(made, folder: shared.folder)
      return (made, JournalFormat.segmentHeaderSize)
    }
    let cut = last.scan.end
    let mustCut = last.scan.torn != nil || last.file.size < Int(header.segmentSize)
    let segment = try MappedSegment.openForWriting(
      path: last.file.path,
      number: last.file.number,
      size: Int(header.segmentSize),
      zeroFrom: mustCut ? cut : nil,
      create: false
    )
    guard fdatasync(segment.fd) == 0 else { throw .system("fdatasync", file: segment.path, errno: errno) }
    return (segment, cut)
  }

  /// Makes a new segment's header and name durable before anything is appended to it.
  private static func syncNew(_ segment: MappedSegment, folder: String) throws(JournalError) {
    try segment.sync(from: 0, to: JournalFormat.segmentHeaderSize)
    try syncFolder(folder)
  }

  /// Makes the folder's entries (new, renamed or deleted files) durable.
  static func syncFolder(_ folder: String) throws(JournalError) {
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw .system("open", file: folder, errno: errno) }
    defer { Glibc.close(fd) }
    guard fsync(fd) == 0 else { throw .system("fsync", file: folder, errno: errno) }
  }

  static func check(_ options: Options, _ folder: String) throws(JournalError) {
    let size = options.segmentSize
    guard size >= JournalFormat.minimumSegmentSize, size <= JournalFormat.maximumSegmentSize,
      size % 4096 == 0
    else {
      throw JournalError(
        "journal.bad-options",
        "segment size \(size) is not a multiple of 4096 from 4 KiB to 1 GiB",
        file: folder
      )
    }
    if let interval = options.syncIntervalMicroseconds, interval <= 0 {
      throw JournalError(
        "journal.bad-options",
        "sync interval \(interval) µs; it must be positive",
        file: folder
      )
    }
  }

  /// Takes the journal's writer lock (released by `close`, or when the process dies), so that
  /// two writers never append to one journal.
  static func lock(_ folder: String) throws(JournalError) -> WriterLock {
    try WriterLock(folder: folder)
  }

  /// Creates `folder` and any missing parents (mkdir -p).
  static func makeFolder(_ folder: String) throws(JournalError) {
    if mkdir(folder, 0o755) == 0 || errno == EEXIST { return }
    guard errno == ENOENT else { throw .system("mkdir", file: folder, errno: errno) }
    let parent = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
    guard !parent.isEmpty, parent != folder else {
      throw .system("mkdir", file: folder, errno: ENOENT)
    }
    try makeFolder(parent)
    if mkdir(folder, 0o755) != 0, errno != EEXIST {
      throw .system("mkdir", file: folder, errno: errno)
    }
  }

  /// Deletes spare and half-made segments a previous run left.
  static func removeSpares(in folder: String) {
    guard let directory = opendir(folder) else { return }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
      }
      if name.hasSuffix(JournalFormat.spareSuffix) || name.hasSuffix(JournalFormat.newSuffix) {
        unlink(folder + "/" + name)
      }
    }
  }
}

