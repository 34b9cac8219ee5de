/// Parses one HTTP/1.1 request from the bytes received so far (RFC 9112), strictly: lines end
/// in CRLF (a bare CR or LF is refused, so no smuggling by line ends), every byte is ASCII,
/// no obs-fold, one Content-Length, no Transfer-Encoding. It fails as early as the bytes allow,
/// so garbage is answered at once rather than at the deadline. Pure: the fuzz target runs it.
enum HTTPRequestParser {
  /// request := request-line CRLF *( field-line CRLF ) CRLF [ body ]
  static func parse(_ bytes: UnsafeRawBufferPointer, limits: HTTPLimits) -> HTTPParseOutcome {
    let requestLine: Range<Int>
    switch scanLine(
      bytes,
      from: 0,
      maxLength: limits.maxRequestLineBytes,
      allowed: isRequestLineByte
    ) {
    case .incomplete: return .incomplete
    case .tooLong:
      return fail(
        414,
        "net.http.request-line-too-long",
        "the request line is longer than \(limits.maxRequestLineBytes) bytes"
      )
    case .invalid(let offset):
      return fail(
        400,
        "net.http.bad-request-line",
        "byte \(hex(bytes[offset])) at offset \(offset) of the request line"
      )
    case .line(let range): requestLine = range
    }
    let head: RequestLine
    switch RequestLine.parse(text(bytes, requestLine)) {
    case .failure(let error): return .failure(error)
    case .success(let line): head = line
    }
    var headers: [HTTPHeader] = []
    var position = requestLine.upperBound + 2
    while true {
      let used = position - (requestLine.upperBound + 2)
      switch scanLine(
        bytes,
        from: position,
        maxLength: limits.maxHeaderBytes - used,
        allowed: HTTPText.isValueByte
      ) {
      case .incomplete: return .incomplete
      case .tooLong:
        return fail(
          431,
          "net.http.headers-too-large",
          "the header lines are longer than \(limits.maxHeaderBytes) bytes"
        )
      case .invalid(let offset):
        return fail(
          400,
          "net.http.bad-header",
          "byte \(hex(bytes[offset])) at offset \(offset) in a header line"
        )
      case .line(let range):
        position = range.upperBound + 2
        if range.isEmpty { return finish(head, headers, bodyStart: position, bytes, limits) }
        guard headers.count < limits.maxHeaderCount else {
          return fail(
            431,
            "net.http.too-many-headers",
            "more than \(limits.maxHeaderCount) header lines"
          )
        }
        switch field(bytes, range) {
        case .failure(let error): return .failure(error)
        case .success(let header): headers.append(header)
        }
      }
    }
  }

  /// The body's length from the headers, then the body once it has all arrived.
  private static func finish(
    _ head: RequestLine,
    _ headers: [HTTPHeader],
    bodyStart: Int,
    _ bytes: UnsafeRawBufferPointer,
    _ limits: HTTPLimits
  ) -> HTTPParseOutcome {
    let length: Int
    switch HTTPFraming.bodyLength(
      method: head.method,
      minorVersion: head.minorVersion,
      headers: headers,
      limits: limits
    ) {
    case .failure(let error): return .failure(error)
    case .success(let value): length = value
    }
    guard bytes.count - bodyStart >= length else {
      return .incompleteBody(totalBytes: bodyStart + length)
    }
    let body = Array(bytes[bodyStart..<(bodyStart + length)])
    let request = HTTPRequest(
      method: head.method,
      target: head.target,
      minorVersion: head.minorVersion,
      headers: headers,
      body: body
    )
    return .request(request, consumed: bodyStart + length)
  }

  /// field-line := field-name ":" OWS field-value OWS
  private static func field(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Result<
    HTTPHeader, HTTPRequestError
  > {
    let first = bytes[range.lowerBound]
    if first == 0x20 || first == 0x09 {
      return .failure(
        error(
          400,
          "net.http.bad-header",
          "a header line starts with white space (obsolete line folding)"
        )
      )
    }
    guard let colon = range.first(where: { bytes[$0] == UInt8(ascii: ":") }),
      colon > range.lowerBound,
      (range.lowerBound..<colon).allSatisfy({ HTTPText.isTokenByte(bytes[$0]) })
    else { return .failure(error(400, "net.http.bad-header", "a header line is not NAME: VALUE")) }
    let name = text(bytes, range.lowerBound..<colon)
    let value = Substring(text(bytes, (colon + 1)..<range.upperBound)).trimmingSpaces()
    return .success(HTTPHeader(name, value))
  }

  enum LineScan: Equatable {
    case incomplete, tooLong, invalid(Int), line(Range<Int>)
  }

  /// Finds the CRLF ending the line at `start`, checking every byte on the way.
  static func scanLine(
    _ bytes: UnsafeRawBufferPointer,
    from start: Int,
    maxLength: Int,
    allowed: (UInt8) -> Bool
  ) -> LineScan {
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0D {
        guard index + 1 < bytes.count else { return .incomplete }
        return bytes[index + 1] == 0x0A ? .line(start..<index) : .invalid(index)
      }
      if !allowed(byte) { return .invalid(index) }
      if index - start >= maxLength { return .tooLong }
      index += 1
    }
    return .incomplete
  }

  private static func isRequestLineByte(_ byte: UInt8) -> Bool {
    HTTPText.isVisible(byte) || byte == 0x20
  }

  static func text(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  private static func hex(_ byte: UInt8) -> String {
    "0x" + String(byte, radix: 16, uppercase: true)
  }

  static func error(_ status: Int, _ id: String, _ message: String) -> HTTPRequestError {
    HTTPRequestError(status: status, id: id, message: message)
  }

  private static func fail(_ status: Int, _ id: String, _ message: String) -> HTTPParseOutcome {
    .failure(error(status, id, message))
  }
}
