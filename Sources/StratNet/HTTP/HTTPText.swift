import Glibc

/// The character classes and fixed texts of HTTP/1.1 (RFC 9110, RFC 9112), in one place.
enum HTTPText {
  /// tchar: the bytes of a method or a header name.
  static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
      UInt8(ascii: "&"),
      UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
      return true
    default: return false
    }
  }

  /// A visible ASCII byte (VCHAR): what a request target may hold.
  static func isVisible(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

  /// A byte a header value may hold: VCHAR, space, tab. obs-text (0x80 and up) is refused.
  static func isValueByte(_ byte: UInt8) -> Bool { isVisible(byte) || byte == 0x20 || byte == 0x09 }

  /// Headers the server writes itself, never copied from a handler's response.
  static let framingHeaders: Set<String> = [
    "content-length", "connection", "transfer-encoding", "date",
  ]

  /// Whether a handler's header can be written without breaking the message.
  static func isSafeHeader(_ header: HTTPHeader) -> Bool {
    !header.name.isEmpty && header.name.utf8.allSatisfy(isTokenByte)
      && header.value.utf8.allSatisfy(isValueByte)
  }

  /// The reason phrase of a status code.
  static func reason(_ status: Int) -> String {
    switch status {
    case 100: "Continue"
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 411: "Length Required"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 422: "Unprocessable Content"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 503: "Service Unavailable"
    case 505: "HTTP Version Not Supported"
    default: "Status \(status)"
    }
  }

  /// A JSON string literal of `text`, with quotes, backslashes and control characters escaped.
  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// The current time as an HTTP date (`Tue, 01 Dec 2026 02:03:04 GMT`).
  static func httpDate() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    var buffer = [CChar](repeating: 0, count: 40)
    let count = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &parts)
    return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
