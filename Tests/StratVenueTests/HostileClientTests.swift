import Foundation
import StratFIX
import Testing

@testable import StratVenue

/// Issue 12, point 6: a hostile client on its own session sends malformed, oversized and
/// out-of-sequence messages; each gets the reaction Docs/FIX.md specifies, and the venue keeps
/// serving the good clients, who trade with each other the whole time.
@Suite(.serialized) struct HostileClientTests {
  /// Runs `scenario` on a fresh venue with its traders, then checks that they are still served.
  private func hostile(_ scenario: (HostileVenue, HostileClient) throws -> Void) throws {
    let venue = try HostileVenue()
    defer { venue.stop() }
    try scenario(venue, try HostileClient(port: venue.port))
    try venue.expectStillServing()
  }

  /// Logs `client` on and checks the venue's Logon came back.
  private func logOn(_ client: HostileClient) throws {
    let answer = try client.logOn()
    try #require(field(answer, 35) == "A", "no Logon answer: \(answer)")
  }

  /// A TestRequest answered by its Heartbeat: the session reads on, at the seq we expect.
  private func expectHeartbeat(_ client: HostileClient, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    client.socket.send(try client.testRequest(id))
    let answer = client.socket.next()
    #expect(field(answer, 35) == "0" && field(answer, 112) == id, "\(answer)", sourceLocation: sourceLocation)
  }

  // MARK: - garbled input: ignored after Logon, the end of the connection before it

  @Test func randomGarbageAfterLogonIsIgnoredAndTheSessionGoesOn() throws {
    try hostile { venue, client in
      try logOn(client)
      // SOHs end any frame the garbage's tail began, which would otherwise swallow the
      // TestRequest as its body (garbled too, as FIX says, but not the point here).
      let delivered = client.socket.send(seededGarbage(300_000) + [UInt8](repeating: 1, count: 64))
      #expect(delivered, "the venue closed the connection during the garbage")
      #expect(client.socket.next(within: 0.5) == .silence)
      try expectHeartbeat(client, "AFTER-GARBAGE")
      #expect(venue.logged("garbled message ignored"))
    }
  }

  @Test func randomGarbageInsteadOfALogonClosesTheConnectionUnanswered() throws {
    try hostile { _, client in
      client.socket.send(seededGarbage(300_000))
      #expect(client.socket.next() == .closed)
    }
  }

  @Test func aBodyLengthOverTheCapIsGarbledAndIgnored() throws {
    try hostile { venue, client in
      try logOn(client)
      client.socket.send(soh("8=FIX.4.4|9=99999999|35=D|34=2|49=EVIL|52=20261202-12:00:00.000|56=VENUE|11=BIG|"))
      #expect(client.socket.next(within: 0.5) == .silence)
      try expectHeartbeat(client, "AFTER-BIG")  // seq 2: the garbled frame consumed none
      #expect(venue.logged("garbled message ignored: BodyLength (9) is over the limit"))
    }
  }

  @Test func aBadCheckSumIsIgnoredAndTheSameSeqIsThenProcessed() throws {
    try hostile { venue, client in
      try logOn(client)
      client.socket.send(withWrongCheckSum(try client.testRequest("BAD-SUM", seq: 2)))
      #expect(client.socket.next(within: 0.5) == .silence)
      client.socket.send(try client.testRequest("GOOD-SUM", seq: 2))
      let answer = client.socket.next()
      #expect(field(answer, 35) == "0" && field(answer, 112) == "GOOD-SUM", "\(answer)")
      #expect(venue.logged("garbled message ignored: CheckSum (10) does not match"))
    }
  }

  @Test func aFrameWithNoCheckSumWithin70000BytesIsSkippedAndMemoryStaysBounded() throws {
    try hostile { venue, client in
      try logOn(client)
      let frame = soh("8=FIX.4.4|9=100|35=D|34=2|49=EVIL|") + [UInt8](repeating: UInt8(ascii: "x"), count: 70_000)
      try expectHeartbeatAfter(client, "WARM-UP", frame, times: 1)  // the venue's buffers are in use now
      // Three rounds; the least growth counts: other suites run in this process at the same
      // time and grow it too, but buffering the frames would grow every round.
      let frames = 100
      var growths: [Int] = []
      for round in 0..<3 {
        let before = residentBytes()
        try expectHeartbeatAfter(client, "AFTER-OVERSIZED-\(round)", frame, times: frames)
        growths.append(residentBytes() - before)
      }
      let sent = frames * frame.count
      #expect(growths.min()! < sent / 8, "resident memory grew \(growths) bytes over rounds of \(sent) bytes of oversized frames")
      #expect(venue.logged("garbled message ignored: no CheckSum (10) within the message limit"))
    }
  }

