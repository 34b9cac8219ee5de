import StratMarket
import StratMoldUDP64
import StratNet
import Testing

@testable import StratEngine

@Suite("MoldUDP64 request server over its bounded store")
struct MoldUDP64RequestServerTests {
  static let session = MoldUDP64Session("REQTEST")

  /// A store of `count` system events (12 bytes, timestamp = number) keeping `capacity`.
  func store(_ count: UInt64, capacity: Int) -> MoldUDP64RetransmissionStore {
    let store = MoldUDP64RetransmissionStore(capacity: capacity)
    for number in 1...count {
      var bytes: [UInt8] = [0x53, 0, 0, 0, 0]
      for shift in stride(from: 40, through: 0, by: -8) {
        bytes.append(UInt8(truncatingIfNeeded: number >> UInt64(shift)))
      }
      bytes.append(0x4F)
      bytes.withUnsafeBytes { _ = store.append($0) }
    }
    return store
  }

  /// Sends `bytes` to the server, lets it answer, and returns the numbers of the messages that
  /// came back, packet by packet.
  func ask(_ server: MoldUDP64RequestServer, _ bytes: [UInt8]) throws -> [[UInt64]] {
    let client = try UDPSocket(bindingTo: .loopback())
    try client.send(bytes, to: server.address)
    server.serve(timeoutMillis: 1_000)
    var packets: [[UInt64]] = []
    var buffer = [UInt8](repeating: 0, count: 2_048)
    while client.waitReadable(timeoutMillis: packets.isEmpty ? 200 : 50) {
      let n = try buffer.withUnsafeMutableBytes { try client.receive(into: $0) } ?? 0
      buffer.withUnsafeBytes { raw in
        guard
          let view = MoldUDP64PacketView(checking: UnsafeRawBufferPointer(rebasing: raw[0..<n])),
          view.session == Self.session
        else { return packets.append([]) }
        var numbers: [UInt64] = []
        view.forEachMessage { sequence, message in
          numbers.append(ITCHWire(message.baseAddress!).u48(5) == sequence ? sequence : 0)
        }
        packets.append(numbers)
      }
    }
    return packets
  }

  func request(_ session: MoldUDP64Session, _ first: UInt64, _ count: UInt16) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: 20)
    bytes.withUnsafeMutableBytes {
      _ = MoldUDP64Request(session: session, sequenceNumber: first, messageCount: count).write(
        into: $0
      )
    }
    return bytes
  }

  @Test("A request is answered with the kept messages, split into packets of the size limit")
  func answersInPackets() throws {
    let server = try MoldUDP64RequestServer(
      bindingTo: .loopback(),
      store: store(150, capacity: 200),
      session: Self.session,
      maxPacketBytes: 90
    )
    let packets = try ask(server, request(Self.session, 1, 150))
    #expect(packets.count == 30 && packets.allSatisfy { $0.count == 5 })
    #expect(packets.flatMap { $0 } == Array(1...150))
    #expect(server.answered == 1)
  }

  @Test("Numbers past the store's bound, another session and malformed requests get no answer")
  func refuses() throws {
    let server = try MoldUDP64RequestServer(
      bindingTo: .loopback(),
      store: store(10, capacity: 4),
      session: Self.session,
      maxPacketBytes: 1_400
    )
    #expect(try ask(server, request(Self.session, 6, 2)).isEmpty, "6 left the ring of 4")
    #expect(try ask(server, request(MoldUDP64Session("OTHER"), 8, 2)).isEmpty)
    #expect(try ask(server, Array(request(Self.session, 8, 2).dropLast())).isEmpty)
    #expect(try ask(server, request(Self.session, 11, 1)).isEmpty, "never sent")
    #expect(server.unavailable == 3 && server.malformed == 1 && server.answered == 0)
    #expect(
      try ask(server, request(Self.session, 8, 5)) == [[8, 9, 10]],
      "the kept part of a range"
    )
  }

  @Test("The feed records when a datagram last arrived (silence is the engine's to judge)")
  func lastPacketTime() throws {
    let feed = try MoldUDP64Feed(MoldUDP64FeedConfig(name: "quiet", listen: .loopback()))
    #expect(feed.poll(nowNanos: 5) { _ in } == 0 && feed.lastPacketNanos == nil)
    let sender = try UDPSocket(bindingTo: .loopback())
    var heartbeat = [UInt8](repeating: 0x20, count: 20)
    heartbeat.withUnsafeMutableBytes {
      _ = MoldUDP64Request(session: Self.session, sequenceNumber: 1, messageCount: 0).write(
        into: $0
      )
    }
    try sender.send(heartbeat, to: feed.listenAddress)
    #expect(feed.waitReadable(timeoutMillis: 2_000))
    var started = false
    feed.poll(nowNanos: 42) { if case .sessionStarted = $0 { started = true } }
    #expect(feed.lastPacketNanos == 42 && started && feed.counters.dataPackets == 1)
    #expect(feed.counters.state == .live)
  }
}
