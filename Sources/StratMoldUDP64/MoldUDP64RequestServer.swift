import StratMarket
import StratNet

/// Answers MoldUDP64 re-requests from the packets a publisher sent: each 20-byte request
/// (session, first number, count) gets the wanted messages back, to the asker, in packets of
/// at most `maxPacketBytes` and at most `packetsPerAnswer` packets (a 20-byte request must not
/// buy an unbounded answer). Numbers the store no longer keeps (see
/// `MoldUDP64RetransmissionStore`), another session and malformed requests get no answer.
/// Runs on the publisher's thread, between its sends.
public final class MoldUDP64RequestServer {
  /// The most packets sent for one request.
  public static let packetsPerAnswer = 64
  /// Where requests are read.
  public var address: SocketAddress { socket.localAddress }
  /// Requests answered, refused (unknown numbers or session) and malformed.
  public private(set) var answered = 0
  public private(set) var unavailable = 0
  public private(set) var malformed = 0
  private let socket: UDPSocket
  private let store: MoldUDP64RetransmissionStore
  private let packet: MoldUDP64PacketBuffer
  private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 2_048, alignment: 8)

  /// Binds the request socket at `address` and answers from `store`.
  public init(
    bindingTo address: SocketAddress,
    store: MoldUDP64RetransmissionStore,
    session: MoldUDP64Session,
    maxPacketBytes: Int
  ) throws(NetError) {
    socket = try UDPSocket(bindingTo: address)
    self.store = store
    packet = MoldUDP64PacketBuffer(session: session, capacity: maxPacketBytes)
  }

  deinit { buffer.deallocate() }

  /// Waits up to `timeoutMillis` for a request, then answers every waiting one.
  @discardableResult
  public func serve(timeoutMillis: Int32) -> Int {
    if timeoutMillis > 0 { _ = socket.waitReadable(timeoutMillis: timeoutMillis) }
    var served = 0
    var asker = SocketAddress.loopback()
    while let n = try? socket.receive(into: buffer, from: &asker) {
      served += 1
      answer(UnsafeRawBufferPointer(rebasing: buffer[0..<min(n, buffer.count)]), to: asker)
    }
    return served
  }

  private func answer(_ bytes: UnsafeRawBufferPointer, to asker: SocketAddress) {
    guard let request = MoldUDP64Request(wire: bytes) else {
      malformed += 1
      return
    }
    guard request.session == packet.session, request.messageCount > 0,
      store.message(request.sequenceNumber) != nil
    else {
      unavailable += 1
      return
    }
    var sequence = request.sequenceNumber
    let end = request.sequenceNumber + UInt64(request.messageCount)
    var packets = 0
    while sequence < end, packets < Self.packetsPerAnswer, store.message(sequence) != nil {
      sequence = fill(from: sequence, before: end)
      _ = try? socket.send(packet.bytes, to: asker)
      packets += 1
    }
    answered += 1
  }

  /// Builds one packet of the kept messages from `first`; returns the number after its last.
  private func fill(from first: UInt64, before end: UInt64) -> UInt64 {
    packet.start(first)
    var sequence = first
    while sequence < end, let message = store.message(sequence), packet.fits(message.count) {
      packet.append(message)
      sequence += 1
    }
    return sequence
  }
}
