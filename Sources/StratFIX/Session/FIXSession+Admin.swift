extension FIXSession {
  func receiveLogon(_ message: FIXMessageView, now: Int64) {
    guard state != .loggedOn else {
      // A second Logon on a live session: refuse the connection's attempt, keep nothing.
      event("Logon received while logged on")
      disconnect()
      return
    }
    guard state != .awaitingLogon || enterSessionPeriod(now: now) else {
      if state != .disconnected {  // else the store failed, and said so
        event("Logon outside the session's hours (\(settings.schedule)); disconnecting")
        disconnect()
      }
      return
    }
    let asked = message.value(141, is: "Y")
    let reset = asked || (!settings.isInitiator && settings.resetOnLogon)
    if reset && state == .awaitingLogon { resetStore() }
    guard sendingTimeIsGood(message, now: now), compIDsAreGood(message) else {
      event("Logon with a bad SendingTime or CompIDs")
      disconnect()
      return
    }
    guard let seq = message.msgSeqNum else { return disconnect() }
    if seq < expectedSeq && !reset {
      _ = verify(message, now: now)  // sends the "too low" Logout and disconnects
      return
    }
    if state == .awaitingLogon {
      heartbeatSeconds = message.int(108) ?? settings.heartbeatSeconds
      sendLogon(now: now, reset: asked)
    }
    state = .loggedOn
    event("logged on (\(settings.senderCompID) ↔ \(settings.targetCompID), heartbeat \(heartbeatSeconds) s)")
    delegate?.fixSessionLoggedOn(self)
    if seq > expectedSeq { requestResend(now: now) } else { consume(message) }
  }

  func receiveTestRequest(_ message: FIXMessageView, now: Int64) {
    guard verify(message, now: now) else { return }
    sendHeartbeat(testRequestID: message.value(112), now: now)
    consume(message)
  }

  func receiveLogout(_ message: FIXMessageView, now: Int64) {
    guard verify(message, now: now, checkTooHigh: false, checkTooLow: false) else { return }
    consume(message)
    if state != .logoutSent { sendLogout(text: nil, now: now) }
    event("logged out by the counterparty")
    disconnect()
  }

  /// SequenceReset: GapFill (123=Y) obeys the seq rules; Reset mode moves the seq regardless.
  /// NewSeqNo below the expected seq is refused (the counterparty would rewind us).
  func receiveSequenceReset(_ message: FIXMessageView, now: Int64) {
    let gapFill = message.value(123, is: "Y")
    guard verify(message, now: now, checkTooHigh: gapFill, checkTooLow: gapFill) else { return }
    guard let newSeq = message.int(36) else {
      return reject(message, FIXRejection(.requiredTagMissing, tag: 36), now: now)
    }
    if newSeq > expectedSeq {
      setNextTarget(newSeq)
      if let end = resendRequestedUpTo, newSeq > end { resendRequestedUpTo = nil }
    } else if newSeq < expectedSeq {
      reject(message, FIXRejection(.valueIncorrect), now: now)  // QuickFIX names no RefTagID here
    }
  }

  func receiveResendRequest(_ message: FIXMessageView, now: Int64) {
    guard verify(message, now: now, checkTooHigh: false, checkTooLow: false) else { return }
    guard let begin = message.int(7), let end = message.int(16) else { return }
    resend(from: begin, to: end, now: now)
    // The request itself still counts in sequence: too high opens our own gap.
    if let seq = message.msgSeqNum, seq > expectedSeq { requestResend(now: now) } else { consume(message) }
  }

  // MARK: timers

  /// Heartbeats when we have been quiet, a TestRequest when they have, the timeouts, and the
  /// Logout at the end of the schedule's period.
  public func tick(now: Int64) {
    let interval = Int64(heartbeatSeconds) * 1_000_000_000
    switch state {
    case .logonSent:
      if let at = logonSentAt, now - at > settings.logoutTimeoutNanos * 5 { event("no Logon answer"); disconnect() }
    case .logoutSent:
      if let at = logoutSentAt, now - at > settings.logoutTimeoutNanos { event("no Logout answer"); disconnect() }
    case .loggedOn:
      if periodEnded(now: now) {
        event("the session's hours are over (\(settings.schedule)): logging out")
        return sendLogout(text: "End of the session", now: now)
      }
      guard interval > 0 else { return }
      // QuickFIX's clocks: a TestRequest after 1.2 intervals of silence (again after each
      // further 1.2), the end after 2.4; a Heartbeat when we have been quiet an interval.
      let quiet = now - lastReceived
      if quiet >= interval * 24 / 10 {
        event("nothing received for \(quiet / 1_000_000) ms; disconnecting")
        disconnect()
      } else if quiet >= interval * 12 / 10 * Int64(testRequests + 1) {
        testRequests += 1
        sendAdmin("1", now: now) { $0.append(112, "TEST") }
      } else if now - lastSent >= interval && testRequests == 0 {
        // No Heartbeat while our TestRequest waits for its answer (QuickFIX's rule).
        sendHeartbeat(testRequestID: nil, now: now)
      }
    case .disconnected, .awaitingLogon:
      return
    }
  }

  /// Ends the session politely: Logout, then wait for theirs (or the timeout in `tick`).
  public func logout(text: String? = nil, now: Int64) {
    guard state == .loggedOn else { return }
    sendLogout(text: text, now: now)
  }
}
