import Glibc
import StratNet

/// Plays `DefScript`s against an acceptor over TCP, as QuickFIX's runner (test/Runner.rb,
/// ReflectorClient.rb) does: steps in order, each connection its own socket, the first
/// mismatch ends the script. Unlike QuickFIX's runner, which waits for an expected message
/// without limit, every wait here is bounded.
public struct AcceptanceRunner: Sendable {
  /// The acceptor.
  public var address: TCPAddress
  /// How long an `E` line waits for its message (4a waits a heartbeat interval, 6 s).
  public var messageTimeoutMilliseconds = 20_000
  /// How long `eDISCONNECT` waits for the close (QuickFIX's runner: 10 s).
  public var disconnectTimeoutMilliseconds = 10_000
  /// How long `iCONNECT` retries a refused connection.
  public var connectTimeoutMilliseconds = 5_000
  /// The time put into `<TIME>` placeholders, in ns since the Unix epoch.
  public var now: @Sendable () -> Int64 = AcceptanceRunner.systemTime

  public init(address: TCPAddress) { self.address = address }

  /// Runs `script` on fresh connections; returns its first mismatch, if any.
  public func run(_ script: DefScript) -> AcceptanceResult {
    var peers: [Int: AcceptancePeer] = [:]
    defer { peers.values.forEach { $0.close() } }
    for step in script.steps {
      if let mismatch = play(step, peers: &peers) {
        return AcceptanceResult(script: script.name, mismatch: mismatch)
      }
    }
    return AcceptanceResult(script: script.name, mismatch: nil)
  }

  /// A failed step before its line is attached.
  private typealias Miss = (reason: String, expected: [UInt8]?, received: [UInt8]?)

  private func play(_ step: DefScript.Step, peers: inout [Int: AcceptancePeer])
    -> AcceptanceMismatch?
  {
    guard let miss = missOf(step, peers: &peers) else { return nil }
    return AcceptanceMismatch(
      line: step.line,
      reason: miss.reason,
      expected: miss.expected.map(DefComparator.rendered),
      received: miss.received.map(DefComparator.rendered)
    )
  }

  private func missOf(_ step: DefScript.Step, peers: inout [Int: AcceptancePeer]) -> Miss? {
    let id = step.connection
    if case .connect = step.action {
      peers.removeValue(forKey: id)?.close()
      do throws(StratNetError) {
        peers[id] = try AcceptancePeer.open(
          address,
          timeoutMilliseconds: connectTimeoutMilliseconds
        )
        return nil
      } catch {
        return ("cannot connect connection \(id) to \(address): \(error.message)", nil, nil)
      }
    }
    guard let peer = peers[id] else {
      return ("connection \(id) is not open (closed or never connected)", nil, nil)
    }
    switch step.action {
    case .connect: return nil
    case .disconnect:
      peers.removeValue(forKey: id)?.close()
      return nil
    case .send(let template):
      do throws(StratNetError) { try peer.send(template.message(now: now())) } catch {
        return ("cannot send on connection \(id): \(error.message)", nil, nil)
      }
      return nil
    case .expect(let template):
      return expect(template.message(now: now()), on: peer, id: id)
    case .expectDisconnect:
      let miss = expectClose(of: peer)
      if miss == nil { peers.removeValue(forKey: id)?.close() }
      return miss
    }
  }

  private func expect(_ expected: [UInt8], on peer: AcceptancePeer, id: Int) -> Miss? {
    switch peer.nextMessage(withinMilliseconds: messageTimeoutMilliseconds) {
    case .message(let received):
      return DefComparator.difference(expected: expected, received: received).map {
        ($0, expected, received)
      }
    case .closed:
      return ("the acceptor closed connection \(id) instead of sending a message", expected, nil)
    case .timedOut: return ("no message within \(messageTimeoutMilliseconds) ms", expected, nil)
    case .failed(let why): return ("cannot read connection \(id): \(why)", expected, nil)
    }
  }

  private func expectClose(of peer: AcceptancePeer) -> Miss? {
    switch peer.awaitClose(withinMilliseconds: disconnectTimeoutMilliseconds) {
    // A reset is a disconnect too.
    case .closed, .failed: return nil
    case .message(let received):
      return ("expected the acceptor to disconnect; it sent a message", nil, received)
    case .timedOut:
      let within = "within \(disconnectTimeoutMilliseconds) ms"
      return ("expected the acceptor to disconnect \(within); it did not", nil, nil)
    }
  }

  /// The wall clock (UTC), in ns since the Unix epoch.
  public static let systemTime: @Sendable () -> Int64 = {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }
}
