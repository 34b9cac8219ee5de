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

  private func play(_ step: DefScript.Step, peers: inout [Int: AcceptancePeer]) -> AcceptanceMismatch? {
    let id = step.connection
    func fail(_ reason: String, _ expected: [UInt8]? = nil, _ received: [UInt8]? = nil) -> AcceptanceMismatch {
      AcceptanceMismatch(line: step.line, reason: reason, expected: expected.map(DefComparator.rendered),
                         received: received.map(DefComparator.rendered))
    }
    if case .connect = step.action {
      peers.removeValue(forKey: id)?.close()
      do throws(StratNetError) {
        peers[id] = try AcceptancePeer.open(address, timeoutMilliseconds: connectTimeoutMilliseconds)
        return nil
      } catch { return fail("cannot connect connection \(id) to \(address): \(error.message)") }
    }
    guard let peer = peers[id] else { return fail("connection \(id) is not open (closed or never connected)") }
    switch step.action {
    case .connect: return nil
    case .disconnect:
      peers.removeValue(forKey: id)?.close()
      return nil
    case .send(let template):
      let bytes = template.message(now: now())
      do throws(StratNetError) { try peer.send(bytes) } catch {
        return fail("cannot send on connection \(id): \(error.message)")
      }
      return nil
    case .expect(let template):
      let expected = template.message(now: now())
      switch peer.nextMessage(withinMilliseconds: messageTimeoutMilliseconds) {
      case .message(let received):
        return DefComparator.difference(expected: expected, received: received).map { fail($0, expected, received) }
      case .closed: return fail("the acceptor closed connection \(id) instead of sending a message", expected)
      case .timedOut: return fail("no message within \(messageTimeoutMilliseconds) ms", expected)
      case .failed(let why): return fail("cannot read connection \(id): \(why)", expected)
      }
    case .expectDisconnect:
      switch peer.awaitClose(withinMilliseconds: disconnectTimeoutMilliseconds) {
      case .closed, .failed:
        peers.removeValue(forKey: id)?.close()
        return nil
      case .message(let received): return fail("expected the acceptor to disconnect; it sent a message", nil, received)
      case .timedOut: return fail("expected the acceptor to disconnect within \(disconnectTimeoutMilliseconds) ms; it did not")
      }
    }
  }

  /// The wall clock (UTC), in ns since the Unix epoch.
  public static let systemTime: @Sendable () -> Int64 = {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
  }
}

/// The first difference between a script and what the acceptor did.
public struct AcceptanceMismatch: Sendable, Equatable {
  /// The script line (1-based) of the step that failed.
  public var line: Int
  public var reason: String
  /// The message the step expected or sent, `|` for ␁.
  public var expected: String?
  /// The message received, `|` for ␁.
  public var received: String?
}

/// How one script went.
public struct AcceptanceResult: Sendable, Equatable {
  public var script: String
  public var mismatch: AcceptanceMismatch?

  public var passed: Bool { mismatch == nil }

  /// `PASS name`, or `FAIL name line N: reason` with the messages on the lines after.
  public var summary: String {
    guard let mismatch else { return "PASS \(script)" }
    var text = "FAIL \(script) line \(mismatch.line): \(mismatch.reason)"
    if let expected = mismatch.expected { text += "\n    expected: \(expected)" }
    if let received = mismatch.received { text += "\n    received: \(received)" }
    return text
  }
}
