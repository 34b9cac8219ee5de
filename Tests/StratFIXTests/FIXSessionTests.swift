import Foundation
import Testing

@testable import StratFIX

@Suite struct FIXSessionTests {
  let order = "11=A1|21=1|38=100|40=2|44=10|54=1|55=INTC|60=20240102-03:04:05|"

  @Test func acceptorAnswersLogonAndDeliversApplicationMessagesInSequence() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    #expect(h.takeSent() == ["35=A|34=1|98=0|108=30"])
    #expect(h.session.state == .loggedOn)
    h.peer("D", order)
    #expect(h.delivered.count == 1)
    #expect(h.session.store.nextTargetSeq == 3)
  }

  @Test func aGapIsResentAndMessagesAheadOfItWaitInTheQueue() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    _ = h.takeSent()
    h.peer("D", order.replacingOccurrences(of: "A1", with: "A3"), seq: 3)
    #expect(h.takeSent() == ["35=2|34=2|7=2|16=0"])
    #expect(h.delivered.isEmpty)
    h.peer("D", order.replacingOccurrences(of: "A2", with: "A2"), seq: 2, possDup: true, orig: FIXTime.timestamp(h.now))
    #expect(h.delivered.count == 2)
    #expect(h.delivered[0].contains("|11=A1|") && h.delivered[1].contains("|11=A3|"))
    #expect(h.session.store.nextTargetSeq == 4)
  }

  @Test func resendRequestGetsApplicationMessagesWithPossDupAndGapFillsForAdmin() throws {
    let h = try FIXSessionHarness()
    h.logOn()  // we sent Logon as 1
    try h.session.sendApplication("8", now: h.now) { $0.append(11, "X") }  // 2
    h.peer("1", "112=T|")  // our Heartbeat 3
    try h.session.sendApplication("8", now: h.now) { $0.append(11, "Y") }  // 4
    _ = h.takeSent()
    h.peer("2", "7=1|16=0|")
    #expect(
      h.takeSent() == [
        "35=4|34=1|43=Y|36=2|123=Y", "35=8|34=2|43=Y|11=X", "35=4|34=3|43=Y|36=4|123=Y", "35=8|34=4|43=Y|11=Y",
      ])
  }

  @Test func aTooLowSeqWithoutPossDupEndsTheSession() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    h.peer("0")
    _ = h.takeSent()
    h.peer("0", seq: 2)
    #expect(h.takeSent() == ["35=5|34=2|58=MsgSeqNum too low, expecting 3 but received 2"])
    #expect(h.disconnected)
  }

  @Test func aPossDupRepeatIsDroppedButOneWithoutOrigSendingTimeIsRejected() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    h.peer("D", order)
    _ = h.takeSent()
    h.peer("D", order, seq: 2, possDup: true, orig: FIXTime.timestamp(h.now))
    #expect(h.takeSent().isEmpty)
    #expect(h.delivered.count == 1)
    h.peer("D", order, seq: 2, possDup: true)
    #expect(h.takeSent() == ["35=3|34=2|45=2|58=Required tag missing|371=122|372=D|373=1"])
  }

  @Test func aRejectedMessageStillConsumesItsSeq() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    _ = h.takeSent()
    h.peer("D", order.replacingOccurrences(of: "54=1", with: "54=Q"))
    #expect(h.takeSent() == ["35=3|34=2|45=2|58=Value is incorrect (out of range) for this tag|371=54|372=D|373=5"])
    #expect(h.session.store.nextTargetSeq == 3)
    #expect(h.delivered.isEmpty)
  }

  @Test func garbledMessagesAreIgnoredWithoutConsumingASeq() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    _ = h.takeSent()
    var bytes = framed("35=0|34=2|49=THEM|52=\(FIXTime.timestamp(h.now))|56=US|")
    bytes[bytes.count - 3] ^= 1
    h.receive(bytes)
    #expect(h.takeSent().isEmpty && !h.disconnected)
    #expect(h.session.store.nextTargetSeq == 2)
  }

  @Test func countersCountMessagesGarbledFramesAndRejects() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    var bytes = framed("35=0|34=2|49=THEM|52=\(FIXTime.timestamp(h.now))|56=US|")
    bytes[bytes.count - 3] ^= 1
    h.receive(bytes)
    h.peer("D", order.replacingOccurrences(of: "54=1", with: "54=Q"))
    let c = h.session.counters
    #expect(c.received.value == 2 && c.garbled.value == 1 && c.rejectsSent.value == 1)
    #expect(c.sent.value == UInt64(h.takeSent().count) && c.sent.value == 2)  // the Logon and the Reject
  }

  @Test func theFirstMessageMustBeALogonWithGoodCompIDsAndTime() throws {
    let notLogon = try FIXSessionHarness()
    notLogon.peer("0")
    #expect(notLogon.disconnected && notLogon.written.isEmpty)
    let badTime = try FIXSessionHarness()
    badTime.peer("A", "98=0|108=30|", sendingTime: "20010101-00:00:00")
    #expect(badTime.disconnected && badTime.written.isEmpty)
  }

  @Test func badCompIDAfterLogonIsRejectedAndLoggedOut() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    _ = h.takeSent()
    h.receive(framed("35=D|34=2|49=WHO|52=\(FIXTime.timestamp(h.now))|56=US|" + order))
    #expect(h.takeSent() == ["35=3|34=2|45=2|58=CompID problem|372=D|373=9", "35=5|34=3"])
    #expect(h.session.state == .logoutSent)
  }

  @Test func clocksSendHeartbeatsThenATestRequestThenGiveUp() throws {
    let h = try FIXSessionHarness()
    h.logOn(heartbeat: 10)
    _ = h.takeSent()
    let second: Int64 = 1_000_000_000
    h.now += 10 * second
    h.session.tick(now: h.now)
    #expect(h.takeSent() == ["35=0|34=2"])
    h.now += 2 * second + 1
    h.session.tick(now: h.now)
    #expect(h.takeSent() == ["35=1|34=3|112=TEST"])
    h.now += 12 * second
    h.session.tick(now: h.now)
    #expect(h.disconnected)
  }

  @Test func sequenceResetMovesForwardOnlyAndResetModeIgnoresSeq() throws {
    let h = try FIXSessionHarness()
    h.logOn()
    _ = h.takeSent()
    h.peer("4", "36=10|123=Y|")
    #expect(h.session.store.nextTargetSeq == 10)
    h.peer("4", "36=5|", seq: 99)
    #expect(h.takeSent() == ["35=3|34=2|45=99|58=Value is incorrect (out of range) for this tag|372=4|373=5"])
    h.peer("4", "36=20|", seq: 1)
    #expect(h.session.store.nextTargetSeq == 20)
  }

  @Test func theStoreKeepsSeqsAndSentMessagesAcrossARestart() throws {
    let folder = NSTemporaryDirectory() + "fix-store-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
      let h = try FIXSessionHarness(store: try FIXMessageStore(folder: folder))
      h.logOn()
      try h.session.sendApplication("8", now: h.now) { $0.append(11, "KEPT") }
      h.session.store.close()
    }
    let store = try FIXMessageStore(folder: folder)
    #expect(store.nextSenderSeq == 3 && store.nextTargetSeq == 2)
    var resent: [String] = []
    store.messages(in: 2...2) { _, bytes in resent.append(String(decoding: bytes, as: UTF8.self)) }
    #expect(resent.count == 1 && resent[0].contains("11=KEPT"))
    let h = try FIXSessionHarness(store: store)
    h.peerSeq = 2
    h.logOn()
    #expect(h.takeSent() == ["35=A|34=3|98=0|108=30"])
  }

  @Test func anInitiatorSendsLogonAndAResetWhenAsked() throws {
    let h = try FIXSessionHarness(initiator: true, resetOnLogon: true)
    #expect(h.takeSent() == ["35=A|34=1|98=0|108=30|141=Y"])
    h.peer("A", "98=0|108=30|141=Y|")
    #expect(h.session.state == .loggedOn && h.takeSent().isEmpty)
  }
}
