import Testing

@testable import StratNet

/// The parser alone: what a valid request becomes, and that pieces of one are incomplete.
@Suite struct HTTPRequestParserTests {
  func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> HTTPParseOutcome {
    Array(text.utf8).withUnsafeBytes { HTTPRequestParser.parse($0, limits: limits) }
  }

  @Test func parsesMethodTargetHeadersAndBody() throws {
    let text =
      "POST /v1/strategies/load?dry=1 HTTP/1.1\r\nHOST: x\r\nX-Tab:\t a b \t\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nbodyNEXT"
    guard case .request(let request, let consumed) = parse(text) else {
      Issue.record("\(parse(text))"); return
    }
    #expect(consumed == text.utf8.count - 4)
    #expect(request.method == "POST")
    #expect(request.path == "/v1/strategies/load")
    #expect(request.query == "dry=1")
    #expect(request.header("host") == "x")
    #expect(request.header("x-tab") == "a b")
    #expect(request.bodyText == "body")
    #expect(request.keepsAlive)
  }

  @Test func everyPrefixOfAValidRequestIsIncomplete() {
    let text = "POST /v1/kill HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
    let bytes = Array(text.utf8)
    for cut in 0..<bytes.count {
      let outcome = bytes[..<cut].withUnsafeBytes {
        HTTPRequestParser.parse($0, limits: HTTPLimits())
      }
      let headLength = bytes.count - 3
      let expected: HTTPParseOutcome =
        cut < headLength ? .incomplete : .incompleteBody(totalBytes: bytes.count)
      #expect(outcome == expected, "cut at \(cut)")
    }
  }

  @Test func connectionOptionsDecideKeepAlive() throws {
    guard
      case .request(let close, _) = parse(
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, Close\r\n\r\n"
      ),
      case .request(let old, _) = parse("GET / HTTP/1.0\r\n\r\n"),
      case .request(let oldKept, _) = parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
    else { Issue.record("not parsed"); return }
    #expect(!close.keepsAlive)
    #expect(!old.keepsAlive)
    #expect(oldKept.keepsAlive)
  }

  @Test func garbageFailsBeforeTheLineEnds() {
    #expect(
      parse("GET /\u{1}")
        == .failure(
          HTTPRequestError(
            status: 400,
            id: "net.http.bad-request-line",
            message: "byte 0x1 at offset 5 of the request line"
          )
        )
    )
    guard case .failure(let error) = parse("GET / HTTP/1.1\r\nHost: x\r\nX: \u{7F}") else {
      Issue.record("not refused"); return
    }
    #expect(error.id == "net.http.bad-header")
  }
}
