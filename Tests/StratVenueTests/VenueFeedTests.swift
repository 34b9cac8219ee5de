import StratMarket
import StratMoldUDP64
import StratNet
import Testing

@testable import StratVenue

/// The venue's feed over real UDP on loopback: a burst of book changes is published, the
/// receiver drops every fifth packet on purpose, and MoldUDP64Sequencer's re-requests to the
/// venue's request server fill every gap; the book built from what arrived equals the venue's.
@Suite struct VenueFeedTests {
  @Test func reRequestsFillDroppedPackets() throws {
    let receiver = try UDPSocket(bindingTo: .loopback(), receiveBufferBytes: 4 << 20)
    let sender = try MoldUDP64Sender(
      session: "VENUE1",
      destination: receiver.localAddress,
      maxPacketBytes: 512
    )
    let feed = VenueFeed(sender: sender)
    let engine = try MatchingEngine(instruments: VenueITCHTests.instruments, capacity: 4_096)
    var flow = RandomOrderFlow(seed: 5, instruments: VenueITCHTests.instruments)
    let events = MatchingEvents()
    feed.startDay(VenueITCHTests.instruments, timestamp: 1)
    for step in 0..<1_500 {
      let locate = engine.run(flow.next(), into: events)
      flow.remember(events, locate: locate)
      feed.publish(events, of: engine.book(locate)!, timestamp: 2 + Int64(step))
    }
    feed.endDay(timestamp: 9_999)
    #expect(sender.packetsRefused == 0 && feed.unencodableCount == 0)

    let sequencer = MoldUDP64Sequencer()
    let set = BookSet()
    var delivered: UInt64 = 0
    var lost: UInt64 = 0
    let deliver: (MoldUDP64Delivery) -> Void = { delivery in
      switch delivery {
      case .message(_, let bytes):
        delivered += 1
        let wire = ITCHWire(bytes.baseAddress!)
        if let message = ITCHMessage(wire: wire),
          let event = message.orderEvent(sessionMidnightNanos: 0)
        {
          set.apply(event)
        }
      case .lost(_, let count): lost += count
      default: break
      }
    }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2_048, alignment: 8)
    defer { buffer.deallocate() }
    var packets = 0
    var dropped = 0
    var requests = 0
    var now: Int64 = 0
    while !sequencer.isSessionOver && now < 200_000_000_000 {
      var asker = SocketAddress.loopback()
      while let n = try receiver.receive(into: buffer, from: &asker) {
        packets += 1
        // Drop every fifth first-time data packet (answers come from the request server).
        if asker != sender.requestAddress && packets % 5 == 0 {
          dropped += 1
          continue
        }
        sequencer.accept(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), deliver)
      }
      now += 1_000_000_000
      while let request = sequencer.nextRequest(nowNanos: now, deliver) {
        let bytes = request.write(into: buffer)
        _ = try receiver.send(bytes, to: sender.requestAddress!)
        requests += 1
      }
      sender.serveRequests(timeoutMillis: 50)
      _ = receiver.waitReadable(timeoutMillis: 50)
    }
    #expect(sequencer.isSessionOver)
    #expect(dropped > 10 && requests > 0 && sender.requestsAnswered > 0)
    #expect(lost == 0)
    #expect(delivered == UInt64(feed.messageCount))
    #expect(sequencer.counters.recoveredGaps > 0)
    #expect(VenueITCHTests.levels(set) == VenueITCHTests.levels(engine))
  }
}
