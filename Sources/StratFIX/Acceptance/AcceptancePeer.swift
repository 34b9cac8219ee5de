import Glibc
import StratNet

/// One connection of a script to the acceptor: bytes read are cut into messages by
/// `FIXFramer` (bytes it skips are dropped, as QuickFIX's runner reads past them), and every
/// wait is bounded.
final class AcceptancePeer {
  /// What a wait on the connection ended with.
  enum Event: Equatable {
    case message([UInt8])
    case closed
    case timedOut
    case failed(String)
  }

  private let connection: TCPConnection
  private var buffer: [UInt8] = []
  private let framer = FIXFramer()

  private init(_ connection: TCPConnection) { self.connection = connection }

  /// Connects, retrying a refused connection (an acceptor still starting) until the timeout.
  static func open(_ address: TCPAddress, timeoutMilliseconds: Int) throws(StratNetError)
    -> AcceptancePeer
  {
    let deadline = ContinuousClock.now + .milliseconds(timeoutMilliseconds)
    while true {
      do {
        let left = AcceptancePeer.milliseconds(until: deadline)
        return AcceptancePeer(
          try TCPConnection.connect(to: address, timeoutMilliseconds: max(1, left))
        )
      } catch  where error.id == "net.tcp.connect" && ContinuousClock.now < deadline {
        usleep(50_000)
      }
    }
  }

  /// Sends `bytes` as they are.
  func send(_ bytes: [UInt8]) throws(StratNetError) {
    connection.setTimeouts(readMilliseconds: 0, writeMilliseconds: 10_000)
    try connection.write(bytes)
  }

  /// The next whole message, or why there is none within the timeout.
  func nextMessage(withinMilliseconds timeout: Int) -> Event {
    let deadline = ContinuousClock.now + .milliseconds(timeout)
    while true {
      if let message = takeMessage() { return .message(message) }
      let event = receive(until: deadline)
      if event != nil { return event! }
    }
  }

  /// Waits for the peer to close; any byte that comes first (or is left over) is returned.
  func awaitClose(withinMilliseconds timeout: Int) -> Event {
    if !buffer.isEmpty { return .message(takeMessage() ?? buffer) }
    let deadline = ContinuousClock.now + .milliseconds(timeout)
    return receive(until: deadline) ?? .message(takeMessage() ?? buffer)
  }

  /// Reads once into the buffer: nil when bytes came, else how the read ended.
  private func receive(until deadline: ContinuousClock.Instant) -> Event? {
    let left = AcceptancePeer.milliseconds(until: deadline)
    guard left > 0 else { return .timedOut }
    connection.setTimeouts(readMilliseconds: left, writeMilliseconds: 10_000)
    var chunk = [UInt8](repeating: 0, count: 4096)
    do throws(StratNetError) {
      var failure: StratNetError?
      let count = chunk.withUnsafeMutableBytes { raw -> Int in
        do throws(StratNetError) { return try connection.read(into: raw) } catch {
          failure = error
          return 0
        }
      }
      if let failure { throw failure }
      if count == 0 { return .closed }
      buffer += chunk[..<count]
      return nil
    } catch  where error.id == "net.tcp.timeout" {
      return .timedOut
    } catch {
      return .failed(error.message)
    }
  }

  /// Cuts the first whole message off the buffer, dropping bytes the framer skips.
  private func takeMessage() -> [UInt8]? {
    while !buffer.isEmpty {
      switch buffer.withUnsafeBytes({ framer.next(in: $0) }) {
      case .message(let count):
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
      case .skip(let count, _): buffer.removeFirst(count)
      case .incomplete: return nil
      }
    }
    return nil
  }

  func close() { connection.close() }

  private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
    let left = ContinuousClock.now.duration(to: deadline).components
    return max(0, Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000))
  }
}
