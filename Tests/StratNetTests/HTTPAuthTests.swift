import Testing

@testable import StratNet

/// Control routes need `Authorization: Bearer <token>`: without the right one the answer is 401
/// with a Bearer challenge and the handler never runs.
@Suite struct HTTPAuthTests {
  static let wrong: [(String, String?)] = [
    ("missing", nil),
    ("wrong token", "Bearer test-token-0123456789abcdeX"),
    ("prefix of the token", "Bearer test-token-0123456789abcde"),
    ("token plus a byte", "Bearer test-token-0123456789abcdefg"),
    ("empty credential", "Bearer "),
    ("other scheme", "Basic \(TestServer.secret)"),
    ("no scheme", TestServer.secret),
    ("two spaces", "Bearer  \(TestServer.secret)"),
  ]

  @Test(arguments: wrong)
  func killWithoutTheRightTokenIs401AndDoesNothing(name: String, authorization: String?) throws {
    let test = try TestServer()
    let headers = authorization.map { [HTTPHeader("Authorization", $0)] } ?? []
    let response = try HTTPClient.send("POST", "/v1/kill", to: test.address, headers: headers)
    #expect(response.status == 401, "\(name)")
    let challenge = response.header("www-authenticate") ?? ""
    #expect(challenge.hasPrefix("Bearer realm=\"strat-engine\""), "\(name)")
    #expect(challenge.contains("invalid_token") == (authorization != nil), "\(name)")
    #expect(test.calls.all.isEmpty, "\(name): the kill handler must not run")
    #expect(test.server.counters.unauthorized.value == 1)
  }

  @Test func theRightTokenInAnyCaseOfTheSchemeIsServed() throws {
    let test = try TestServer()
    for scheme in ["Bearer", "bearer", "BEARER"] {
      let response = try HTTPClient.send(
        "POST",
        "/v1/kill",
        to: test.address,
        headers: [HTTPHeader("Authorization", "\(scheme) \(TestServer.secret)")]
      )
      #expect(response.status == 200)
    }
    #expect(test.calls.all == ["kill", "kill", "kill"])
  }

  @Test func openRoutesNeedNoToken() throws {
    let test = try TestServer()
    #expect(try HTTPClient.send("GET", "/open", to: test.address).status == 200)
  }

  @Test func aServerWithoutATokenRefusesEveryProtectedRoute() throws {
    let kill = HTTPRoute("POST", "/v1/kill") { _ in .json(200, "{}") }
    let server = try HTTPServer(address: .loopback(port: 0), routes: [kill], token: nil)
    server.start()
    defer { server.stop() }
    let response = try HTTPClient.send(
      "POST",
      "/v1/kill",
      to: server.address,
      headers: [HTTPHeader("Authorization", "Bearer anything-at-all-123456")]
    )
    #expect(response.status == 401)
  }
}
