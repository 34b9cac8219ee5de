import StratJournal

/// A session's sequence numbers and the messages it sent, durable in a StratJournal folder
/// (checksummed records, fsynced by the journal's group commit; a torn tail after a crash is
/// cut). Four record types:
///
///   1 sent    seq (8 B LE) + the message's bytes, appended before the bytes go to the socket
///   2 target  the next expected incoming seq (8 B LE), after each message that consumes one
///   3 reset   next sender and target seqs (8 + 8 B): a new FIX session (ResetSeqNumFlag, day)
///   4 period  the UTC ns start of the schedule's period the store belongs to (8 B LE); a daily
///             reset writes 3 then 4, so a crash between them only resets again on restart
///
/// A store written before schedules has no record 4 (`sessionStart` nil); it reads as before.
///
/// Reopening replays the records: the next seqs and the sent messages come back as they were,
/// so a resend after `kill -9` answers with the same bytes. Sent messages are also kept in
/// memory (one arena, offsets per seq) for resends; past `memoryLimit` bytes the oldest are
/// forgotten and a resend of them becomes a gap fill. One thread uses a store.
public final class FIXMessageStore {
  public private(set) var nextSenderSeq = 1
  public private(set) var nextTargetSeq = 1
  /// The start of the session period (FIXSessionSchedule) these seqs belong to; nil until a
  /// scheduled session records one.
  public private(set) var sessionStart: Int64?
  private let journal: JournalWriter?
  private var arena: [UInt8] = []
  /// (seq, start, count) of each kept message, ascending by seq.
  private var index: [(seq: Int, start: Int, count: Int)] = []
  private let memoryLimit: Int

  /// A store in `folder`, created if missing, or in memory only when `folder` is nil.
  public init(folder: String?, memoryLimit: Int = 256 << 20, syncIntervalMicroseconds: Int = 1_000) throws(FIXError) {
    self.memoryLimit = memoryLimit
    guard let folder else {
      journal = nil
      return
    }
    do {
      let reader = try JournalReader(folder: folder)
      journal = try JournalWriter(
        openingForAppend: folder,
        options: .init(segmentSize: 16 << 20, syncIntervalMicroseconds: syncIntervalMicroseconds),
        recovered: reader)
      reader.forEach { replay($0) }
    } catch {
      throw FIXError(id: "fix.store.unreadable", message: "the FIX message store \(folder): \(error)")
    }
  }

  private func replay(_ record: JournalRecord) {
    let payload = record.payload
    switch record.type {
    case 1 where payload.count > 8:
      let seq = Int(payload.loadUnaligned(as: UInt64.self))
      keep(seq: seq, UnsafeRawBufferPointer(rebasing: payload[8...]))
      nextSenderSeq = max(nextSenderSeq, seq + 1)
    case 2 where payload.count == 8:
      nextTargetSeq = Int(payload.loadUnaligned(as: UInt64.self))
    case 3 where payload.count == 16:
      nextSenderSeq = Int(payload.loadUnaligned(as: UInt64.self))
      nextTargetSeq = Int(payload.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      arena.removeAll(keepingCapacity: true)
      index.removeAll(keepingCapacity: true)
    case 4 where payload.count == 8:
      sessionStart = Int64(bitPattern: payload.loadUnaligned(as: UInt64.self))
    default:
      break
    }
  }

  /// Records `message` as sent under `seq` (the next sender seq), before it is written out.
  public func sent(seq: Int, _ message: UnsafeRawBufferPointer) throws(FIXError) {
    try append(type: 1, [UInt64(seq)], message)
    keep(seq: seq, message)
    nextSenderSeq = seq + 1
  }

  /// Moves the next expected incoming seq.
  public func setNextTarget(_ seq: Int) throws(FIXError) {
    try append(type: 2, [UInt64(seq)], nil)
    nextTargetSeq = seq
  }

  /// Starts a new FIX session: both seqs from `sender`/`target`, sent messages forgotten.
  public func reset(sender: Int = 1, target: Int = 1) throws(FIXError) {
    try append(type: 3, [UInt64(sender), UInt64(target)], nil)
    nextSenderSeq = sender
    nextTargetSeq = target
    arena.removeAll(keepingCapacity: true)
    index.removeAll(keepingCapacity: true)
  }

  /// Records that the seqs belong to the period starting at `start` (UTC ns).
  public func setSessionStart(_ start: Int64) throws(FIXError) {
    try append(type: 4, [UInt64(bitPattern: start)], nil)
    sessionStart = start
  }

  /// Calls `body` with each kept message whose seq is in `range`, in order.
  public func messages(in range: ClosedRange<Int>, _ body: (Int, UnsafeRawBufferPointer) -> Void) {
    arena.withUnsafeBytes { raw in
      for entry in index where range.contains(entry.seq) {
        body(entry.seq, UnsafeRawBufferPointer(rebasing: raw[entry.start..<entry.start + entry.count]))
      }
    }
  }

  /// The journal sequence of the last record, and whether it is on disk (for a caller that must
  /// not send before the store is durable).
  public func waitDurable(timeoutMicroseconds: Int) -> Bool {
    guard let journal else { return true }
    return journal.waitDurable(journal.lastSequence, timeoutMicroseconds: timeoutMicroseconds)
  }

  public func close() { journal?.close() }

  private func keep(seq: Int, _ message: UnsafeRawBufferPointer) {
    if let last = index.last, last.seq >= seq {
      index.removeAll { $0.seq >= seq }  // a seq sent again after a SequenceReset: the new bytes win
    }
    if arena.count + message.count > memoryLimit, !index.isEmpty { compact(dropping: message.count) }
    index.append((seq, arena.count, message.count))
    arena.append(contentsOf: message)
  }

  /// Forgets the oldest messages until `count` more bytes fit.
  private func compact(dropping count: Int) {
    var drop = 0
    var freed = 0
    while drop < index.count, arena.count - freed + count > memoryLimit {
      freed += index[drop].count
      drop += 1
    }
    let cut = drop < index.count ? index[drop].start : arena.count
    arena.removeFirst(cut)
    index = index[drop...].map { ($0.seq, $0.start - cut, $0.count) }
  }

  private func append(type: UInt8, _ head: [UInt64], _ tail: UnsafeRawBufferPointer?) throws(FIXError) {
    guard let journal else { return }
    // One record: the head then the message. A scratch copy keeps the journal API simple; a
    // message is at most the framer's cap.
    scratch.removeAll(keepingCapacity: true)
    for word in head { withUnsafeBytes(of: word.littleEndian) { scratch.append(contentsOf: $0) } }
    if let tail { scratch.append(contentsOf: tail) }
    let failure = scratch.withUnsafeBytes { bytes -> JournalError? in
      do {
        _ = try journal.append(type: type, payload: bytes)
        return nil
      } catch let error as JournalError {
        return error
      } catch {
        return nil
      }
    }
    if let failure {
      throw FIXError(id: "fix.store.write", message: "cannot write the FIX message store: \(failure.message)")
    }
  }

  private var scratch: [UInt8] = []
}
