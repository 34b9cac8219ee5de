import Foundation
import StratFIX
import StratNet

/// A scripted acceptor for the runner's tests (no session layer): it plays a `.def` script
/// from the other side. On an I step it reads exactly the bytes the runner must send and
/// checks them; on an E step it sends the expected message with real times in 52/60/122 and
/// its own 9 and 10; on eDISCONNECT it closes. `fault` makes it misbehave at one E step.
final class ScriptedAcceptor: @unchecked Sendable {
  enum Fault: Equatable {
    case none
    /// At the E step on `line`, send `tag` with a wrong value.
    case wrongValue(line: Int, tag: String)
    /// Skip the E step on `line`.
    case missing(line: Int)
    /// Close the connection instead of the E step on `line`.
    case disconnect(line: Int)
  }

  let listener: TCPListener
  private let lock = NSLock()
  private var problems: [String] = []
  private let done = DispatchSemaphore(value: 0)

  /// Whether sent bytes must equal the script's at `now` (false: only their count, for a
  /// runner on the wall clock).
  private let checksBytes: Bool

  init(script: DefScript, now: Int64, fault: Fault = .none, checksBytes: Bool = true) throws {
    listener = try TCPListener(binding: .loopback(port: 0))
    self.checksBytes = checksBytes
    Thread.detachNewThread { [self] in
      play(script, now: now, fault: fault)
      done.signal()
    }
  }

  /// What the acceptor found wrong in what the runner sent, once the script is over.
  func finish() -> [String] {
    _ = done.wait(timeout: .now() + 20)
    listener.close()
    return lock.withLock { problems }
  }

  private func note(_ problem: String) { lock.withLock { problems.append(problem) } }

  private func play(_ script: DefScript, now: Int64, fault: Fault) {
    var connections: [Int: TCPConnection] = [:]
    defer { connections.values.forEach { $0.close() } }
    for step in script.steps {
      let id = step.connection
      switch step.action {
      case .connect:
        guard let connection = try? listener.accept(timeoutMilliseconds: 5000) else {
          return note("line \(step.line): no connection")
        }
        connection.setTimeouts(readMilliseconds: 5000, writeMilliseconds: 5000)
        connections[id] = connection
      case .disconnect, .expectDisconnect:
        connections.removeValue(forKey: id)?.close()
      case .send(let template):
        let wanted = template.message(now: now)
        guard let connection = connections[id], let got = read(wanted.count, from: connection),
          got == wanted || !checksBytes
        else {
          return note(
            "line \(step.line): the runner did not send \(DefComparator.rendered(wanted))"
          )
        }
      case .expect(let template):
        if fault == .missing(line: step.line) { continue }
        if fault == .disconnect(line: step.line) {
          connections.removeValue(forKey: id)?.close()
          continue
        }
        var message = ScriptedAcceptor.realised(template.expanded(now: now), now: now)
        if case .wrongValue(step.line, let tag) = fault {
          message = ScriptedAcceptor.realised(
            ScriptedAcceptor.replacing(tag, in: message),
            now: now
          )
        }
        try? connections[id]?.write(message)
      }
    }
  }

  private func read(_ count: Int, from connection: TCPConnection) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var have = 0
    while have < count {
      let got = bytes.withUnsafeMutableBytes { raw in
        (try? connection.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[have...]))) ?? 0
      }
      if got == 0 { return nil }
      have += got
    }
    return bytes
  }

  /// The expected message as an acceptor sends it: the zero times made real, 9 and 10 counted.
  static func realised(_ expected: [UInt8], now: Int64) -> [UInt8] {
    let stamp = FIXTime.timestamp(now)
    var fields = String(decoding: expected, as: UTF8.self).split(separator: "\u{1}").map(
      String.init
    )
    fields = fields.filter { !$0.hasPrefix("9=") && !$0.hasPrefix("10=") }.map { field in
      field.replacingOccurrences(of: "00000000-00:00:00.000", with: stamp)
        .replacingOccurrences(of: "00000000-00:00:00", with: String(stamp.prefix(17)))
    }
    let body = Array(fields.dropFirst().map { $0 + "\u{1}" }.joined().utf8)
    var out = Array("\(fields[0])\u{1}9=\(body.count)\u{1}".utf8) + body
    let sum = out.reduce(0) { ($0 + Int($1)) % 256 }
    out += Array("10=\(String(format: "%03d", sum))\u{1}".utf8)
    return out
  }

  private static func replacing(_ tag: String, in message: [UInt8]) -> [UInt8] {
    let text = String(decoding: message, as: UTF8.self)
    let fields = text.split(separator: "\u{1}").map {
      $0.hasPrefix("\(tag)=") ? "\(tag)=WRONG" : String($0)
    }
    return Array((fields.joined(separator: "\u{1}") + "\u{1}").utf8)
  }
}
