import Glibc

extension HTTPServer {
  /// Serves requests on one connection until it closes, asks to close, breaks a rule, idles
  /// past `idleTimeoutMilliseconds` or the server stops. Memory is bounded: the buffer holds
  /// at most one request within the limits (twice a head cap while the head grows) plus one
  /// read.
  func serve(_ connection: TCPConnection) {
    connection.setTimeouts(readMilliseconds: 0, writeMilliseconds: limits.writeTimeoutMilliseconds)
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
    defer { chunk.deallocate() }
    var buffer: [UInt8] = []
    var isFirst = true
    while true {
      guard let (request, consumed) = nextRequest(connection, &buffer, chunk, isFirst: isFirst)
      else { return }
      isFirst = false
      buffer.removeFirst(consumed)
      let response = router.respond(to: request) { route, request in
        counters.handled.add()
        return call(route, request)
      }
      if response.status == 401 { counters.unauthorized.add() }
      let keepAlive = request.keepsAlive && !stopping.load(ordering: .relaxed)
      let bytes = response.serialized(keepAlive: keepAlive, includeBody: request.method != "HEAD")
      do { try connection.write(bytes) } catch { return }
      if !keepAlive { return }
    }
  }

  /// Reads until `buffer` holds a whole request; answers a bad one (and returns nil), returns
  /// nil quietly when the peer closes or idles out between requests. A new connection gets
  /// only the request timeout for its first byte: a silent client must not hold a worker for
  /// the (longer) keep-alive idle time.
  private func nextRequest(
    _ connection: TCPConnection,
    _ buffer: inout [UInt8],
    _ chunk: UnsafeMutableRawBufferPointer,
    isFirst: Bool
  ) -> (HTTPRequest, Int)? {
    let idleDeadline = TCPSocket.deadline(
      afterMilliseconds: isFirst
        ? limits.requestTimeoutMilliseconds : limits.idleTimeoutMilliseconds
    )
    var requestDeadline =
      buffer.isEmpty
      ? nil : TCPSocket.deadline(afterMilliseconds: limits.requestTimeoutMilliseconds)
    // The parser starts over on every call, so it runs only when it can say something new:
    // a line ended (in the head), the body is all there, or the buffer doubled. A client
    // sending a byte per packet thus costs O(request) parsing, not O(request²).
    var parseAt = 0
    var lineEnded = true
    var inBody = false
    while true {
      if lineEnded || buffer.count >= parseAt {
        switch buffer.withUnsafeBytes({ HTTPRequestParser.parse($0, limits: limits) }) {
        case .request(let request, let consumed): return (request, consumed)
        case .failure(let error):
          reject(error, on: connection)
          return nil
        case .incompleteBody(let totalBytes):
          inBody = true
          parseAt = totalBytes
        case .incomplete: parseAt = max(1, buffer.count * 2)
        }
      }
      lineEnded = false
      if stopping.load(ordering: .relaxed) { return nil }
      let deadline = requestDeadline ?? idleDeadline
      // Wakes at least every 100 ms, so that `stop` is seen.
      let slice = min(deadline, TCPSocket.deadline(afterMilliseconds: 100))
      let count: Int?
      do { count = try connection.read(into: chunk, deadline: slice) } catch { return nil }
      guard let count else {
        if TCPSocket.nowNanoseconds() < deadline { continue }
        if requestDeadline != nil {
          reject(
            HTTPRequestError(
              status: 408,
              id: "net.http.timeout",
              message: "the request did not arrive within \(limits.requestTimeoutMilliseconds) ms"
            ),
            on: connection
          )
        }
        return nil
      }
      if count == 0 { return nil }
      if requestDeadline == nil {
        requestDeadline = TCPSocket.deadline(afterMilliseconds: limits.requestTimeoutMilliseconds)
      }
      let received = UnsafeRawBufferPointer(rebasing: chunk[..<count])
      buffer.append(contentsOf: received)
      lineEnded = !inBody && received.contains(0x0A)
    }
  }

  private func reject(_ error: HTTPRequestError, on connection: TCPConnection) {
    counters.rejected.add()
    try? connection.write(error.response.serialized(keepAlive: false))
  }

  /// Closes after the peer has had the answer: shut our side, then read and drop what the
  /// client still sends (at most 64 KiB or 200 ms), so the kernel does not answer unread bytes
  /// with a reset that would destroy the response in flight.
  func closeGracefully(_ connection: TCPConnection) {
    connection.shutdownWrite()
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
    defer { scratch.deallocate() }
    let deadline = TCPSocket.deadline(afterMilliseconds: 200)
    var drained = 0
    while drained < 64 * 1024, let count = try? connection.read(into: scratch, deadline: deadline),
      count > 0
    {
      drained += count
    }
    connection.close()
  }
}
