#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Appends records to a journal folder. `append` runs on ONE thread (the engine's hot thread):
/// a memcpy into the mapped segment, a CRC-32C and two release stores — no system call, no
/// allocation, no lock — except when the record does not fit and the writer rolls to the next
/// segment (a header, a rename, usually of a spare the syncer made ahead of time; a lock).
/// A record is in the page cache when `append` returns, so it survives `kill -9`; it is on disk
/// once `durableSequence` reaches it (the syncer thread's group commit, JournalSyncer).
/// `durableSequence`, `waitDurable`, `requestSync` and `metrics` may be called from any thread.
package final class JournalWriter: @unchecked Sendable {
  /// How segments are sized and how often the syncer commits.
  package struct Options: Sendable {
    /// Bytes per segment file: a multiple of 4096, from 4 KiB to 1 GiB.
    package var segmentSize: Int
    /// Microseconds between sync groups; nil runs no thread (call `syncNow()` yourself).
    package var syncIntervalMicroseconds: Int?
    /// How many group latencies to keep for exact percentiles (benchmarks; 0 for none).
    package var latencySamples: Int

    package init(
      segmentSize: Int = 64 << 20,
      syncIntervalMicroseconds: Int? = 1_000,
      latencySamples: Int = 0
    ) {
      self.segmentSize = segmentSize
      self.syncIntervalMicroseconds = syncIntervalMicroseconds
      self.latencySamples = latencySamples
    }
  }

  /// The writer's position: in one raw allocation, so the hot path has no class-property
  /// exclusivity checks and no reference counting.
  struct Cursor {
    var base: UnsafeMutableRawPointer
    var capacity: Int
    var offset: Int
    var segment: UInt32
    var nextSequence: UInt64
    let crcTable = CRC32C.table
  }

  let shared: JournalShared
  let cursor: UnsafeMutablePointer<Cursor>
  /// Keeps the current segment mapped.
  var current: MappedSegment
  var syncer: JournalSyncer!
  private var isClosed = false
  /// An exclusive flock on `FOLDER/LOCK`: one writer per journal, across processes. An object,
  /// so that an init that throws after taking it releases it.
  private var lock: WriterLock?
  /// What recovery found: the torn tail it cut, if any.
  package let cutTornTail: JournalTornTail?

  /// Opens the journal in `folder` for appending, creating the folder or the first segment if
  /// needed. Checks it as `JournalReader` does (pass the reader already used for replay to skip
  /// a second pass), cuts a torn tail, and continues after the last good record.
  package init(
    openingForAppend folder: String,
    options: Options = Options(),
    recovered: JournalReader? = nil
  ) throws(JournalError) {
    try Self.check(options, folder)
    try Self.makeFolder(folder)
    lock = try Self.lock(folder)
    let reader: JournalReader
    if let recovered {
      guard recovered.folder == folder else {
        throw JournalError(
          "journal.bad-options", "the recovered reader is for \(recovered.folder)", file: folder)
      }
      reader = recovered
    } else {
      reader = try JournalReader(folder: folder)
    }
    Self.removeSpares(in: folder)
    let metrics = JournalMetrics(sampleCapacity: options.latencySamples)
    shared = JournalShared(
      folder: folder, segmentSize: options.segmentSize, metrics: metrics, segment: 0)
    cutTornTail = reader.tornTail
    let next = reader.lastSequence + 1
    let (segment, offset) = try Self.openLast(of: reader, next: next, shared: shared)
    current = segment
    cursor = .allocate(capacity: 1)
    cursor.initialize(
      to: Cursor(
        base: segment.base!,
        capacity: segment.size,
        offset: offset,
        segment: segment.number,
        nextSequence: next
      )
    )
    let end = JournalShared.pack(segment: segment.number, offset: offset)
    shared.writtenEnd.store(end, ordering: .relaxed)
    shared.writtenSequence.store(next - 1, ordering: .relaxed)
    shared.durableSequence.store(next - 1, ordering: .relaxed)  // openLast synced what it kept
    shared.segments.withLock { $0[segment.number] = segment }
    shared.spare.withLock { $0.claimed = segment.number }
    syncer = JournalSyncer(
      shared: shared,
      start: end,
      intervalNanoseconds: options.syncIntervalMicroseconds.map { UInt64($0) * 1_000 }
    )
  }

  deinit {
    close()
    cursor.deallocate()
  }

  /// Appends one record and returns its sequence number (hot thread only). Throws only for a
  /// type of 0 or a payload larger than a segment holds, or when a roll cannot make a segment.
  @inline(__always)
  package func append(type: UInt8, flags: UInt16 = 0, payload: UnsafeRawBufferPointer)
    throws(JournalError) -> UInt64
  {
    let f = JournalFormat.self
    let size = f.recordSize(payload: payload.count)
    if cursor.pointee.offset + size > cursor.pointee.capacity || type == 0 {
      try roll(type: type, size: size)
    }
    let p = cursor.pointee.base + cursor.pointee.offset
    let sequence = cursor.pointee.nextSequence
    if let source = payload.baseAddress {
      (p + f.recordHeaderSize).copyMemory(from: source, byteCount: payload.count)
    }
    p.storeBytes(of: f.recordMagic, as: UInt8.self)
    p.storeBytes(of: type, toByteOffset: 1, as: UInt8.self)
    f.store(flags, p, 2)
    f.store(UInt32(payload.count), p, 4)
    f.store(sequence, p, 8)
    f.store(UInt32(0), p, 20)
    let table = cursor.pointee.crcTable
    let headerCRC = CRC32C.update(0, p, 16, table: table)
    f.store(CRC32C.update(headerCRC, p + f.recordHeaderSize, payload.count, table: table), p, 16)
    cursor.pointee.offset += size
    cursor.pointee.nextSequence = sequence + 1
    shared.writtenEnd.store(
      JournalShared.pack(segment: cursor.pointee.segment, offset: cursor.pointee.offset),
      ordering: .releasing
    )
    shared.writtenSequence.store(sequence, ordering: .releasing)
    return sequence
  }

  /// The sequence of the last record appended (0: none).
  package var lastSequence: UInt64 { shared.writtenSequence.load(ordering: .acquiring) }

  /// The sequence of the last record known to be on disk (any thread).
  package var durableSequence: UInt64 { shared.durableSequence.load(ordering: .acquiring) }

  /// The first sync failure, after which `durableSequence` stops advancing (any thread).
  package var syncFailure: JournalError? { shared.failure.withLock { $0 } }

  /// Group latency counters and histogram (any thread).
  package var metrics: JournalMetrics { shared.metrics }

  /// Asks the syncer to start a group now instead of at the end of its interval (any thread).
  package func requestSync() {
    shared.syncRequested.store(true, ordering: .relaxed)
    shared.wake.broadcast()
  }

  /// Makes everything appended so far durable before returning: one sync group on the calling
  /// thread without a syncer thread; with one, asks it and waits (at most 10 s), as two threads
  /// must never sync at once.
  package func syncNow() {
    if syncer.hasThread {
      _ = waitDurable(lastSequence, timeoutMicroseconds: 10_000_000)
    } else {
      syncer.syncNow()
    }
  }

  /// Waits until `sequence` is durable, at most `timeoutMicroseconds`; returns whether it is.
  /// Asks for a group at once, so the wait is one fsync, not an interval plus one.
  package func waitDurable(_ sequence: UInt64, timeoutMicroseconds: Int) -> Bool {
    if durableSequence >= sequence { return true }
    requestSync()
    let deadline = monotonicNanoseconds() + UInt64(max(timeoutMicroseconds, 0)) * 1_000
    return shared.durable.wait(until: deadline) {
      shared.durableSequence.load(ordering: .acquiring) >= sequence || syncFailure != nil
    } && durableSequence >= sequence
  }

  /// Syncs what was appended, stops the syncer and unmaps the segments. Appending after this is
  /// a programming error. Called by deinit if not before.
  package func close() {
    guard !isClosed else { return }
    isClosed = true
    defer { lock = nil }
    syncer.stop()
    shared.spare.withLock { state in
      if let spare = state.segment { unlink(shared.sparePath(spare.number)) }
      state.segment = nil
    }
    shared.segments.withLock { $0.removeAll() }
  }
}
