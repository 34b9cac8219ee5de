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

/// The live sender's packets, read back off a loopback socket.
@Suite struct MoldUDP64SenderTests {
  /// (session, sequence number, message count, message bytes) of each packet waiting.
  static func packets(_ socket: UDPSocket) throws -> [(String, UInt64, UInt16, [[UInt8]])] {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2_048, alignment: 8)
    defer { buffer.deallocate() }
    var out: [(String, UInt64, UInt16, [[UInt8]])] = []
    while socket.waitReadable(timeoutMillis: out.isEmpty ? 1_000 : 50),
      let n = try socket.receive(into: buffer)
    {
      let view = try #require(
        MoldUDP64PacketView(checking: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
      )
      var messages: [[UInt8]] = []
      view.forEachMessage { _, bytes in messages.append(Array(bytes)) }
      out.append((view.session.description, view.sequenceNumber, view.messageCount, messages))
    }
    return out
  }

  @Test func packsFlushesBeatsAndEndsTheSession() throws {
    let receiver = try UDPSocket(bindingTo: .loopback())
    let sender = try MoldUDP64Sender(
      session: "S1",
      destination: receiver.localAddress,
      requestPort: nil,
      maxPacketBytes: 72
    )
    let message: [UInt8] = [0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x4F]  // S, start of messages
    for _ in 0..<4 { message.withUnsafeBytes { sender.append($0) } }
    sender.flush()
    sender.heartbeat()
    sender.endSession()
    let packets = try Self.packets(receiver)
    // The smallest packet holds its header and one largest (50-byte) message: 72 bytes, so
    // three 12-byte messages (14 with their lengths) fit and the fourth goes in the next.
    #expect(packets.map(\.1) == [1, 4, 5, 5])
    #expect(packets.map(\.2) == [3, 1, 0, MoldUDP64Packet.endOfSessionCount])
    #expect(packets.allSatisfy { $0.0.hasPrefix("S1") })
    #expect(packets[0].3 == [message, message, message])
    #expect(sender.nextSequence == 5 && sender.packetsSent == 4 && sender.requestAddress == nil)
  }
}
