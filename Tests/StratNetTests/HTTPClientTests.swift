import Testing

@testable import StratNet

/// The client's response parser, and the token header the client sends.
@Suite struct HTTPClientTests {
  func parse(_ text: String, atEnd: Bool) -> HTTPResponseParser.Outcome {
    Array(text.utf8).withUnsafeBytes {
      HTTPResponseParser.parse($0, atEnd: atEnd, maxBodyBytes: 16)
    }
  }

  @Test func readsAContentLengthBodyAndStopsThere() {
    let outcome = parse(
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b\r\n\r\nokEXTRA",
      atEnd: false
    )
    guard case .response(let response) = outcome else {
      Issue.record("\(outcome)")
      return
    }
    #expect(response.status == 200)
    #expect(response.bodyText == "ok")
    #expect(response.header("x-a") == "b")
  }

  @Test func withoutLengthTheBodyRunsToTheEnd() {
    #expect(parse("HTTP/1.1 200 OK\r\n\r\nabc", atEnd: false) == .incomplete)
    guard case .response(let response) = parse("HTTP/1.1 200 OK\r\n\r\nabc", atEnd: true) else {
      Issue.record("not parsed")
      return
    }
    #expect(response.bodyText == "abc")
  }

  @Test(arguments: [
    "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
    "HTTP/1.1 2000 OK\r\n\r\n", "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 0",
  ])
  func refusesWhatItCannotFrame(text: String) {
    guard case .failure = parse(text, atEnd: true) else {
      Issue.record("accepted: \(text.debugDescription)")
      return
    }
  }

  @Test func theTokensHeaderIsWhatTheServerAccepts() throws {
    let token = try BearerToken(TestServer.secret)
    #expect(token.authorizationHeader == HTTPHeader("authorization", "Bearer \(TestServer.secret)"))
    #expect(token.matches(token.authorizationHeader.value))
  }
}
