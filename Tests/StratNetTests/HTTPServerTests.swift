import Foundation
import Synchronization
import Testing

@testable import StratNet

/// Round trips over real loopback TCP (port 0): routes, auth, keep-alive, pipelining.
@Suite struct HTTPServerTests {
  @Test func getAndPostRoundTripThroughTheClient() throws {
    let test = try TestServer()
    let status = try test.authorized("GET", "/v1/status")
    #expect(status.status == 200)
    #expect(status.bodyText == "{\"state\":\"running\"}")
    #expect(status.header("Content-Type") == "application/json")
    let echo = try test.authorized("POST", "/v1/echo", body: "{\"name\":\"mm\"}")
    #expect(echo.status == 200)
    #expect(echo.bodyText == "{\"name\":\"mm\"}")
    #expect(test.calls.all == ["status", "echo"])
  }

  @Test func keepAliveServesSeveralRequestsOnOneConnection() throws {
    let test = try TestServer()
    let connection = try TCPConnection.connect(to: test.address, timeoutMilliseconds: 5_000)
    for _ in 0..<3 {
      try connection.write(Array("GET /open HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
      var chunk = [UInt8](repeating: 0, count: 4096)
      let deadline = TCPSocket.deadline(afterMilliseconds: 5_000)
      let count =
        try chunk.withUnsafeMutableBytes { try connection.read(into: $0, deadline: deadline) } ?? 0
      let text = String(decoding: chunk[..<count], as: UTF8.self)
      #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
      #expect(text.hasSuffix("\r\n\r\nhello"))
      #expect(!text.contains("connection: close"))
    }
    try connection.write(Array("GET /open HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".utf8))
    let last = readAll(connection)
    #expect(statusOf(last) == 200)
    #expect(last.contains("connection: close\r\n"))
  }

  @Test func pipelinedRequestsAreAnsweredInOrder() throws {
    let test = try TestServer()
    let token = "Authorization: Bearer \(TestServer.secret)\r\n"
    let text = try test.raw(
      "GET /open HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /v1/status HTTP/1.1\r\nHost: x\r\n\(token)Connection: close\r\n\r\n"
    )
    #expect(statusesOf(text) == [200, 404, 200])
  }

  @Test func http10ClosesUnlessKeepAliveIsAsked() throws {
    let test = try TestServer()
    let text = try test.raw("GET /open HTTP/1.0\r\n\r\n")
    #expect(statusOf(text) == 200)
    #expect(text.contains("connection: close\r\n"))
  }

  @Test func headAnswersWithoutBodyAndWrongMethodGets405WithAllow() throws {
    let test = try TestServer()
    let head = try test.raw("HEAD /open HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    #expect(statusOf(head) == 200)
    #expect(head.contains("content-length: 5\r\n"))
    #expect(head.hasSuffix("\r\n\r\n"))
    let wrong = try HTTPClient.send("DELETE", "/open", to: test.address)
    #expect(wrong.status == 405)
    #expect(wrong.header("allow") == "GET")
  }

  @Test func unknownPathIs404() throws {
    let test = try TestServer()
    let response = try HTTPClient.send("GET", "/v2/nothing", to: test.address)
    #expect(response.status == 404)
    #expect(response.bodyText.contains("net.http.not-found"))
  }

  @Test func handlerHeadersThatCouldSplitTheResponseAreDropped() throws {
    let evil = HTTPRoute("GET", "/evil", requiresToken: false) { _ in
      HTTPResponse(
        status: 200,
        headers: [HTTPHeader("X-Name", "a\r\nSet-Cookie: x=1"), HTTPHeader("X-Ok", "fine")],
        body: []
      )
    }
    let test = try TestServer(routes: [evil])
    let text = try test.raw("GET /evil HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    #expect(statusOf(text) == 200)
    #expect(!text.lowercased().contains("set-cookie"))
    #expect(text.contains("x-ok: fine\r\n"))
  }

  @Test func clientTimesOutOnAServerThatNeverAnswers() throws {
    let listener = try TCPListener(binding: .loopback(port: 0))
    #expect(listener.port != 0)
    #expect(throws: StratNetError.self) {
      _ = try HTTPClient.send("GET", "/", to: listener.address, timeoutMilliseconds: 200)
    }
    do {
      _ = try HTTPClient.send("GET", "/", to: listener.address, timeoutMilliseconds: 200)
    } catch { #expect(error.id == "net.tcp.timeout") }
  }

  @Test func clientReportsARefusedConnection() throws {
    let listener = try TCPListener(binding: .loopback(port: 0))
    let address = listener.address
    listener.close()
    do {
      _ = try HTTPClient.send("GET", "/", to: address, timeoutMilliseconds: 1_000)
      Issue.record("expected a refused connection")
    } catch { #expect(error.id == "net.tcp.connect") }
  }

  @Test func stopEndsServingAndFreesThePort() throws {
    let test = try TestServer()
    #expect(try HTTPClient.send("GET", "/open", to: test.address).status == 200)
    test.server.stop()
    #expect(throws: StratNetError.self) {
      _ = try HTTPClient.send("GET", "/open", to: test.address, timeoutMilliseconds: 500)
    }
  }

  @Test func aHandlersImpossibleStatusIs500AndA204HasNoBody() throws {
    let odd = HTTPRoute("GET", "/odd", requiresToken: false) { _ in .text(42, "x") }
    let empty = HTTPRoute("GET", "/empty", requiresToken: false) { _ in .text(204, "dropped") }
    let test = try TestServer(routes: [odd, empty])
    #expect(try HTTPClient.send("GET", "/odd", to: test.address).status == 500)
    let text = try test.raw("GET /empty HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    #expect(text.hasPrefix("HTTP/1.1 204 No Content\r\n"))
    #expect(!text.contains("content-length"))
    #expect(text.hasSuffix("\r\n\r\n"))
  }

  @Test func manyClientsAtOnceAreServedOrRefusedNeverHung() throws {
    let test = try TestServer()
    let address = test.address
    let statuses = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: 32) { _ in
      let status = (try? HTTPClient.send("GET", "/open", to: address, timeoutMilliseconds: 10_000))?
        .status
      statuses.withLock { $0.append(status ?? -1) }
    }
    let all = statuses.withLock { $0 }
    #expect(all.count == 32)
    #expect(all.allSatisfy { $0 == 200 || $0 == 503 }, "\(all)")
    #expect(all.contains(200))
    #expect(try HTTPClient.send("GET", "/open", to: address).status == 200)
  }
}
