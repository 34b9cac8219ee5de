import StratMarket
import StratNet

/// The engine's live ITCH 5.0 feed over MoldUDP64, polled on the hot thread.
///
///   publisher ──data packets (unicast, or a multicast group)──▶ dataSocket ──┐
///                                                                           │ poll(): recv into
///   request server ◀──20-byte re-request (session, seq, count)── requestSocket  one buffer
///        │                                                         ▲        ▼
///        └────────retransmitted packets, unicast──────────────────┘   MoldUDP64Sequencer
///                                                                           │ in order, once
///                                                                           ▼
///                                                             body(.message / .lost / session)
///
/// One thread (the hot one) calls everything; nothing here allocates or locks per packet: one
/// 64 KiB receive buffer, a fixed hold window, a 20-byte request buffer. While `state` is
/// `.stale` every instrument the session carried (`carries(locate:)`) must not be traded.
public final class MoldUDP64Feed {
  /// Re-requests sent per check at most (the first hole and holes behind it).
  static let requestsPerPoll = 8
  public let config: MoldUDP64FeedConfig
  public let sequencer: MoldUDP64Sequencer
  /// The `nowNanos` of the last poll that received a datagram (data, heartbeat or
  /// retransmission); nil before the first. A feed silent for longer than its publisher's
  /// heartbeat interval may have lost its tail unseen: the engine should not trade on it.
  public private(set) var lastPacketNanos: Int64?
  /// Where re-requests go (the config's; settable for a server whose port is known later).
  public var requestServer: SocketAddress?
  private let dataSocket: UDPSocket
  private let requestSocket: UDPSocket
  private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
  private let requestBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32, alignment: 8)
  private let locates = LocateSet()
  private var socketCounts = MoldUDP64FeedCounters()

  /// Binds the data socket (joining the group for a multicast address) and the request socket.
  public init(_ config: MoldUDP64FeedConfig) throws(MoldUDP64FeedError) {
    self.config = config
    sequencer = MoldUDP64Sequencer(limits: config.limits)
    requestServer = config.requestServer
    do {
      dataSocket = try UDPSocket(
        bindingTo: config.listen,
        interface: config.interface,
        receiveBufferBytes: config.receiveBufferBytes
      )
      requestSocket = try UDPSocket(
        bindingTo: SocketAddress(ipv4: config.interface.ipv4, port: 0),
        receiveBufferBytes: config.receiveBufferBytes  // an answer is a burst of packets
      )
    } catch { throw MoldUDP64FeedError(config.name, error) }
  }

  deinit {
    buffer.deallocate()
    requestBuffer.deallocate()
  }

  /// The bound data address (the kernel's port when the config asked for 0).
  public var listenAddress: SocketAddress { dataSocket.localAddress }

  /// True when this session carried messages for `locate`.
  public func carries(locate: UInt16) -> Bool { locates.contains(locate) }

  /// Counters for metrics.
  public var counters: MoldUDP64FeedCounters {
    var counts = socketCounts
    counts.sequencer = sequencer.counters
    counts.state = sequencer.state
    counts.instruments = locates.count
    return counts
  }

  /// Reads what is waiting (retransmissions first) until `maxMessages` messages were delivered
  /// or both sockets are empty, hands each delivery to `body` in sequence order, and sends the
  /// re-request now due. Returns the messages delivered. Never blocks.
  @discardableResult
  public func poll(
    maxMessages: Int = 4_096,
    nowNanos: Int64 = MonotonicClock.nanos(),
    _ body: (MoldUDP64Delivery) -> Void
  ) -> Int {
    var delivered = 0
    var progressing = true
    while progressing && delivered < maxMessages {
      progressing = false
      if let n = receive(requestSocket) {
        lastPacketNanos = nowNanos
        socketCounts.retransmittedPackets += 1
        accept(n, &delivered, body)
        requestIfDue(nowNanos, &delivered, body)  // the next hole at once, not after a batch
        progressing = true
      }
      if delivered < maxMessages, let n = receive(dataSocket) {
        lastPacketNanos = nowNanos
        socketCounts.dataPackets += 1
        accept(n, &delivered, body)
        progressing = true
      }
    }
    requestIfDue(nowNanos, &delivered, body)
    return delivered
  }

  /// Waits up to `timeoutMillis` for a datagram on either socket (for a thread that has nothing
  /// else to do; the hot thread spins on `poll` instead).
  public func waitReadable(timeoutMillis: Int32) -> Bool {
    UDPSocket.waitReadable([dataSocket, requestSocket], timeoutMillis: timeoutMillis)
  }

  /// Runs the sequencer on the `count` bytes received. The closure is a literal argument, so it
  /// stays on the stack (a closure kept in a variable would be boxed on the heap).
  private func accept(_ count: Int, _ delivered: inout Int, _ body: (MoldUDP64Delivery) -> Void) {
    sequencer.accept(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) { delivery in
      observe(delivery)
      if case .message = delivery { delivered += 1 }
      body(delivery)
    }
  }

  private func requestIfDue(
    _ now: Int64,
    _ delivered: inout Int,
    _ body: (MoldUDP64Delivery) -> Void
  ) {
    for _ in 0..<Self.requestsPerPoll {
      let request = sequencer.nextRequest(nowNanos: now) { delivery in
        observe(delivery)
        if case .message = delivery { delivered += 1 }
        body(delivery)
      }
      guard let request else { return }
      send(request)
    }
  }

  private func observe(_ delivery: MoldUDP64Delivery) {
    switch delivery {
    case .message(_, let bytes): locates.insert(ITCHWire(bytes.baseAddress!).u16(1))
    case .sessionStarted: locates.removeAll()
    case .lost, .sessionEnded: break
    }
  }

  /// One datagram's length (a cut one counts as malformed in the sequencer), or nil.
  private func receive(_ socket: UDPSocket) -> Int? {
    do {
      guard let n = try socket.receive(into: buffer) else { return nil }
      return min(n, buffer.count)
    } catch {
      socketCounts.receiveErrors += 1
      return nil
    }
  }

  private func send(_ request: MoldUDP64Request) {
    guard let server = requestServer else { return }
    let bytes = request.write(into: requestBuffer)
    if (try? requestSocket.send(bytes, to: server)) == true {
      socketCounts.requestsSent += 1
    } else {
      socketCounts.requestSendFailures += 1
    }
  }
}
