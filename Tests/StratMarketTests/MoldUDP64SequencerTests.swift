import Testing

@testable import StratMarket

@Suite("MoldUDP64 sequencer: order, gaps, re-requests, stale")
struct MoldUDP64SequencerTests {
  typealias P = MoldTestPackets

  @Test("Packets in order are delivered in order, with no request")
  func inOrder() {
    let r = SequencerRecorder()
    r.accept(P.data(1...2))
    r.accept(P.data(3...5))
    #expect(r.words == ["start TESTSESS01", "m1", "m2", "m3", "m4", "m5"])
    #expect(r.sequencer.state == .live)
    #expect(r.request(at: 0) == nil)
    #expect(r.sequencer.counters.messages == 5)
  }

  @Test("A gap is re-requested, held messages wait, and the fill delivers everything in order")
  func gapThenFill() {
    let r = SequencerRecorder()
    r.accept(P.data(1...2))
    r.accept(P.data(5...6))
    #expect(r.messages == ["m1", "m2"])
    #expect(r.sequencer.state == .recovering)
    #expect(r.sequencer.heldMessages == 2)
    let request = r.request(at: 0)
    #expect(request?.sequenceNumber == 3 && request?.messageCount == 2)
    #expect(request?.session == MoldUDP64Session(P.session))
    #expect(r.request(at: 1_000) == nil, "no second request before the timeout")
    r.accept(P.data(3...4))
    #expect(r.messages == ["m1", "m2", "m3", "m4", "m5", "m6"])
    #expect(r.sequencer.state == .live)
    #expect(r.sequencer.counters.gaps == 1 && r.sequencer.counters.recoveredGaps == 1)
    #expect(r.request(at: 100_000_000) == nil)
  }

  @Test("Duplicates and old packets are dropped")
  func duplicates() {
    let r = SequencerRecorder()
    r.accept(P.data(1...3))
    r.accept(P.data(1...3))
    r.accept(P.data(2...4))
    r.accept(P.data(6...6))
    r.accept(P.data(6...6))
    #expect(r.messages == ["m1", "m2", "m3", "m4"])
    #expect(r.sequencer.counters.duplicatePackets == 1)
    #expect(r.sequencer.counters.duplicateMessages == 3)
  }

  @Test("Reordered packets come out in order")
  func reorder() {
    let r = SequencerRecorder()
    r.accept(P.data(3...4))
    r.accept(P.data(1...2))
    r.accept(P.data(7...7))
    r.accept(P.data(5...6))
    #expect(r.messages == ["m1", "m2", "m3", "m4", "m5", "m6", "m7"])
    #expect(r.sequencer.counters.gaps == 2 && r.sequencer.counters.recoveredGaps == 2)
    #expect(r.sequencer.state == .live)
  }

  @Test("A heartbeat ahead of the next number reveals a gap at the tail")
  func heartbeatRevealsGap() {
    let r = SequencerRecorder()
    r.accept(P.data(1...2))
    r.accept(P.heartbeat(3))
    #expect(r.sequencer.state == .live)
    r.accept(P.heartbeat(5))
    #expect(r.sequencer.state == .recovering)
    let request = r.request(at: 0)
    #expect(request?.sequenceNumber == 3 && request?.messageCount == 2)
  }

