/// One endpoint: a method and an exact path (no patterns; the query is the handler's), whether
/// it needs the bearer token, and its handler.
public struct HTTPRoute: Sendable {
  /// `GET`, `POST`, ... (a GET route also answers HEAD).
  public let method: String
  /// The exact path, e.g. `/v1/status`.
  public let path: String
  /// When true, a request without `Authorization: Bearer <token>` gets 401 and never reaches
  /// the handler.
  public let requiresToken: Bool
  /// When true (the default), the handler runs only while no other serialised handler does;
  /// false for a handler safe on its own (`/metrics`), so a slow control call never delays it.
  public let isSerialized: Bool
  /// Called on a server worker thread.
  public let handler: @Sendable (HTTPRequest) -> HTTPResponse

  /// Makes a route; control routes should keep `requiresToken` and `isSerialized` true.
  public init(
    _ method: String,
    _ path: String,
    requiresToken: Bool = true,
    isSerialized: Bool = true,
    handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse
  ) {
    self.method = method
    self.path = path
    self.requiresToken = requiresToken
    self.isSerialized = isSerialized
    self.handler = handler
  }
}

/// The server's choice of route and its auth check, apart from sockets so tests can call it.
struct HTTPRouter: Sendable {
  let routes: [HTTPRoute]
  let token: BearerToken?

  /// The route's response, or 404, 405 (with Allow) or 401 (with WWW-Authenticate: Bearer).
  /// A route that needs a token is refused when the server has none (fail closed).
  func respond(to request: HTTPRequest, calling call: (HTTPRoute, HTTPRequest) -> HTTPResponse)
    -> HTTPResponse
  {
    let onPath = routes.filter { $0.path == request.path }
    guard !onPath.isEmpty else {
      return .error(404, id: "net.http.not-found", message: "no endpoint \(request.path)")
    }
    let method = request.method == "HEAD" ? "GET" : request.method
    guard let route = onPath.first(where: { $0.method == method }) else {
      var response = HTTPResponse.error(
        405,
        id: "net.http.method",
        message: "\(request.path) does not take \(request.method)"
      )
      response.headers.append(HTTPHeader("Allow", onPath.map(\.method).joined(separator: ", ")))
      return response
    }
    if route.requiresToken {
      let authorization = request.header("authorization")
      guard let token, token.matches(authorization) else {
        return Self.unauthorized(presented: authorization != nil)
      }
    }
    return call(route, request)
  }

  /// 401 with the challenge of RFC 6750 3 (`invalid_token` when a wrong token was presented).
  static func unauthorized(presented: Bool) -> HTTPResponse {
    var response = HTTPResponse.error(
      401,
      id: "net.http.unauthorized",
      message: "this endpoint needs Authorization: Bearer <token>"
    )
    let challenge =
      presented
      ? "Bearer realm=\"strat-engine\", error=\"invalid_token\"" : "Bearer realm=\"strat-engine\""
    response.headers.append(HTTPHeader("WWW-Authenticate", challenge))
    return response
  }
}
