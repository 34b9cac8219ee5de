import Synchronization

/// What the writer (hot thread) and the syncer thread share. The writer publishes how far it
/// wrote with two release stores, end first, sequence second; the syncer loads them in the other
/// order (sequence, then end, both acquire), so the end it syncs to always covers the sequence it
/// then declares durable. The locks here are taken by the syncer and by a segment roll, never by
/// a plain `append`.
final class JournalShared: Sendable {
  let folder: String
  let segmentSize: Int
  /// The sequence of the last record appended (0: none yet).
  let writtenSequence = Atomic<UInt64>(0)
  /// Where the writer's last record ends: segment number << 32 | byte offset.
  let writtenEnd = Atomic<UInt64>(0)
  /// The sequence of the last record known to be on disk.
  let durableSequence = Atomic<UInt64>(0)
  /// Segments written to and not yet wholly synced, by number. The syncer drops a segment once
  /// it has synced all of it, which unmaps it when the writer has moved on.
  let segments = Mutex<[UInt32: MappedSegment]>([:])
  /// A segment made ahead of time by the syncer for the writer's next roll, and the highest
  /// segment number the writer has claimed. Both under one lock, so the syncer never makes (with
  /// O_TRUNC) a spare whose number the writer may be renaming into use.
  let spare: Mutex<SpareState>
  /// The first sync failure; once set, the durable sequence stops advancing.
  let failure = Mutex<JournalError?>(nil)
  let syncRequested = Atomic<Bool>(false)
  let stopping = Atomic<Bool>(false)
  /// The syncer sleeps on `wake`; `waitDurable` callers sleep on `durable`.
  let wake = SyncSignal()
  let durable = SyncSignal()
  let metrics: JournalMetrics

  init(folder: String, segmentSize: Int, metrics: JournalMetrics, segment: UInt32) {
    spare = Mutex(SpareState(segment: nil, claimed: segment))
    self.folder = folder
    self.segmentSize = segmentSize
    self.metrics = metrics
  }

  @inline(__always)
  static func pack(segment: UInt32, offset: Int) -> UInt64 {
    UInt64(segment) << 32 | UInt64(UInt32(offset))
  }

  @inline(__always)
  static func unpack(_ end: UInt64) -> (segment: UInt32, offset: Int) {
    (UInt32(end >> 32), Int(UInt32(truncatingIfNeeded: end)))
  }

  func path(_ number: UInt32) -> String { folder + "/" + JournalFormat.fileName(number) }
  func sparePath(_ number: UInt32) -> String { path(number) + ".spare" }
}

/// The spare segment and the writer's highest claimed segment number (JournalShared.spare).
struct SpareState: @unchecked Sendable {
  var segment: MappedSegment?
  var claimed: UInt32
}
