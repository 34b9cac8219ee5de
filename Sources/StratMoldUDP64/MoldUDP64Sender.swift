import Glibc
import StratMarket
import StratNet

/// A live MoldUDP64 sender: packs messages into packets as they come, keeps them for
/// re-requests, and answers those when asked.
///
///   append(message) ─▶ retransmission store (ring) ─▶ packet buffer ─(full, or flush)─▶ socket ─▶ destination
///                               ▲
///                               └── MoldUDP64RequestServer ◀── requests (serveRequests) ◀── receivers
///
/// One thread calls everything: the owner decides when to flush (after each burst of book
/// changes), to send a heartbeat and to serve requests (between its other work). Appending,
/// flushing and serving allocate nothing.
public final class MoldUDP64Sender {
  public let session: MoldUDP64Session
  public let destination: SocketAddress
  /// The request server's address, when it has one.
  public var requestAddress: SocketAddress? { server?.address }
  /// The number the next appended message gets.
  public var nextSequence: UInt64 { store.nextSequence }
  /// Packets sent (data, heartbeats, end of session); packets the socket refused (lost, as on
  /// a wire: receivers re-request).
  public private(set) var packetsSent = 0
  public private(set) var packetsRefused = 0
  private let socket: UDPSocket
  private let store: MoldUDP64RetransmissionStore
  private let server: MoldUDP64RequestServer?
  private let packet: MoldUDP64PacketBuffer

  /// Sends from `interface` (an ephemeral port) to `destination` (unicast or multicast); the
  /// request server listens on `interface`:`requestPort` (0 for any free port; nil for none) and
  /// can answer from the last `retainedMessages` messages.
  public init(
    session: String,
    destination: SocketAddress,
    interface: SocketAddress = .loopback(),
    requestPort: UInt16? = 0,
    retainedMessages: Int = 1 << 16,
    maxPacketBytes: Int = 1_400
  ) throws(NetError) {
    self.session = MoldUDP64Session(session)
    self.destination = destination
    socket = try UDPSocket(bindingTo: SocketAddress(ipv4: interface.ipv4, port: 0))
    if destination.isMulticast { try socket.sendMulticast(through: interface) }
    let store = MoldUDP64RetransmissionStore(capacity: retainedMessages)
    self.store = store
    packet = MoldUDP64PacketBuffer(session: self.session, capacity: maxPacketBytes)
    server = try requestPort.map { (port) throws(NetError) in
      try MoldUDP64RequestServer(
        bindingTo: SocketAddress(ipv4: interface.ipv4, port: port),
        store: store,
        session: MoldUDP64Session(session),
        maxPacketBytes: maxPacketBytes
      )
    }
    packet.start(store.nextSequence)
  }

  /// Numbers and keeps one message (1…50 bytes), sending the packet first if it is full.
  public func append(_ message: UnsafeRawBufferPointer) {
    if !packet.fits(message.count) { flush() }
    store.append(message)
    packet.append(message)
  }

  /// Sends the packet being built, if it holds anything.
  public func flush() {
    guard packet.messageCount > 0 else { return }
    send(packet.bytes)
    packet.start(store.nextSequence)
  }

  /// Sends an empty packet carrying the next number, so receivers learn of a lost last packet.
  public func heartbeat() {
    flush()
    packet.start(store.nextSequence)
    send(packet.bytes)
  }

  /// Sends the end of session (after what is pending); receivers then know the last number.
  public func endSession() {
    flush()
    packet.start(store.nextSequence, count: MoldUDP64Packet.endOfSessionCount)
    send(packet.bytes)
    packet.start(store.nextSequence)
  }

  /// Waits up to `timeoutMillis` for re-requests and answers every waiting one; returns how
  /// many it read.
  @discardableResult
  public func serveRequests(timeoutMillis: Int32 = 0) -> Int {
    server?.serve(timeoutMillis: timeoutMillis) ?? 0
  }

  /// Requests answered, and refused (numbers no longer kept, another session).
  public var requestsAnswered: Int { server?.answered ?? 0 }
  public var requestsUnavailable: Int { server?.unavailable ?? 0 }

  /// Sends, retrying briefly while the socket buffer is full; a refusal counts as a drop.
  private func send(_ bytes: UnsafeRawBufferPointer) {
    for _ in 0..<100 {
      guard let sent = try? socket.send(bytes, to: destination) else { break }
      if sent {
        packetsSent += 1
        return
      }
      usleep(20)
    }
    packetsRefused += 1
  }
}
