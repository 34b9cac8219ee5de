/// The FIX fuzz harness's work (Fuzz/FIXFuzz), also replayed over the committed corpus by
/// FIXFuzzCorpusTests: the bytes arrive as a TCP stream (in chunks the first byte sizes) at an
/// acceptor session logged on as TW/ISLD, through the framer, the parser, the validator and the
/// session layer, answered into a capture. Nothing may trap, hang or grow without bound; the
/// result names what happened, for the replay test to check it is deterministic.
package enum FIXFuzzTarget {
  package static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    guard let dictionary = try? FIXDictionary.bundled(input.first.map { $0 & 1 == 0 } ?? true ? .fix44 : .fix42),
      let store = try? FIXMessageStore(folder: nil, memoryLimit: 1 << 20)
    else { return ["no-dictionary"] }
    let capture = Capture()
    let session = FIXSession(
      settings: FIXSessionSettings(version: dictionary.beginString == "FIX.4.2" ? .fix42 : .fix44, senderCompID: "ISLD", targetCompID: "TW", isInitiator: false, resetOnLogon: true),
      dictionary: dictionary, store: store)
    session.delegate = capture
    session.connected(now: now)
    logOn(session, dictionary)
    let chunk = max(1, Int(input.first ?? 64))
    feed(input, in: chunk, to: session, capture: capture)
    session.tick(now: now + 100_000_000_000)
    return capture.outcomes
  }

  static let now: Int64 = 1_733_000_000_000_000_000

  private static func logOn(_ session: FIXSession, _ dictionary: FIXDictionary) {
    let encoder = FIXEncoder(capacity: 512)
    encoder.start(beginString: dictionary.beginString, msgType: "A")
    encoder.append(34, 1)
    encoder.append(49, "TW")
    encoder.append(52, timestamp: now)
    encoder.append(56, "ISLD")
    encoder.append(98, 0)
    encoder.append(108, 30)
    guard let bytes = try? encoder.finish() else { return }
    let table = FIXFieldTable()
    if case .success(let logon) = table.parse(bytes) { session.receive(logon, now: now) }
  }

  /// The stream as a connection reads it: a buffer of at most the framer's limit, compacted.
  private static func feed(_ input: UnsafeRawBufferPointer, in chunk: Int, to session: FIXSession, capture: Capture) {
    let framer = FIXFramer(maxBodyLength: 4096, maxMessageLength: 4200)
    let table = FIXFieldTable(capacity: 256)
    var buffer: [UInt8] = []
    var offset = input.count > 0 ? 1 : 0
    while offset < input.count || !buffer.isEmpty {
      let end = min(input.count, offset + chunk)
      buffer += input[offset..<end]
      offset = end
      var consumed = 0
      buffer.withUnsafeBytes { raw in
        while true {
          let pending = UnsafeRawBufferPointer(rebasing: raw[consumed...])
          switch framer.next(in: pending) {
          case .incomplete: return
          case .skip(let count, let reason):
            capture.outcomes.append("skip \(count) \(reason)")
            consumed += count
          case .message(let count):
            switch table.parse(UnsafeRawBufferPointer(rebasing: pending[0..<count]), dataFields: session.dictionary.dataFields) {
            case .success(let message): session.receive(message, now: now)
            case .failure(let reason): session.garbled(reason, now: now)
            }
            consumed += count
          }
        }
      }
      buffer.removeFirst(consumed)
      precondition(buffer.count <= framer.maxMessageLength + chunk, "the stream buffer grew past its bound")
      if offset >= input.count && consumed == 0 { break }
    }
  }

  private final class Capture: FIXSessionDelegate {
    var outcomes: [String] = []
    func fixSession(_ session: FIXSession, write bytes: UnsafeRawBufferPointer) {
      let table = FIXFieldTable()
      // What we send must itself be a valid message.
      guard case .success(let message) = table.parse(bytes, dataFields: session.dictionary.dataFields) else {
        preconditionFailure("the session wrote a message its own parser refuses")
      }
      outcomes.append("sent \(message.msgType) \(message.msgSeqNum ?? -1)")
    }
    func fixSessionDisconnect(_ session: FIXSession) { outcomes.append("disconnect") }
    func fixSession(_ session: FIXSession, received message: FIXMessageView) { outcomes.append("app \(message.msgType)") }
    func fixSessionLoggedOn(_ session: FIXSession) {}
    func fixSessionLoggedOut(_ session: FIXSession) {}
    func fixSession(_ session: FIXSession, event: String) {}
  }
}
