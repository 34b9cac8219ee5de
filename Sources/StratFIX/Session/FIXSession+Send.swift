extension FIXSession {
  /// Sends an application message: the header (34, 49, 52, 56), then `body`, which appends its
  /// fields. The message is in the store before its bytes reach the socket. Returns its seq.
  /// With `storeIfDisconnected` a message made while the session is down takes its seq and
  /// waits in the store; the counterparty gets it by resend after the next Logon (a venue's
  /// reports are never lost that way). Otherwise sending while down is an error.
  @discardableResult
  public func sendApplication(
    _ msgType: String, now: Int64, storeIfDisconnected: Bool = false, possResend: Bool = false,
    body: (FIXEncoder) -> Void
  ) throws(FIXError) -> Int {
    if state == .loggedOn { return try send(msgType, now: now, possResend: possResend, body: body) }
    guard storeIfDisconnected else {
      throw FIXError(id: "fix.session.not-logged-on", message: "the session \(settings.senderCompID)→\(settings.targetCompID) is not logged on")
    }
    return try send(msgType, now: now, write: false, body: body)
  }

  /// Sends an administrative message; a store failure ends the session.
  func sendAdmin(_ msgType: String, now: Int64, route: FIXMessageView? = nil, body: (FIXEncoder) -> Void = { _ in }) {
    do { try send(msgType, now: now, route: route, body: body) } catch { storeFailed(error) }
  }

  @discardableResult
  private func send(
    _ msgType: String, now: Int64, write: Bool = true, possResend: Bool = false, route: FIXMessageView? = nil,
    body: (FIXEncoder) -> Void
  ) throws(FIXError) -> Int {
    let seq = store.nextSenderSeq
    writeHeader(msgType, seq: seq, now: now, possResend: possResend, route: route)
    body(encoder)
    let bytes = try encoder.finish()
    try store.sent(seq: seq, bytes)
    if write { self.write(bytes, now: now) }
    return seq
  }

  /// The standard header in tag order, as QuickFIX writes it.
  /// A repeat (`possDup`) carries OrigSendingTime: the original's, or now for a gap fill. An
  /// answer to `route` goes back the way it came: its OnBehalfOf* become DeliverTo* and the
  /// reverse (QuickFIX's reverse route; empty ones are left out).
  func writeHeader(
    _ msgType: String, seq: Int, now: Int64, possDup: Bool = false, originalSendingTime: UnsafeRawBufferPointer? = nil,
    possResend: Bool = false, route: FIXMessageView? = nil
  ) {
    encoder.start(beginString: dictionary.beginString, msgType: msgType)
    encoder.append(34, seq)
    if possDup { encoder.append(43, character: UInt8(ascii: "Y")) }
    encoder.append(49, settings.senderCompID)
    encoder.append(52, timestamp: now)
    encoder.append(56, settings.targetCompID)
    if possResend { encoder.append(97, character: UInt8(ascii: "Y")) }
    if let route {
      for (from, to) in Self.reverseRoute {
        if let value = route.value(from), !value.isEmpty { encoder.append(to, bytes: value) }
      }
    }
    if possDup {
      if let originalSendingTime { encoder.append(122, bytes: originalSendingTime) } else { encoder.append(122, timestamp: now) }
    }
  }

  /// Header routing fields and their reverse, in the order the reply writes them (by the
  /// reply's tag): DeliverToCompID, -SubID, -LocationID from OnBehalfOf*, and the other way.
  static let reverseRoute: [(Int, Int)] = [(128, 115), (129, 116), (145, 144), (115, 128), (116, 129), (144, 145)]
    .sorted { $0.1 < $1.1 }

  func write(_ bytes: UnsafeRawBufferPointer, now: Int64) {
    lastSent = now
    counters.sent.add()
    delegate?.fixSession(self, write: bytes)
  }

  func sendLogon(now: Int64, reset: Bool) {
    sendAdmin("A", now: now) { encoder in
      encoder.append(98, 0)
      encoder.append(108, self.heartbeatSeconds)
      if reset { encoder.append(141, character: UInt8(ascii: "Y")) }
    }
  }

  func sendHeartbeat(testRequestID: UnsafeRawBufferPointer?, now: Int64) {
    sendAdmin("0", now: now) { encoder in
      if let testRequestID { encoder.append(112, bytes: testRequestID) }
    }
  }

  func sendLogout(text: String?, now: Int64) {
    sendAdmin("5", now: now) { encoder in
      if let text { encoder.append(58, text) }
    }
    state = state == .disconnected ? .disconnected : .logoutSent
    logoutSentAt = now
  }

  /// A session-level Reject (3). RefMsgType and SessionRejectReason are written only when the
  /// version's dictionary defines them (a 4.2 counterparty gets no reason 13–17); the rejected
  /// message still consumes its seq.
  func reject(_ message: FIXMessageView, _ rejection: FIXRejection, now: Int64) {
    counters.rejectsSent.add()
    event("Reject sent for seq \(message.msgSeqNum ?? 0): \(rejection.text) \(rejection.refTag.map { "(tag \($0))" } ?? "")")
    let reasonDefined = dictionary.fields[373]?.values?.contains(String(rejection.reason.rawValue)) ?? false
    let type = message.value(35)
    sendAdmin("3", now: now, route: message) { encoder in
      encoder.append(45, message.msgSeqNum ?? 0)
      encoder.append(58, rejection.text)
      if let tag = rejection.refTag { encoder.append(371, tag) }
      if let type, !type.isEmpty, self.dictionary.fields[372] != nil { encoder.append(372, bytes: type) }
      if reasonDefined { encoder.append(373, rejection.reason.rawValue) }
    }
    if message.msgType != "4" { consume(message) }
  }

  /// A BusinessMessageReject (j): the session is fine, the application refuses the message.
  func businessReject(_ message: FIXMessageView, text: String, reason: Int, now: Int64) {
    sendAdmin("j", now: now) { encoder in
      encoder.append(45, message.msgSeqNum ?? 0)
      encoder.append(58, text)
      encoder.append(372, message.msgType)
      encoder.append(380, reason)
    }
  }
}
