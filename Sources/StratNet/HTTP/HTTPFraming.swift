/// The request line and the body length: the two places where a lax parser lets one request
/// be read as two (request smuggling), so each rule here is strict.
struct RequestLine {
  let method: String
  let target: String
  let minorVersion: Int

  /// request-line := method SP request-target SP HTTP-version (single spaces; origin-form)
  static func parse(_ line: String) -> Result<RequestLine, HTTPRequestError> {
    let parts = line.split(separator: " ", omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
      return .failure(
        HTTPRequestParser.error(
          400,
          "net.http.bad-request-line",
          "expected METHOD SP TARGET SP HTTP/1.1"
        )
      )
    }
    guard parts[0].utf8.allSatisfy(HTTPText.isTokenByte) else {
      return .failure(
        HTTPRequestParser.error(400, "net.http.bad-method", "the method is not a token")
      )
    }
    guard parts[1].hasPrefix("/") else {
      return .failure(
        HTTPRequestParser.error(
          400,
          "net.http.bad-target",
          "the target must be a path starting with /"
        )
      )
    }
    switch parts[2] {
    case "HTTP/1.1":
      return .success(
        RequestLine(method: String(parts[0]), target: String(parts[1]), minorVersion: 1)
      )
    case "HTTP/1.0":
      return .success(
        RequestLine(method: String(parts[0]), target: String(parts[1]), minorVersion: 0)
      )
    default:
      let looksLikeHTTP = parts[2].hasPrefix("HTTP/") && parts[2].utf8.count == 8
      return .failure(
        looksLikeHTTP
          ? HTTPRequestParser.error(
            505,
            "net.http.version",
            "only HTTP/1.1 and HTTP/1.0 are served"
          )
          : HTTPRequestParser.error(400, "net.http.bad-request-line", "the version is not HTTP/1.x")
      )
    }
  }
}

enum HTTPFraming {
  /// Methods whose requests carry a body, so need a Content-Length (411 without one).
  static let methodsWithBody: Set<String> = ["POST", "PUT", "PATCH"]

  /// The body length, or why the request cannot be framed: Transfer-Encoding (chunked or any
  /// other coding) is not implemented (501); Content-Length must be digits, the same in every
  /// field (400), within the cap (413); a body method without one gets 411; HTTP/1.1 needs
  /// exactly one Host (400, RFC 9112 3.2).
  static func bodyLength(
    method: String,
    minorVersion: Int,
    headers: [HTTPHeader],
    limits: HTTPLimits
  )
    -> Result<Int, HTTPRequestError>
  {
    let hosts = headers.filter { $0.name == "host" }.count
    if hosts > 1 || (minorVersion == 1 && hosts == 0) {
      return .failure(
        HTTPRequestParser.error(
          400,
          "net.http.host",
          "an HTTP/1.1 request needs exactly one Host header"
        )
      )
    }
    if headers.contains(where: { $0.name == "transfer-encoding" }) {
      return .failure(
        HTTPRequestParser.error(
          501,
          "net.http.transfer-encoding",
          "Transfer-Encoding is not supported: send Content-Length"
        )
      )
    }
    let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
    guard let first = lengths.first else {
      if methodsWithBody.contains(method) {
        return .failure(
          HTTPRequestParser.error(
            411,
            "net.http.length-required",
            "\(method) needs a Content-Length"
          )
        )
      }
      return .success(0)
    }
    guard lengths.allSatisfy({ $0 == first }) else {
      return .failure(
        HTTPRequestParser.error(400, "net.http.content-length", "Content-Length fields disagree")
      )
    }
    guard !first.isEmpty, first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return .failure(
        HTTPRequestParser.error(
          400,
          "net.http.content-length",
          "Content-Length must be a number of bytes"
        )
      )
    }
    guard first.utf8.count <= 12, let length = Int(first), length <= limits.maxBodyBytes else {
      return .failure(
        HTTPRequestParser.error(
          413,
          "net.http.body-too-large",
          "the body is larger than \(limits.maxBodyBytes) bytes"
        )
      )
    }
    return .success(length)
  }
}
