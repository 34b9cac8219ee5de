import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Group commit, off the hot thread.
///
///     hot thread                         syncer thread ("journal-sync")
///     append: memcpy into the mapping    every interval, or when asked:
///       writtenEnd.store(release)  ───▶    seq = writtenSequence.load(acquire)
///       writtenSequence.store(release)     end = writtenEnd.load(acquire)
///                                          msync(MS_SYNC) the pages since the last group
///                                          (whole older segments first, then the folder)
///     waitDurable(seq) ◀── broadcast ───   durableSequence.store(seq, release)
///                                          make the next spare segment if there is none
///
/// Without a thread (`interval == nil`) the same group runs when `syncNow()` is called.
final class JournalSyncer: @unchecked Sendable {
  private let shared: JournalShared
  private let interval: UInt64?
  /// Where the last group ended (only the syncing thread touches these).
  private var syncedSegment: UInt32
  private var syncedOffset: Int
  private let folderDescriptor: Int32
  private let stopped = SyncSignal()
  private let isStopped = Atomic<Bool>(false)

  init(shared: JournalShared, start: UInt64, intervalNanoseconds: UInt64?) {
    self.shared = shared
    interval = intervalNanoseconds
    (syncedSegment, syncedOffset) = JournalShared.unpack(start)
    folderDescriptor = open(shared.folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard interval != nil else { return }
    let thread = Thread { [self] in run() }
    thread.name = "journal-sync"
    thread.start()
  }

  deinit { if folderDescriptor >= 0 { close(folderDescriptor) } }

  private func run() {
    while !shared.stopping.load(ordering: .acquiring) {
      let deadline = monotonicNanoseconds() + interval!
      _ = shared.wake.wait(until: deadline) {
        shared.syncRequested.load(ordering: .relaxed) || shared.stopping.load(ordering: .relaxed)
      }
      shared.syncRequested.store(false, ordering: .relaxed)
      syncNow()
      makeSpare()
    }
    syncNow()
    isStopped.store(true, ordering: .releasing)
    stopped.broadcast()
  }

  /// Stops the thread after a last group; returns when it has finished.
  func stop() {
    shared.stopping.store(true, ordering: .releasing)
    guard interval != nil else { return syncNow() }
    shared.wake.broadcast()
    _ = stopped.wait(until: UInt64.max / 2) { isStopped.load(ordering: .acquiring) }
  }

  /// Whether a thread runs the groups (then only it may call `syncNow`).
  var hasThread: Bool { interval != nil }

  /// Syncs everything written since the last group and publishes the durable sequence.
  func syncNow() {
    let sequence = shared.writtenSequence.load(ordering: .acquiring)
    let end = JournalShared.unpack(shared.writtenEnd.load(ordering: .acquiring))
    guard sequence > shared.durableSequence.load(ordering: .relaxed),
      shared.failure.withLock({ $0 == nil })
    else { return }
    let started = monotonicNanoseconds()
    let before = shared.durableSequence.load(ordering: .relaxed)
    do throws(JournalError) {
      let bytes = try syncRange(to: end)
      shared.metrics.recordGroup(
        nanoseconds: monotonicNanoseconds() - started,
        records: sequence - before,
        bytes: UInt64(bytes)
      )
      shared.durableSequence.store(sequence, ordering: .releasing)
    } catch {
      shared.metrics.recordError()
      shared.failure.withLock { $0 = $0 ?? error }
    }
    shared.durable.broadcast()
  }

  /// msyncs from where the last group ended to `end`; returns the bytes covered.
  private func syncRange(to end: (segment: UInt32, offset: Int)) throws(JournalError) -> Int {
    var bytes = 0
    while syncedSegment < end.segment {
      // The writer has left this segment: sync the rest of it, make the new name durable.
      let old = try mapped(syncedSegment)
      try old.sync(from: syncedOffset, to: old.size)
      bytes += old.size - syncedOffset
      shared.segments.withLock { _ = $0.removeValue(forKey: syncedSegment) }
      syncedSegment += 1
      syncedOffset = 0
      if folderDescriptor >= 0, fsync(folderDescriptor) != 0 {
        throw .system("fsync", file: shared.folder, errno: errno)
      }
    }
    let current = try mapped(end.segment)
    try current.sync(from: syncedOffset, to: end.offset)
    bytes += end.offset - syncedOffset
    syncedOffset = end.offset
    return bytes
  }

  /// Returns segment `number` from the shared table. A written segment leaves it only once
  /// synced, so a miss is a bug: an error (the durable sequence stops), never a skipped sync.
  private func mapped(_ number: UInt32) throws(JournalError) -> MappedSegment {
    guard let segment = shared.segments.withLock({ $0[number] }) else {
      throw JournalError(
        "journal.io", "segment \(number) was written but is no longer mapped; nothing was synced",
        file: shared.path(number))
    }
    return segment
  }

  /// Makes the segment after the writer's current one ahead of time (file, blocks, mapping), so
  /// that a roll on the hot thread costs a header and a rename. The number comes from the
  /// writer's claim, read under the lock; a spare the writer has moved past is deleted.
  private func makeSpare() {
    let (next, stale) = shared.spare.withLock { state -> (UInt32?, MappedSegment?) in
      let next = state.claimed + 1
      if state.segment?.number == next { return (nil, nil) }
      defer { state.segment = nil }
      return (next, state.segment)
    }
    if let stale { unlink(shared.sparePath(stale.number)) }
    guard let next else { return }
    let path = shared.sparePath(next)
    guard
      let made = try? MappedSegment.openForWriting(
        path: path, number: next, size: shared.segmentSize, zeroFrom: nil, create: true)
    else { return }  // the roll will make its own
    let kept = shared.spare.withLock { state in
      guard state.claimed < next else { return false }
      state.segment = made
      return true
    }
    if !kept { unlink(path) }
  }
}