  /// Sends `bytes` `times` times over (no copy: the sending allocates nothing), then a
  /// TestRequest that must be answered, so the venue has read past them all.
  private func expectHeartbeatAfter(_ client: HostileClient, _ id: String, _ bytes: [UInt8], times: Int) throws {
    let delivered = (0..<times).allSatisfy { _ in client.socket.send(bytes) }
    #expect(delivered, "the venue closed the connection while \(id) was on its way")
    try expectHeartbeat(client, id)
  }

  // MARK: - the session's rules

  @Test func aWrongBeginStringAfterLogonGetsALogoutAndTheEnd() throws {
    try hostile { _, client in
      try logOn(client)
      client.socket.send(try client.message("1", [(112, "OLD")], beginString: "FIX.4.2"))
      let answer = client.socket.next()
      #expect(field(answer, 35) == "5" && field(answer, 58) == "Incorrect BeginString", "\(answer)")
      #expect(client.socket.closes())
    }
  }

  @Test(arguments: Malformation.allCases) func aMalformedMessageGetsAReject(_ malformation: Malformation) throws {
    try hostile { _, client in
      try logOn(client)
      client.socket.send(try client.message("D", malformation.fields(seq: 2), header: false))
      let answer = client.socket.next()
      #expect(field(answer, 35) == "3" && field(answer, 45) == "2" && field(answer, 372) == "D", "\(answer)")
      #expect(field(answer, 373) == malformation.reason && field(answer, 371) == malformation.refTag, "\(answer)")
      #expect(field(answer, 58) == malformation.text)
      client.seq = 3
      try expectHeartbeat(client, "AFTER-REJECT")  // the rejected message consumed seq 2
    }
  }

  @Test func aSeqTooHighAsksForAResendOnceAndTheQueueRunsWhenTheGapIsFilled() throws {
    try hostile { _, client in
      try logOn(client)
      client.socket.send(try client.testRequest("AHEAD-5", seq: 5))
      let answer = client.socket.next()
      #expect(field(answer, 35) == "2" && field(answer, 7) == "2" && field(answer, 16) == "0", "\(answer)")
      client.socket.send(try client.testRequest("AHEAD-6", seq: 6))
      #expect(client.socket.next(within: 0.5) == .silence)  // once per gap
      client.socket.send(try client.message("4", [(123, "Y"), (36, "5")], seq: 2))
      let queued = [client.socket.next(), client.socket.next()]
      #expect(queued.map { field($0, 112) } == ["AHEAD-5", "AHEAD-6"], "\(queued)")
      try expectHeartbeat(client, "AFTER-GAP")  // seq 7
    }
  }

  @Test func aSeqTooLowWithoutPossDupGetsALogoutAndTheEnd() throws {
    try hostile { _, client in
      try logOn(client)
      try expectHeartbeat(client, "ONCE")
      client.socket.send(try client.testRequest("AGAIN", seq: 2))
      let answer = client.socket.next()
      #expect(field(answer, 35) == "5" && field(answer, 58) == "MsgSeqNum too low, expecting 3 but received 2", "\(answer)")
      #expect(client.socket.closes())
    }
  }

  @Test func aPossDupSeqTooLowIsDroppedOrRejectedWithoutOrigSendingTime() throws {
    try hostile { _, client in
      try logOn(client)
      try expectHeartbeat(client, "ONCE")
      let earlier = FIXTime.timestamp(FIXClock.utcNanos() - 1_000_000_000)
      client.socket.send(try client.message("1", [(43, "Y"), (122, earlier), (112, "REPEAT")], seq: 2))
      #expect(client.socket.next(within: 0.5) == .silence)
      client.socket.send(try client.message("1", [(43, "Y"), (112, "NO-ORIG")], seq: 2))
      let answer = client.socket.next()
      #expect(field(answer, 35) == "3" && field(answer, 373) == "1" && field(answer, 371) == "122", "\(answer)")
      try expectHeartbeat(client, "AFTER-REPEATS")  // seq 3: neither repeat moved the seq
    }
  }

