extension FIXSession {
  /// Answers a ResendRequest: application messages again from the store with PossDupFlag and
  /// OrigSendingTime; administrative ones (and any the store no longer has) as one
  /// SequenceReset-GapFill per run. EndSeqNo 0 (or past our last) means "to the last sent".
  func resend(from begin: Int, to end: Int, now: Int64) {
    let last = store.nextSenderSeq - 1
    let stop = end == 0 || end > last ? last : end
    guard begin >= 1, begin <= stop else {
      if begin > last + 1 || begin < 1 { event("ResendRequest for \(begin)–\(end) beyond our last seq \(last)") }
      return
    }
    event("resending \(begin)–\(stop)")
    var gapStart: Int? = nil
    var next = begin
    store.messages(in: begin...stop) { seq, bytes in
      if seq > next, gapStart == nil { gapStart = next }
      next = seq + 1
      guard case .success(let stored) = resendTable.parse(bytes, dataFields: dictionary.dataFields),
        !isAdminToSkip(stored.msgType)
      else {
        if gapStart == nil { gapStart = seq }
        return
      }
      if let start = gapStart {
        gapFill(from: start, to: seq, now: now)
        gapStart = nil
      }
      replay(stored, seq: seq, now: now)
    }
    if next <= stop, gapStart == nil { gapStart = next }
    if let start = gapStart { gapFill(from: start, to: stop + 1, now: now) }
  }

  /// Administrative messages, Reject included, are never resent (QuickFIX's choice; the spec
  /// allows either for Reject): a gap fill covers them.
  private func isAdminToSkip(_ type: String) -> Bool {
    dictionary.messages[type]?.isAdmin ?? false
  }

  private func gapFill(from start: Int, to newSeq: Int, now: Int64) {
    writeHeader("4", seq: start, now: now, possDup: true)
    encoder.append(36, newSeq)
    encoder.append(123, character: UInt8(ascii: "Y"))
    guard let bytes = try? encoder.finish() else { return }
    write(bytes, now: now)
  }

  /// The stored message with a new header: same seq, PossDupFlag, OrigSendingTime = its
  /// SendingTime, SendingTime now; the body bytes as they were.
  private func replay(_ stored: FIXMessageView, seq: Int, now: Int64) {
    let fields = stored.fields
    guard let bodyIndex = fields.indices.dropFirst(3).first(where: { !dictionary.isHeader(fields[$0].tag) }) else { return }
    let bodyStart = fields[bodyIndex].valueStart - String(fields[bodyIndex].tag).utf8.count - 1
    let checksumStart = fields[fields.count - 1].valueStart - 3
    writeHeader(stored.msgType, seq: seq, now: now, possDup: true, originalSendingTime: stored.value(52))
    encoder.appendRaw(UnsafeRawBufferPointer(rebasing: stored.bytes[bodyStart..<checksumStart]))
    guard let bytes = try? encoder.finish() else { return }
    write(bytes, now: now)
  }
}
