/// The minimal client of `strat-engine ctl`: one request per connection (`Connection: close`),
/// a Content-Length (or read-to-end) response, everything within one deadline.
public enum HTTPClient {
  /// Sends one request to `address` and returns the response, or throws `net.tcp.*` (cannot
  /// connect, timeout) or `net.http.bad-response`.
  public static func send(
    _ method: String,
    _ target: String,
    to address: TCPAddress,
    headers: [HTTPHeader] = [],
    body: [UInt8] = [],
    timeoutMilliseconds: Int = 5_000,
    maxBodyBytes: Int = 16 * 1024 * 1024
  ) throws(StratNetError) -> HTTPClientResponse {
    let deadline = TCPSocket.deadline(afterMilliseconds: timeoutMilliseconds)
    let connection = try TCPConnection.connect(
      to: address,
      timeoutMilliseconds: timeoutMilliseconds
    )
    defer { connection.close() }
    connection.setTimeouts(
      readMilliseconds: timeoutMilliseconds,
      writeMilliseconds: timeoutMilliseconds
    )
    try connection.write(requestBytes(method, target, address, headers, body))
    return try readResponse(connection, deadline: deadline, maxBodyBytes: maxBodyBytes)
  }

  /// The request on the wire; a header that could break the framing is refused.
  static func requestBytes(
    _ method: String,
    _ target: String,
    _ address: TCPAddress,
    _ headers: [HTTPHeader],
    _ body: [UInt8]
  ) throws(StratNetError) -> [UInt8] {
    guard !method.isEmpty, method.utf8.allSatisfy(HTTPText.isTokenByte), target.hasPrefix("/"),
      target.utf8.allSatisfy(HTTPText.isVisible), headers.allSatisfy(HTTPText.isSafeHeader)
    else {
      throw StratNetError(
        id: "net.http.bad-request",
        message: "the request to send has a bad method, target or header"
      )
    }
    var text = "\(method) \(target) HTTP/1.1\r\nhost: \(address)\r\nconnection: close\r\n"
    for header in headers
    where !HTTPText.framingHeaders.contains(header.name) && header.name != "host" {
      text += "\(header.name): \(header.value)\r\n"
    }
    if !body.isEmpty || HTTPFraming.methodsWithBody.contains(method) {
      text += "content-length: \(body.count)\r\n"
    }
    return Array((text + "\r\n").utf8) + body
  }

  private static func readResponse(_ connection: TCPConnection, deadline: UInt64, maxBodyBytes: Int)
    throws(StratNetError)
    -> HTTPClientResponse
  {
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
    defer { chunk.deallocate() }
    var buffer: [UInt8] = []
    var atEnd = false
    while true {
      switch buffer.withUnsafeBytes({
        HTTPResponseParser.parse($0, atEnd: atEnd, maxBodyBytes: maxBodyBytes)
      }) {
      case .response(let response): return response
      case .failure(let why):
        throw StratNetError(
          id: "net.http.bad-response",
          message: "the server's response is malformed",
          notes: [why]
        )
      case .incomplete: break
      }
      guard let count = try connection.read(into: chunk, deadline: deadline) else {
        throw StratNetError(
          id: "net.tcp.timeout",
          message: "no complete response within the timeout"
        )
      }
      atEnd = count == 0
      buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<count]))
    }
  }
}
