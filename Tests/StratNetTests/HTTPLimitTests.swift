import Foundation
import Testing

@testable import StratNet

/// Every cap and every malformed request over loopback TCP: each gets its status, no handler
/// runs, and the server goes on serving.
@Suite struct HTTPLimitTests {
  static let limits: HTTPLimits = {
    var limits = HTTPLimits()
    limits.maxRequestLineBytes = 64
    limits.maxHeaderCount = 4
    limits.maxHeaderBytes = 256
    limits.maxBodyBytes = 64
    limits.maxConnections = 2
    return limits
  }()

  /// The limits with a short request timeout, for the deadline tests only (elsewhere a loaded
  /// machine could turn a slow test thread into a 408).
  static let shortDeadline: HTTPLimits = {
    var limits = Self.limits
    limits.requestTimeoutMilliseconds = 300
    return limits
  }()

  static let refused: [(String, String, Int)] = [
    (
      "request line too long",
      "GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: x\r\n\r\n", 414
    ),
    (
      "too many headers", "GET /open HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n",
      431
    ),
    (
      "header bytes",
      "GET /open HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 300))\r\n\r\n", 431
    ),
    ("body too large", "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n", 413),
    ("no method", " / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("two spaces", "GET  /open HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("four parts", "GET /open HTTP/1.1 x\r\nHost: x\r\n\r\n", 400),
    ("absolute target", "GET http://x/open HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("not HTTP", "GET /open FTP/1.0\r\nHost: x\r\n\r\n", 400),
    ("HTTP/2.0", "GET /open HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ("negative length", "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
    (
      "length not a number", "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 1e3\r\n\r\n", 400
    ),
    ("length list", "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 1\r\n\r\nx", 400),
    (
      "huge length",
      "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413
    ),
    (
      "two lengths",
      "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxy", 400
    ),
    (
      "chunked", "POST /v1/kill HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      501
    ),
    (
      "chunked and length",
      "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      501
    ),
    ("post without length", "POST /v1/kill HTTP/1.1\r\nHost: x\r\n\r\n", 411),
    ("bare CR in header", "POST /v1/kill HTTP/1.1\r\nHost: x\rContent-Length: 0\r\n\r\n", 400),
    ("bare LF in header", "POST /v1/kill HTTP/1.1\r\nHost: x\nContent-Length: 0\r\n\r\n", 400),
    ("bare LF line ends", "GET /open HTTP/1.1\nHost: x\n\n", 400),
    ("CR in target", "GET /open\r HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("obs-fold", "GET /open HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n folded\r\n\r\n", 400),
    ("space before colon", "GET /open HTTP/1.1\r\nHost : x\r\n\r\n", 400),
    ("no colon", "GET /open HTTP/1.1\r\nHost x\r\n\r\n", 400),
    ("NUL in header", "GET /open HTTP/1.1\r\nHost: x\u{0}y\r\n\r\n", 400),
    ("non-ASCII target", "GET /op\u{e9}n HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("non-ASCII header", "GET /open HTTP/1.1\r\nHost: x\r\nX-Name: caf\u{e9}\r\n\r\n", 400),
    ("no host", "GET /open HTTP/1.1\r\n\r\n", 400),
    ("two hosts", "GET /open HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400),
  ]

  @Test(arguments: refused)
  func malformedOrOversizedRequestGetsItsStatusAndServingGoesOn(
    name: String,
    request: String,
    status: Int
  ) throws {
    let test = try TestServer(limits: Self.limits)
    let answer = try test.raw(request)
    #expect(statusOf(answer) == status, "\(name): \(answer)")
    #expect(answer.contains("connection: close\r\n"), "\(name)")
    #expect(test.calls.all.isEmpty, "\(name): no handler runs")
    #expect(test.server.counters.rejected.value == 1)
    #expect(
      try HTTPClient.send("GET", "/open", to: test.address).status == 200,
      "\(name): still serving"
    )
  }

  @Test func binaryGarbageIs400AtOnce() throws {
    let test = try TestServer(limits: Self.limits)
    let answer = try test.raw((0...255).map { UInt8($0) })
    #expect(statusOf(answer) == 400)
    #expect(answer.contains("net.http.bad-request-line"))
    #expect(try HTTPClient.send("GET", "/open", to: test.address).status == 200)
  }

  @Test func bodyAtTheCapIsServed() throws {
    let test = try TestServer(limits: Self.limits)
    let body = String(repeating: "z", count: 64)
    #expect(try test.authorized("POST", "/v1/echo", body: body).bodyText == body)
  }

  @Test func halfARequestThenSilenceGets408() throws {
    let test = try TestServer(limits: Self.shortDeadline)
    let connection = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    try connection.write(Array("GET /open HTTP/1.1\r\nHost: x\r\n".utf8))
    let answer = readAll(connection)
    #expect(statusOf(answer) == 408)
    #expect(answer.contains("net.http.timeout"))
    #expect(try HTTPClient.send("GET", "/open", to: test.address).status == 200)
  }

  @Test func aTrickleOfBytesStillMeetsTheDeadline() throws {
    let test = try TestServer(limits: Self.shortDeadline)
    let connection = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    try connection.write(Array("GET /open HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8))
    // One byte every 50 ms: each read is quick, only the whole request has a deadline. Stops
    // when the server answers (or after 3 s, which would fail below).
    for _ in 0..<60 {
      if (try? connection.write([UInt8(ascii: "a")])) == nil { break }
      if TCPSocket.wait(connection.descriptorForTests, for: Int16(POLLIN), milliseconds: 50) {
        break
      }
    }
    #expect(statusOf(readAll(connection)) == 408)
  }

  @Test func connectionsPastTheCapGet503AndServingGoesOn() throws {
    let test = try TestServer(limits: Self.limits)
    let first = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    let second = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    let third = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    let refused = readAll(third)
    #expect(statusOf(refused) == 503)
    #expect(refused.contains("retry-after: 1\r\n"))
    #expect(test.server.counters.connectionsRefused.value == 1)
    for connection in [first, second] {
      try connection.write(Array("GET /open HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
      #expect(statusOf(readAll(connection)) == 200)
    }
    #expect(try HTTPClient.send("GET", "/open", to: test.address).status == 200)
  }

  @Test func aSilentNewConnectionIsDroppedAfterTheRequestTimeoutNotTheIdleTime() throws {
    var limits = Self.shortDeadline
    limits.maxConnections = 1
    limits.idleTimeoutMilliseconds = 600_000
    let test = try TestServer(limits: limits)
    let silent = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    #expect(readAll(silent) == "", "closed without an answer")
    // Had it waited for the idle time, the only worker would still be held: 503.
    #expect(try HTTPClient.send("GET", "/open", to: test.address).status == 200)
  }

  @Test func aRequestSentOneByteAtATimeIsServed() throws {
    let test = try TestServer(limits: Self.limits)
    let connection = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    let body = "{\"a\":\n1}"
    let request =
      "POST /v1/echo HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestServer.secret)\r\n"
      + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
    for byte in request.utf8 { try connection.write([byte]) }
    let answer = readAll(connection)
    #expect(statusOf(answer) == 200)
    #expect(answer.hasSuffix("\r\n\r\n\(body)"))
  }

  @Test func aRequestLineGrowingByteByByteWithoutLineEndGets414() throws {
    let test = try TestServer(limits: Self.limits)
    let connection = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    try connection.write(Array("GET /".utf8))
    // Stops once the server has answered, so no byte arrives after its close (a reset).
    for _ in 0..<1_000 {
      if (try? connection.write([UInt8(ascii: "a")])) == nil { break }
      if TCPSocket.wait(connection.descriptorForTests, for: Int16(POLLIN), milliseconds: 0) {
        break
      }
    }
    #expect(statusOf(readAll(connection)) == 414)
  }
}
