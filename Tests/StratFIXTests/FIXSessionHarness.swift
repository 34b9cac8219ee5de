import Foundation

@testable import StratFIX

/// A session with its outputs captured: what it writes (as `|` text), whether it disconnected,
/// the application messages it delivered. The counterparty's messages are built with `peer`.
final class FIXSessionHarness: FIXSessionDelegate {
  let session: FIXSession
  var written: [String] = []
  var delivered: [String] = []
  var events: [String] = []
  var disconnected = false
  var now: Int64
  var peerSeq = 1
  private let table = FIXFieldTable()

  init(
    initiator: Bool = false, version: FIXVersion = .fix44, store: FIXMessageStore? = nil, resetOnLogon: Bool = false,
    schedule: FIXSessionSchedule = .always, now: Int64 = 1_733_000_000_000_000_000
  ) throws {
    self.now = now
    let settings = FIXSessionSettings(
      version: version, senderCompID: "US", targetCompID: "THEM", isInitiator: initiator, heartbeatSeconds: 30,
      resetOnLogon: resetOnLogon, schedule: schedule)
    session = FIXSession(
      settings: settings, dictionary: try FIXDictionary.bundled(version), store: try store ?? FIXMessageStore(folder: nil))
    session.delegate = self
    session.connected(now: now)
  }

  /// The counterparty's next message: `body` from the fields after the header.
  func peer(_ type: String, _ body: String = "", seq: Int? = nil, possDup: Bool = false, orig: String? = nil, sendingTime: String? = nil) {
    let number = seq ?? peerSeq
    if seq == nil { peerSeq += 1 }
    let time = sendingTime ?? FIXTime.timestamp(now)
    var header = "35=\(type)|34=\(number)|"
    if possDup { header += "43=Y|" }
    header += "49=THEM|52=\(time)|56=US|"
    if let orig { header += "122=\(orig)|" }
    receive(framed(header + body, begin: session.dictionary.beginString))
  }

  func receive(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      switch table.parse(raw, dataFields: session.dictionary.dataFields) {
      case .success(let view): session.receive(view, now: now)
      case .failure(let reason): session.garbled(reason, now: now)
      }
    }
  }

  func logOn(heartbeat: Int = 30) { peer("A", "98=0|108=\(heartbeat)|") }

  /// Written messages as `35=…` onwards, without SendingTime/OrigSendingTime/CheckSum, for
  /// comparisons that do not depend on the clock.
  var sent: [String] {
    written.map { line in
      line.split(separator: "|").filter { !$0.hasPrefix("8=") && !$0.hasPrefix("9=") && !$0.hasPrefix("52=") && !$0.hasPrefix("122=") && !$0.hasPrefix("10=") && !$0.hasPrefix("49=") && !$0.hasPrefix("56=") }
        .joined(separator: "|")
    }
  }

  func takeSent() -> [String] {
    defer { written.removeAll() }
    return sent
  }

  func fixSession(_ session: FIXSession, write bytes: UnsafeRawBufferPointer) {
    written.append(String(decoding: bytes.map { $0 == 1 ? UInt8(ascii: "|") : $0 }, as: UTF8.self))
  }
  func fixSessionDisconnect(_ session: FIXSession) { disconnected = true }
  func fixSession(_ session: FIXSession, received message: FIXMessageView) { delivered.append(message.text) }
  func fixSessionLoggedOn(_ session: FIXSession) {}
  func fixSessionLoggedOut(_ session: FIXSession) {}
  func fixSession(_ session: FIXSession, event: String) { events.append(event) }
}