  @Test("A gap whose requests bring nothing is declared lost: STALE, reported, never skipped")
  func lostGapGoesStale() {
    let r = SequencerRecorder(MoldUDP64SequencerLimits(requestTimeoutNanos: 10, requestAttempts: 3))
    r.accept(P.data(1...2))
    r.accept(P.data(5...6))
    #expect(r.request(at: 0) != nil)
    #expect(r.request(at: 5) == nil)
    #expect(r.request(at: 10) != nil)
    #expect(r.request(at: 20) != nil)
    #expect(r.sequencer.state == .recovering)
    #expect(r.request(at: 30) == nil)
    #expect(r.messages == ["m1", "m2", "lost 3+2", "m5", "m6"])
    #expect(r.sequencer.state == .stale)
    #expect(r.sequencer.counters.lostGaps == 1 && r.sequencer.counters.lostMessages == 2)
    #expect(r.sequencer.counters.requests == 3 && r.sequencer.counters.recoveredGaps == 0)
    r.accept(P.data(7...7))
    #expect(r.sequencer.state == .stale, "stale until a fresh state")
    r.accept(P.end(8))
    #expect(
      r.sequencer.isSessionOver && r.sequencer.state == .stale,
      "the end does not hide a loss"
    )
    #expect(r.messages.last == "end 8")
    r.sequencer.acknowledgeFreshState()
    #expect(r.sequencer.state == .live)
  }

  @Test("Messages past the buffer give the gap up instead of growing")
  func capExceeded() {
    let r = SequencerRecorder(MoldUDP64SequencerLimits(bufferedMessages: 4))
    r.accept(P.data(1...1))
    r.accept(P.data(3...4))
    r.accept(P.data(10...10))
    #expect(r.messages == ["m1", "lost 2+1", "m3", "m4", "lost 5+2"])
    #expect(r.sequencer.state == .stale)
    #expect(r.sequencer.heldMessages == 1)
    #expect(r.sequencer.counters.bufferOverflows == 1)
    let request = r.request(at: 0)
    #expect(request?.sequenceNumber == 7 && request?.messageCount == 3)
    r.accept(P.data(7...9))
    #expect(r.messages.suffix(4) == ["m7", "m8", "m9", "m10"])
  }

  @Test("The end of session ends the feed once every message before it is out")
  func sessionEnd() {
    let r = SequencerRecorder()
    r.accept(P.data(1...1))
    r.accept(P.end(3))
    #expect(r.sequencer.state == .recovering)
    #expect(r.request(at: 0)?.sequenceNumber == 2)
    r.accept(P.data(2...2))
    #expect(r.messages == ["m1", "m2", "end 3"])
    #expect(r.sequencer.state == .ended && r.sequencer.isSessionOver)
    r.accept(P.data(2...2))
    r.accept(P.end(3))
    #expect(r.messages.count == 3)
  }

  @Test(
    "A new session reports what the old one missed, starts fresh, and drops the old one's strays"
  )
  func sessionChange() {
    let r = SequencerRecorder()
    r.accept(P.data(1...1))
    r.accept(P.data(3...3))
    r.accept(P.data(1...1, session: "NEXTSESS"))
    r.accept(P.data(2...2))
    #expect(r.words == ["start TESTSESS01", "m1", "lost 2+1", "m3", "start NEXTSESS", "m1"])
    #expect(r.sequencer.state == .live)
    #expect(r.sequencer.counters.foreignPackets == 1 && r.sequencer.counters.sessions == 2)
  }

  @Test("A first packet after 1 is a gap from 1 (the day is expected from its start)")
  func lateFirstPacket() {
    let r = SequencerRecorder()
    r.accept(P.data(4...4))
    #expect(r.request(at: 0)?.sequenceNumber == 1)
    let late = SequencerRecorder(MoldUDP64SequencerLimits(fromSessionStart: false))
    late.accept(P.data(4...4))
    #expect(late.messages == ["m4"])
  }

  @Test("Malformed datagrams deliver nothing and are counted")
  func malformed() {
    let r = SequencerRecorder()
    var cut = P.data(1...2)
    cut.removeLast()
    r.accept(cut)
    r.accept(P.data(1...1) + [0])
    var wrongType = P.data(1...1)
    wrongType[22] = 0x01
    r.accept(wrongType)
    r.accept([1, 2, 3])
    #expect(r.words.isEmpty)
    #expect(r.sequencer.counters.malformedPackets == 4)
  }

  @Test(
    "Progress inside the range asked for waits for the rest of the answer; past it, asks at once"
  )
  func requestRanges() {
    let r = SequencerRecorder()
    r.accept(P.data(1...1))
    r.accept(P.data(10...10))
    let first = r.request(at: 0)
    #expect(first?.sequenceNumber == 2 && first?.messageCount == 8)
    r.accept(P.data(2...3))
    #expect(r.request(at: 1) == nil, "the answer's next packet is on its way")
    let two = SequencerRecorder()
    two.accept(P.data(1...1))
    two.accept(P.data(5...5))
    two.accept(P.data(10...10))
    #expect(two.request(at: 0)?.messageCount == 3)
    two.accept(P.data(2...4))
    let next = two.request(at: 1)
    #expect(next?.sequenceNumber == 6 && next?.messageCount == 4)
  }

  @Test("An overflow gives the first hole up whole: one loss, not one per message")
  func overflowGivesUpWholeHole() {
    let r = SequencerRecorder(MoldUDP64SequencerLimits(bufferedMessages: 4))
    r.accept(P.data(1...1))
    r.accept(P.data(6...7))
    #expect(r.messages == ["m1", "lost 2+4", "m6", "m7"])
    #expect(r.sequencer.counters.lostGaps == 1 && r.sequencer.counters.bufferOverflows == 1)
  }

  @Test("Holes behind the first are asked for at once, each once; the first keeps its timeout")
  func freshHoles() {
    let r = SequencerRecorder()
    r.accept(P.data(1...1))
    r.accept(P.data(3...3))
    r.accept(P.data(6...6))
    let front = r.request(at: 0)
    #expect(front?.sequenceNumber == 2 && front?.messageCount == 1)
    let behind = r.request(at: 0)
    #expect(behind?.sequenceNumber == 4 && behind?.messageCount == 2)
    #expect(r.request(at: 0) == nil)
    r.accept(P.data(4...5))
    r.accept(P.data(2...2))
    #expect(r.messages == ["m1", "m2", "m3", "m4", "m5", "m6"])
    #expect(r.sequencer.counters.requests == 2 && r.sequencer.state == .live)
  }
}

@Suite("MoldUDP64 sequencer: resuming after a restart")
struct MoldUDP64SequencerResumeTests {
  typealias P = MoldTestPackets

  @Test("A resumed session drops what was handled and re-requests the hole up to the first packet")
  func resumesAtTheGivenSequence() {
    let r = SequencerRecorder()
    r.sequencer.resumePoint = (MoldUDP64Session(P.session), 5)
    r.accept(P.data(3...9))
    r.accept(P.data(12...13))
    #expect(r.messages == ["m5", "m6", "m7", "m8", "m9"])
    let request = r.request(at: 0)
    #expect(request?.sequenceNumber == 10 && request?.messageCount == 2)
    r.accept(P.data(1...11))
    #expect(r.messages == ["m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12", "m13"])
  }

  @Test("The first packet past the resume point opens a gap from it")
  func holeBeforeTheFirstPacketIsRequested() {
    let r = SequencerRecorder()
    r.sequencer.resumePoint = (MoldUDP64Session(P.session), 4)
    r.accept(P.data(8...9))
    #expect(r.messages.isEmpty)
    #expect(r.sequencer.state == .recovering)
    let request = r.request(at: 0)
    #expect(request?.sequenceNumber == 4 && request?.messageCount == 4)
  }

  @Test("Another session starts from its beginning")
  func anotherSessionIgnoresTheResumePoint() {
    let r = SequencerRecorder()
    r.sequencer.resumePoint = (MoldUDP64Session("OTHERSESS1"), 5)
    r.accept(P.data(1...3))
    #expect(r.messages == ["m1", "m2", "m3"])
  }
}
