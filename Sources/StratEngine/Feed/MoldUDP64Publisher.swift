import Foundation
import Glibc
import StratMarket
import StratMoldUDP64
import StratNet

/// Sends a day of ITCH 5.0 as MoldUDP64 packets, for tests and demos, and answers re-requests.
///
///   ITCHFileReader ─▶ packet buffer ─(full, or paced)─▶ impairments ─▶ dataSocket ──▶ ADDR
///                          │ every message                (drop, dup, reorder)
///                          ▼
///                   retransmission store ◀── MoldUDP64RequestServer ◀──requests── receivers
///
/// One thread runs everything: between sends (and while pacing) it answers the requests that
/// are waiting; after the day it repeats the end-of-session packet and keeps answering for
/// `lingerNanos` (or until `stop()`). Created on one thread, it may be handed to another once to
/// run; only `stop()` may be called from elsewhere.
public final class MoldUDP64Publisher: @unchecked Sendable {
  public let options: MoldUDP64PublisherOptions
  /// The request server's address, when it has one.
  public var requestAddress: SocketAddress? { server?.address }
  private let socket: UDPSocket
  private let server: MoldUDP64RequestServer?
  private let store: MoldUDP64RetransmissionStore
  private let packet: MoldUDP64PacketBuffer
  private let held: MoldUDP64PacketBuffer
  private var holding = false
  private var random: SeededRandom
  private var report = MoldUDP64PublisherReport()
  private let stopLock = NSLock()
  private var stopRequested = false

  /// Opens the sending socket and the request server.
  public convenience init(_ options: MoldUDP64PublisherOptions) throws(MoldUDP64FeedError) {
    do { try self.init(opening: options) } catch { throw MoldUDP64FeedError("publisher", error) }
  }

  private init(opening options: MoldUDP64PublisherOptions) throws(NetError) {
    self.options = options
    let session = MoldUDP64Session(options.session)
    let store = MoldUDP64RetransmissionStore(capacity: options.retainedMessages)
    self.store = store
    packet = MoldUDP64PacketBuffer(session: session, capacity: options.maxPacketBytes)
    held = MoldUDP64PacketBuffer(session: session, capacity: options.maxPacketBytes)
    random = SeededRandom(seed: options.seed)
    socket = try UDPSocket(bindingTo: SocketAddress(ipv4: options.interface.ipv4, port: 0))
    if options.destination.isMulticast { try socket.sendMulticast(through: options.interface) }
    server = try options.requestPort.map { (port) throws(NetError) in
      try MoldUDP64RequestServer(
        bindingTo: SocketAddress(ipv4: options.interface.ipv4, port: port),
        store: store,
        session: session,
        maxPacketBytes: options.maxPacketBytes
      )
    }
  }

  /// Ends the linger early (from any thread): the receivers are done.
  public func stop() { stopLock.withLock { stopRequested = true } }

  private var stopping: Bool { stopLock.withLock { stopRequested } }

  /// Sends every message of `reader`, then the end of session, then lingers.
  public func run(_ reader: ITCHFileReader) throws(MarketDataError) -> MoldUDP64PublisherReport {
    let start = MonotonicClock.nanos()
    var firstStamp: Int64?
    packet.start(store.nextSequence)
    while let wire = try reader.nextWire() {
      let length = ITCHMessageType.length(of: wire.type) ?? 1
      let message = UnsafeRawBufferPointer(start: wire.base, count: length)
      if let speed = options.speed, speed > 0 {
        let stamp = Int64(wire.u48(5))
        let due = start + Int64(Double(stamp - (firstStamp ?? stamp)) / speed)
        firstStamp = firstStamp ?? stamp
        if due > MonotonicClock.nanos() {
          flush()
          wait(until: due)
        }
      }
      if !packet.fits(length) { flush() }
      store.append(message)
      packet.append(message)
      report.messages += 1
    }
    flush()
    releaseHeld()
    linger()
    report.elapsedNanos = MonotonicClock.nanos() - start
    report.requestsAnswered = server?.answered ?? 0
    report.requestsUnavailable = server?.unavailable ?? 0
    return report
  }

  /// Sends the packet being built (with the impairments drawn for it) and starts the next.
  private func flush() {
    defer { packet.start(store.nextSequence) }
    guard packet.messageCount > 0 else { return }
    report.packets += 1
    if random.chance(options.dropProbability) {
      report.dropped += 1
    } else if !holding && random.chance(options.reorderProbability) {
      held.copy(packet)
      holding = true
      report.reordered += 1
      return
    } else {
      send(packet.bytes)
      if random.chance(options.duplicateProbability) {
        report.duplicated += 1
        send(packet.bytes)
      }
    }
    releaseHeld()
    _ = server?.serve(timeoutMillis: 0)
  }

  private func releaseHeld() {
    guard holding else { return }
    holding = false
    send(held.bytes)
  }

  /// Sends, retrying while the socket buffer is full; a refusal is not fatal (it is a drop).
  private func send(_ bytes: UnsafeRawBufferPointer) {
    for _ in 0..<10_000 {
      guard let sent = try? socket.send(bytes, to: options.destination), !sent else { return }
      _ = server?.serve(timeoutMillis: 0)
      usleep(20)
    }
  }

  /// Answers requests until `due`, sending a heartbeat (the next number) each second of
  /// silence, so that a receiver learns of a lost last packet while the day is quiet.
  private func wait(until due: Int64) {
    var lastSent = MonotonicClock.nanos()
    while true {
      let now = MonotonicClock.nanos()
      let left = due - now
      if left <= 0 { return }
      if now - lastSent >= 1_000_000_000 {
        packet.start(store.nextSequence)
        send(packet.bytes)
        lastSent = now
      }
      _ = server?.serve(timeoutMillis: Int32(min(left / 1_000_000, 50)))
      if left < 1_000_000 { usleep(UInt32(left / 1_000)) }
    }
  }

  /// Repeats the end of session every 20 ms (a receiver that missed the last packet learns of
  /// it) and answers requests, for `lingerNanos` or `endOfSessionRepeats` packets.
  private func linger() {
    let end = MonotonicClock.nanos() + options.lingerNanos
    var repeats = 0
    while MonotonicClock.nanos() < end && repeats < max(1, options.endOfSessionRepeats) && !stopping
    {
      packet.start(store.nextSequence, count: MoldUDP64Packet.endOfSessionCount)
      send(packet.bytes)
      repeats += 1
      if server == nil { usleep(20_000) } else { _ = server?.serve(timeoutMillis: 20) }
    }
  }
}
