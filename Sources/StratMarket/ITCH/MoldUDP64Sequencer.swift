/// The receiver's state machine for one MoldUDP64 feed, without sockets (the engine's
/// `MoldUDP64Feed` feeds it datagrams; the fuzzer feeds it anything).
///
///   datagram ─▶ accept ─▶ in order? ─yes─▶ deliver ─▶ drain the held messages that now follow
///                             │ past the next number
///                             ▼
///                      hold (bounded window) ──▶ nextRequest: ask for the first hole, again
///                                                after a timeout, then declare it lost (STALE)
///
/// Each sequence number comes out exactly once, in increasing order: as `.message`, or inside a
/// `.lost` range; none is skipped silently. Memory is fixed at init. Not thread-safe: one thread.
public final class MoldUDP64Sequencer {
  public let limits: MoldUDP64SequencerLimits
  public internal(set) var state = MoldUDP64FeedState.waiting
  public internal(set) var counters = MoldUDP64SequencerCounters()
  /// True once the session's end was seen and everything before it delivered or reported lost
  /// (`state` is then `.ended`, or still `.stale` if something was lost).
  public internal(set) var isSessionOver = false
  /// The current session, once a packet arrived.
  public internal(set) var session: MoldUDP64Session?
  /// The next number to deliver.
  public internal(set) var nextSequence: UInt64 = 1
  /// One past the highest number known to exist (from data, heartbeats, the end of session).
  public internal(set) var knownEnd: UInt64 = 1
  /// Where a restarted receiver resumes: when `session` starts, the first number not handled
  /// before the restart. Earlier numbers are dropped as duplicates; the hole up to the first
  /// packet seen is re-requested like any gap.
  public var resumePoint: (session: MoldUDP64Session, next: UInt64)?
  var previousSession: MoldUDP64Session?
  var sessionEnd: UInt64?
  var inGap = false
  var gapLostSomething = false
  var attempts = 0
  var lastRequestNanos: Int64?
  /// One past the last number the latest request asked for: progress inside it waits for the
  /// answer's other packets instead of asking again.
  var requestedEnd: UInt64 = 0
  let freshHoles = MoldUDP64HoleQueue()
  let window: MoldUDP64Window

  /// A receiver holding at most `limits.bufferedMessages` messages past a gap.
  public init(limits: MoldUDP64SequencerLimits = MoldUDP64SequencerLimits()) {
    self.limits = limits
    window = MoldUDP64Window(capacity: limits.bufferedMessages)
  }

  /// Messages now held past a gap (never above `limits.bufferedMessages`).
  public var heldMessages: Int { window.held }

  /// Takes one datagram and delivers what it makes deliverable.
  public func accept(_ datagram: UnsafeRawBufferPointer, _ deliver: (MoldUDP64Delivery) -> Void) {
    counters.packets += 1
    guard let packet = MoldUDP64PacketView(checking: datagram) else {
      counters.malformedPackets += 1
      return
    }
    guard admit(packet.session, first: packet.sequenceNumber, deliver) else { return }
    if packet.sequenceNumber > knownEnd && knownEnd > nextSequence {
      freshHoles.push(knownEnd, packet.sequenceNumber)  // behind another gap: ask at once
    }
    if packet.isEndOfSession { sessionEnd = sessionEnd ?? packet.sequenceNumber }
    if packet.messageCount > 0 && !packet.isEndOfSession {
      if packet.nextSequence <= nextSequence || isSessionOver {
        counters.duplicatePackets += 1
        return
      }
      knownEnd = max(knownEnd, packet.sequenceNumber)  // all before the first number exists
      packet.forEachMessage { sequence, bytes in take(sequence, bytes, deliver) }
    }
    knownEnd = max(knownEnd, packet.nextSequence)
    settle(deliver)
  }

