/// A response as the client reads it.
public struct HTTPClientResponse: Sendable, Equatable {
  /// The status code.
  public let status: Int
  /// The header fields, names lowercased.
  public let headers: [HTTPHeader]
  /// The body.
  public let body: [UInt8]

  /// The first value of the header `name` (any case), or nil.
  public func header(_ name: String) -> String? {
    let name = name.lowercased()
    return headers.first { $0.name == name }?.value
  }

  /// The body as UTF-8 text.
  public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Parses the response of the engine (a peer, but a network one: checked as strictly as a
/// request). `atEnd`: the peer has closed, so a body without Content-Length ends here.
enum HTTPResponseParser {
  enum Outcome: Equatable {
    case incomplete
    case response(HTTPClientResponse)
    case failure(String)
  }

  static let maxHeadBytes = 64 * 1024

  /// status-line := HTTP-version SP 3DIGIT SP [ reason-phrase ]
  static func parse(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, maxBodyBytes: Int) -> Outcome {
    let allowed = { (byte: UInt8) in HTTPText.isValueByte(byte) }
    var position = 0
    var lines: [String] = []
    while true {
      switch HTTPRequestParser.scanLine(
        bytes,
        from: position,
        maxLength: maxHeadBytes - position,
        allowed: allowed
      ) {
      case .incomplete: return atEnd ? .failure("the response ends inside its header") : .incomplete
      case .tooLong: return .failure("the response header is longer than \(maxHeadBytes) bytes")
      case .invalid(let offset):
        return .failure("a bad byte at offset \(offset) of the response header")
      case .line(let range):
        position = range.upperBound + 2
        if !range.isEmpty {
          guard lines.count <= 128 else { return .failure("more than 128 response header lines") }
          lines.append(HTTPRequestParser.text(bytes, range))
          continue
        }
      }
      break
    }
    guard let statusLine = lines.first, let status = status(statusLine) else {
      return .failure("not an HTTP/1.x status line")
    }
    var headers: [HTTPHeader] = []
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
        return .failure("a header line is not NAME: VALUE")
      }
      headers.append(
        HTTPHeader(String(line[..<colon]), line[line.index(after: colon)...].trimmingSpaces())
      )
    }
    return body(
      bytes,
      from: position,
      status: status,
      headers: headers,
      atEnd: atEnd,
      maxBodyBytes: maxBodyBytes
    )
  }

  private static func status(_ line: String) -> Int? {
    let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, parts[0] == "HTTP/1.1" || parts[0] == "HTTP/1.0",
      parts[1].utf8.count == 3,
      let status = Int(parts[1]), status >= 100
    else { return nil }
    return status
  }

  private static func body(
    _ bytes: UnsafeRawBufferPointer,
    from start: Int,
    status: Int,
    headers: [HTTPHeader],
    atEnd: Bool,
    maxBodyBytes: Int
  ) -> Outcome {
    let available = bytes.count - start
    let response = { (count: Int) in
      Outcome.response(
        HTTPClientResponse(
          status: status,
          headers: headers,
          body: Array(bytes[start..<(start + count)])
        )
      )
    }
    if headers.contains(where: { $0.name == "transfer-encoding" }) {
      return .failure("chunked responses are not supported")
    }
    let lengths = headers.filter { $0.name == "content-length" }.map(\.value)
    guard let text = lengths.first else {
      if available > maxBodyBytes {
        return .failure("the response body is larger than \(maxBodyBytes) bytes")
      }
      return atEnd ? response(available) : .incomplete
    }
    guard lengths.allSatisfy({ $0 == text }), text.utf8.count <= 12,
      text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let length = Int(text)
    else { return .failure("a bad Content-Length") }
    guard length <= maxBodyBytes else {
      return .failure("the response body is larger than \(maxBodyBytes) bytes")
    }
    if available >= length { return response(length) }
    return atEnd
      ? .failure("the response ends after \(available) of its \(length) body bytes") : .incomplete
  }
}
