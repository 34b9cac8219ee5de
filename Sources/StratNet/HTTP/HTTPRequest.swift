/// One header field: `name` lowercased (names are case-insensitive), `value` trimmed.
public struct HTTPHeader: Sendable, Equatable {
  /// The field name, lowercased.
  public let name: String
  /// The field value, without surrounding spaces or tabs.
  public let value: String

  /// Makes a header; `name` is lowercased.
  public init(_ name: String, _ value: String) {
    self.name = name.lowercased()
    self.value = value
  }
}

/// A parsed request: every byte of it was checked (ASCII, no CR/LF tricks) and is within the
/// server's `HTTPLimits`.
public struct HTTPRequest: Sendable, Equatable {
  /// The method as sent (methods are case-sensitive): `GET`, `POST`, ...
  public let method: String
  /// The request target as sent: `/v1/orders?strategy=mm`.
  public let target: String
  /// The target up to `?`.
  public let path: String
  /// The target after `?` (empty when none), not decoded.
  public let query: String
  /// 0 for HTTP/1.0, 1 for HTTP/1.1.
  public let minorVersion: Int
  /// The header fields in order, names lowercased.
  public let headers: [HTTPHeader]
  /// The body (Content-Length bytes).
  public let body: [UInt8]

  /// Makes a request (the parser and tests do).
  public init(
    method: String,
    target: String,
    minorVersion: Int = 1,
    headers: [HTTPHeader] = [],
    body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    let question = target.firstIndex(of: "?")
    self.path = String(target[..<(question ?? target.endIndex)])
    self.query = question.map { String(target[target.index(after: $0)...]) } ?? ""
    self.minorVersion = minorVersion
    self.headers = headers
    self.body = body
  }

  /// The first value of the header `name` (any case), or nil.
  public func header(_ name: String) -> String? {
    let name = name.lowercased()
    return headers.first { $0.name == name }?.value
  }

  /// The body as UTF-8 text (invalid bytes replaced).
  public var bodyText: String { String(decoding: body, as: UTF8.self) }

  /// Whether the connection stays open after the response: HTTP/1.1 unless `Connection:
  /// close`, HTTP/1.0 only with `Connection: keep-alive`.
  public var keepsAlive: Bool {
    let options = headers.filter { $0.name == "connection" }.flatMap {
      $0.value.lowercased().split(separator: ",").map { $0.trimmingSpaces() }
    }
    if options.contains("close") { return false }
    return minorVersion == 1 || options.contains("keep-alive")
  }
}

extension Substring {
  /// Without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