  /// The re-request due at `nowNanos`, if any: the first hole (again after the timeout, and
  /// declared lost, delivering `.lost`, once `limits.requestAttempts` requests brought nothing),
  /// else a hole behind it not asked for yet. Call until nil to send them all.
  public func nextRequest(nowNanos: Int64, _ deliver: (MoldUDP64Delivery) -> Void)
    -> MoldUDP64Request?
  {
    guard inGap, let session else { return nil }
    if let last = lastRequestNanos, nowNanos &- last < limits.requestTimeoutNanos {
      return freshRequest(session)
    }
    if attempts >= limits.requestAttempts {
      declareLost(through: window.firstHeld(from: nextSequence, before: knownEnd), deliver)
      settle(deliver)
      guard inGap else { return nil }
    }
    attempts += 1
    lastRequestNanos = nowNanos
    counters.requests += 1
    // Scan no further than one request asks for: a hole can be as long as the window.
    let askable = nextSequence + min(knownEnd - nextSequence, UInt64(limits.requestMessages))
    let holeEnd = window.firstHeld(from: nextSequence, before: askable)
    let count = UInt16(clamping: holeEnd - nextSequence)
    requestedEnd = max(requestedEnd, nextSequence + UInt64(count))
    return MoldUDP64Request(session: session, sequenceNumber: nextSequence, messageCount: count)
  }

  /// A request for a hole behind the first one, not asked for yet (the first hole has its own
  /// timeout and attempts).
  private func freshRequest(_ session: MoldUDP64Session) -> MoldUDP64Request? {
    while let hole = freshHoles.pop() {
      let first = max(hole.start, nextSequence)
      guard first > nextSequence && first < hole.end else { continue }
      let count = UInt16(clamping: min(hole.end - first, UInt64(limits.requestMessages)))
      requestedEnd = max(requestedEnd, first + UInt64(count))
      counters.requests += 1
      return MoldUDP64Request(session: session, sequenceNumber: first, messageCount: count)
    }
    return nil
  }

  /// The caller rebuilt its state by other means (a snapshot): STALE becomes live again.
  public func acknowledgeFreshState() {
    if state == .stale { state = inGap ? .recovering : .live }
  }

  /// One message of an accepted packet.
  private func take(
    _ sequence: UInt64,
    _ bytes: UnsafeRawBufferPointer,
    _ deliver: (MoldUDP64Delivery) -> Void
  ) {
    if sequence >= nextSequence && sequence - nextSequence >= UInt64(window.capacity) {
      // Give the first hole up whole (one loss, not one per message that arrives past it).
      counters.bufferOverflows += 1
      let hole = window.firstHeld(from: nextSequence, before: knownEnd)
      giveUp(through: max(sequence - UInt64(window.capacity) + 1, hole), deliver)
    }
    guard sequence >= nextSequence else {
      counters.duplicateMessages += 1
      return
    }
    if sequence == nextSequence {
      emit(sequence, bytes, deliver)
      drain(deliver)
    } else if !window.hold(sequence, bytes) {
      counters.duplicateMessages += 1
    }
  }

  private func emit(
    _ sequence: UInt64,
    _ bytes: UnsafeRawBufferPointer,
    _ deliver: (MoldUDP64Delivery) -> Void
  ) {
    deliver(.message(sequence: sequence, bytes: bytes))
    counters.messages += 1
    advance(to: sequence + 1)
  }

  /// Delivers the held messages that now follow in order.
  func drain(_ deliver: (MoldUDP64Delivery) -> Void) {
    while window.isHeld(nextSequence) {
      let sequence = nextSequence
      window.withHeld(sequence) { emit(sequence, $0, deliver) }
      window.release(sequence)
    }
  }

  /// Moves the next number on; progress restarts the request attempts, and past what was asked
  /// for, a new request is due at once.
  private func advance(to sequence: UInt64) {
    nextSequence = sequence
    attempts = 0
    if sequence >= requestedEnd { lastRequestNanos = nil }
  }

  /// Reports `nextSequence ..< end` lost (the feed goes STALE) and delivers what follows.
  private func declareLost(through end: UInt64, _ deliver: (MoldUDP64Delivery) -> Void) {
    guard end > nextSequence else { return }
    deliver(.lost(first: nextSequence, count: end - nextSequence))
    counters.lostGaps += 1
    counters.lostMessages &+= end - nextSequence
    gapLostSomething = true
    state = .stale
    advance(to: end)
    drain(deliver)
  }

  /// Gives up every hole before `target`: held messages delivered, holes reported lost.
  func giveUp(through target: UInt64, _ deliver: (MoldUDP64Delivery) -> Void) {
    while nextSequence < target {
      if window.isHeld(nextSequence) {
        drain(deliver)
        continue
      }
      declareLost(through: window.firstHeld(from: nextSequence, before: target), deliver)
    }
  }
}
