extension MoldUDP64Sequencer {
  /// Opens or closes the gap state after a packet, and ends the session once everything before
  /// its end is out.
  func settle(_ deliver: (MoldUDP64Delivery) -> Void) {
    if nextSequence < knownEnd {
      guard !inGap else { return }
      inGap = true
      gapLostSomething = false
      counters.gaps += 1
      if state == .live { state = .recovering }
      return
    }
    if inGap {
      inGap = false
      if !gapLostSomething { counters.recoveredGaps += 1 }
      if state == .recovering { state = .live }
    }
    if let end = sessionEnd, nextSequence >= end, !isSessionOver, let session {
      isSessionOver = true
      if state != .stale { state = .ended }
      deliver(.sessionEnded(session, next: end))
    }
  }

  /// True when a packet of `incoming` should be taken: the current session, or a new one (which
  /// ends the current one, reporting what it still misses as lost). Earlier sessions are dropped.
  func admit(_ incoming: MoldUDP64Session, first: UInt64, _ deliver: (MoldUDP64Delivery) -> Void)
    -> Bool
  {
    if incoming == session { return true }
    if incoming == previousSession {
      counters.foreignPackets += 1
      return false
    }
    if session != nil {
      giveUp(through: knownEnd, deliver)
      previousSession = session
    }
    startSession(incoming, first: first, deliver)
    return true
  }

  private func startSession(
    _ incoming: MoldUDP64Session,
    first: UInt64,
    _ deliver: (MoldUDP64Delivery) -> Void
  ) {
    session = incoming
    counters.sessions += 1
    var start = limits.fromSessionStart ? min(1, first) : first
    if let resume = resumePoint, resume.session == incoming { start = resume.next }
    nextSequence = start
    knownEnd = start
    sessionEnd = nil
    isSessionOver = false
    inGap = false
    attempts = 0
    lastRequestNanos = nil
    requestedEnd = 0
    freshHoles.removeAll()
    window.releaseAll()
    state = .live
    deliver(.sessionStarted(incoming))
  }
}
