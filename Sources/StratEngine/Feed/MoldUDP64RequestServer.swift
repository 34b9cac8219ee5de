import StratMarket
import StratNet

/// Answers MoldUDP64 re-requests from the packets a publisher sent: each 20-byte request
/// (session, first number, count) gets one packet, sent back to the asker, holding as many of
/// the wanted messages as fit in `maxPacketBytes`. Numbers the store no longer keeps (see
/// `MoldUDP64RetransmissionStore`), another session and malformed requests get no answer.
/// Runs on the publisher's thread, between its sends.
public final class MoldUDP64RequestServer {
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

  init(
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
      let first = store.message(request.sequenceNumber)
    else {
      unavailable += 1
      return
    }
    packet.start(request.sequenceNumber)
    packet.append(first)
    var sequence = request.sequenceNumber + 1
    let end = request.sequenceNumber + UInt64(request.messageCount)
    while sequence < end, let message = store.message(sequence), packet.fits(message.count) {
      packet.append(message)
      sequence += 1
    }
    answered += 1
    _ = try? socket.send(packet.bytes, to: asker)
  }
}
