extension FIXSession {
  /// The checks every message after Logon passes before it counts (QuickFIX's `verify`):
  /// SendingTime within the skew, the CompIDs of this session, then its seq against the next
  /// expected one. Returns false when the message must not be processed; the reaction (Reject,
  /// Logout, ResendRequest) has been sent.
  func verify(_ message: FIXMessageView, now: Int64, checkTooHigh: Bool = true, checkTooLow: Bool = true) -> Bool {
    guard let seq = message.msgSeqNum else {
      reject(message, FIXRejection(.requiredTagMissing, tag: 34), now: now)
      return false
    }
    guard sendingTimeIsGood(message, now: now) else {
      reject(message, FIXRejection(.sendingTimeAccuracy), now: now)
      sendLogout(text: nil, now: now)
      return false
    }
    guard compIDsAreGood(message) else {
      reject(message, FIXRejection(.compIDProblem), now: now)
      sendLogout(text: nil, now: now)
      return false
    }
    if checkTooHigh, seq > expectedSeq {
      queue(message)
      requestResend(now: now)
      return false
    }
    if checkTooLow, seq < expectedSeq {
      return seqTooLow(message, seq: seq, now: now)
    }
    return true
  }

  /// A seq already seen: a PossDup repeat is dropped (after its OrigSendingTime is checked);
  /// anything else means the counterparty lost its state, and the session ends.
  private func seqTooLow(_ message: FIXMessageView, seq: Int, now: Int64) -> Bool {
    if message.isPossDup {
      guard let original = message.value(122).flatMap(FIXTime.parseTimestamp) else {
        reject(message, FIXRejection(.requiredTagMissing, tag: 122), now: now)
        return false
      }
      if let sent = message.value(52).flatMap(FIXTime.parseTimestamp), original > sent {
        reject(message, FIXRejection(.sendingTimeAccuracy), now: now)
        sendLogout(text: nil, now: now)
      }
      return false
    }
    let text = "MsgSeqNum too low, expecting \(expectedSeq) but received \(seq)"
    event(text)
    sendLogout(text: text, now: now)
    disconnect()
    return false
  }

  func sendingTimeIsGood(_ message: FIXMessageView, now: Int64) -> Bool {
    guard let sent = message.value(52).flatMap(FIXTime.parseTimestamp) else { return false }
    return abs(sent - now) <= settings.maxClockSkewNanos
  }

  func compIDsAreGood(_ message: FIXMessageView) -> Bool {
    message.string(49) == settings.targetCompID && message.string(56) == settings.senderCompID
  }

  /// Asks for everything from the next expected seq (EndSeqNo 0: to the end), once per gap.
  func requestResend(now: Int64) {
    guard resendRequestedUpTo == nil else { return }
    resendRequestedUpTo = Int.max
    event("gap: expected \(expectedSeq); ResendRequest sent")
    sendAdmin("2", now: now) { encoder in
      encoder.append(7, self.expectedSeq)
      encoder.append(16, 0)
    }
  }

  /// Store updates: a store that cannot write ends the session rather than lose a seq.
  func setNextTarget(_ seq: Int) {
    do { try store.setNextTarget(seq) } catch { storeFailed(error) }
  }

  func resetStore() {
    do { try store.reset() } catch { storeFailed(error) }
  }

  func storeFailed(_ error: FIXError) {
    event("message store: \(error.message); disconnecting")
    disconnect()
  }
}