  @Test func aMessageWithAnotherSendersCompIDGetsRejectAndLogout() throws {
    try hostile { _, client in
      try logOn(client)
      client.socket.send(try client.testRequest("MASK", sender: "CLIENT1"))
      let answers = [client.socket.next(), client.socket.next()]
      #expect(field(answers[0], 35) == "3" && field(answers[0], 373) == "9", "\(answers)")
      #expect(field(answers[1], 35) == "5", "\(answers)")
    }
  }

  // MARK: - the venue's order checks

  @Test func badOrdersGetRejectedExecutionReportsThatSayWhy() throws {
    try hostile { _, client in
      try logOn(client)
      client.socket.send(try client.order("NEG", quantity: "-5"))
      client.socket.send(try client.order("ZZ", symbol: "ZZZZ"))
      client.socket.send(try client.order("DUP"))
      client.socket.send(try client.order("DUP"))
      let answers = (0..<4).map { _ in client.socket.next() }
      #expect(answers.map { field($0, 35) } == ["8", "8", "8", "8"], "\(answers)")
      #expect(answers.map { field($0, 150) } == ["8", "8", "0", "8"])
      #expect(field(answers[0], 58) == "OrderQty (38) must be a whole number of shares above 0")
      #expect(field(answers[1], 58) == "unknown symbol ZZZZ" && field(answers[1], 103) == "1")
      #expect(field(answers[3], 58) == "duplicate ClOrdID DUP" && field(answers[3], 103) == "6")
    }
  }

  // MARK: - who may log on

  @Test func aLogonFromAnUnknownCompIDIsClosedUnanswered() throws {
    try hostile { venue, client in
      client.socket.send(try client.message("A", [(98, "0"), (108, "30")], sender: "STRANGER"))
      #expect(client.socket.next() == .closed)
      #expect(venue.logged("a Logon for VENUE-STRANGER, which is not a configured session"))
    }
  }

  @Test func aFirstMessageThatIsNotALogonIsClosedUnanswered() throws {
    try hostile { _, client in
      client.socket.send(try client.testRequest("NO-LOGON"))
      #expect(client.socket.next() == .closed)
    }
  }

  @Test func aSecondLogonForALiveSessionIsClosedAndTheFirstGoesOn() throws {
    try hostile { venue, client in
      try logOn(client)
      let intruder = try HostileClient(port: venue.port)
      intruder.socket.send(try intruder.message("A", [(98, "0"), (108, "30")]))
      #expect(intruder.socket.next(within: 3) == .closed)
      try expectHeartbeat(client, "STILL-ME")
    }
  }
}

/// A NewOrderSingle broken one way, with the Reject the validator must answer it with.
enum Malformation: String, CaseIterable, Sendable {
  case sideMissing, sideNotAnEnumValue, sendingTimeAfterTheBody

  func fields(seq: Int) -> [(Int, String)] {
    let time = FIXTime.timestamp(FIXClock.utcNanos())
    let head: [(Int, String)] = [(34, String(seq)), (49, HostileClient.compID)]
    let order: [(Int, String)] = [(11, rawValue), (38, "100"), (40, "2"), (44, "1.00"), (55, "INTC"), (59, "0"), (60, time)]
    switch self {
    case .sideMissing: return head + [(52, time), (56, "VENUE")] + order
    case .sideNotAnEnumValue: return head + [(52, time), (56, "VENUE")] + order + [(54, "X")]
    case .sendingTimeAfterTheBody: return head + [(56, "VENUE")] + order + [(54, "1"), (52, time)]
    }
  }

  var reason: String { ["1", "5", "14"][index] }
  var refTag: String { ["54", "54", "52"][index] }
  var text: String {
    ["Required tag missing", "Value is incorrect (out of range) for this tag", "Tag specified out of required order"][index]
  }
  private var index: Int { Self.allCases.firstIndex(of: self)! }
}

/// `|`-separated text as FIX bytes (no framing added).
private func soh(_ text: String) -> [UInt8] { text.utf8.map { $0 == UInt8(ascii: "|") ? 1 : $0 } }

/// `count` bytes from a seeded SplitMix64: the same garbage on every run.
private func seededGarbage(_ count: Int) -> [UInt8] {
  var random = SplitMix64(state: 0x6A52_BAD0)
  return (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
}

/// The message with its CheckSum one off (still three digits).
private func withWrongCheckSum(_ message: [UInt8]) -> [UInt8] {
  let digits = message.count - 4..<message.count - 1
  let sum = Int(String(decoding: message[digits], as: UTF8.self)) ?? 0
  return Array(message[..<digits.lowerBound]) + Array(String(format: "%03d", (sum + 1) % 256).utf8) + [1]
}
