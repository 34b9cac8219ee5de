/// What a handler returns. The server adds Content-Length, Connection and Date itself and
/// drops a handler's header whose name or value could break the framing (CR, LF, non-ASCII).
public struct HTTPResponse: Sendable, Equatable {
  /// The status code, 100 ... 599.
  public var status: Int
  /// Extra header fields (Content-Type, WWW-Authenticate, Allow, ...).
  public var headers: [HTTPHeader]
  /// The body.
  public var body: [UInt8]

  /// Makes a response.
  public init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A `text/plain; charset=utf-8` response.
  public static func text(_ status: Int, _ text: String, headers: [HTTPHeader] = []) -> HTTPResponse
  {
    HTTPResponse(
      status: status,
      headers: [HTTPHeader("Content-Type", "text/plain; charset=utf-8")] + headers,
      body: Array(text.utf8)
    )
  }

  /// An `application/json` response (the caller writes the JSON).
  public static func json(_ status: Int, _ json: String) -> HTTPResponse {
    HTTPResponse(
      status: status,
      headers: [HTTPHeader("Content-Type", "application/json")],
      body: Array(json.utf8)
    )
  }

  /// A `{"error":{"id":…,"message":…}}` JSON error (the id and message are escaped).
  public static func error(_ status: Int, id: String, message: String) -> HTTPResponse {
    .json(
      status,
      "{\"error\":{\"id\":\(HTTPText.jsonString(id)),\"message\":\(HTTPText.jsonString(message))}}\n"
    )
  }

  /// The bytes on the wire; the body is left out for HEAD (`includeBody` false) but its length is
  /// still announced.
  func serialized(keepAlive: Bool, includeBody: Bool = true, date: String = HTTPText.httpDate())
    -> [UInt8]
  {
    // A status outside 200 ... 599 from a handler is a bug: 500. A 204 has no body (RFC 9110).
    let status = (200...599).contains(status) ? status : 500
    let hasBody = status != 204
    var text = "HTTP/1.1 \(status) \(HTTPText.reason(status))\r\n"
    for header in headers
    where HTTPText.isSafeHeader(header) && !HTTPText.framingHeaders.contains(header.name) {
      text += "\(header.name): \(header.value)\r\n"
    }
    text += "date: \(date)\r\n"
    if hasBody { text += "content-length: \(body.count)\r\n" }
    text += keepAlive ? "\r\n" : "connection: close\r\n\r\n"
    return Array(text.utf8) + (includeBody && hasBody ? body : [])
  }
}
