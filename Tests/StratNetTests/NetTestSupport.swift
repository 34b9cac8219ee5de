import Foundation
import Glibc

@testable import StratNet

/// A control server on 127.0.0.1:0 with a few routes, and raw-socket helpers: every read in
/// these tests is bounded (5 s), so a broken server fails a test rather than hanging CI.
final class TestServer {
  static let secret = "test-token-0123456789abcdef"
  let server: HTTPServer
  let calls = CallLog()

  init(limits: HTTPLimits = HTTPLimits(), routes extra: [HTTPRoute] = []) throws {
    let calls = self.calls
    let routes = [
      HTTPRoute("GET", "/v1/status") { _ in
        calls.record("status"); return .json(200, "{\"state\":\"running\"}")
      },
      HTTPRoute("POST", "/v1/echo") { request in
        calls.record("echo"); return HTTPResponse(status: 200, body: request.body)
      },
      HTTPRoute("POST", "/v1/kill") { _ in
        calls.record("kill"); return .json(200, "{\"killed\":true}")
      },
      HTTPRoute("GET", "/open", requiresToken: false) { _ in .text(200, "hello") },
    ]
    server = try HTTPServer(
      address: .loopback(port: 0),
      routes: routes + extra,
      token: try BearerToken(Self.secret),
      limits: limits
    )
    server.start()
  }

  deinit { server.stop() }

  var address: TCPAddress { server.address }

  /// Sends `bytes` on a fresh connection and returns everything the server sends until it
  /// closes (or 5 s pass).
  func raw(_ bytes: [UInt8], closeWrite: Bool = false) throws -> String {
    let connection = try TCPConnection.connect(to: address, timeoutMilliseconds: 5_000)
    try connection.write(bytes)
    if closeWrite { connection.shutdownWrite() }
    return readAll(connection)
  }

  func raw(_ text: String) throws -> String { try raw(Array(text.utf8)) }

  /// A request with the right token.
  func authorized(_ method: String, _ target: String, body: String = "") throws
    -> HTTPClientResponse
  {
    try HTTPClient.send(
      method,
      target,
      to: address,
      headers: [HTTPHeader("Authorization", "Bearer \(Self.secret)")],
      body: Array(body.utf8)
    )
  }
}

/// Reads until the peer closes or 5 s pass.
func readAll(_ connection: TCPConnection, seconds: Int = 5) -> String {
  let deadline = TCPSocket.deadline(afterMilliseconds: seconds * 1000)
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = chunk.withUnsafeMutableBytes {
      (try? connection.read(into: $0, deadline: deadline)) ?? nil
    }
    guard let count, count > 0 else { break }
    bytes += chunk[..<count]
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// The status code of the first response in `text`, or 0.
func statusOf(_ text: String) -> Int {
  let parts = text.split(separator: " ", maxSplits: 2)
  return parts.count >= 2 ? Int(parts[1]) ?? 0 : 0
}

/// The status codes of every response in `text` (pipelined or kept-alive answers).
func statusesOf(_ text: String) -> [Int] {
  text.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
}

/// Which handlers ran, in order (handlers run on server threads).
final class CallLog: @unchecked Sendable {
  private let lock = NSLock()
  private var names: [String] = []
  func record(_ name: String) { lock.withLock { names.append(name) } }
  var all: [String] { lock.withLock { names } }
}
