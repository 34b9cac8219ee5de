/// Why a request was refused before any handler saw it: the status to answer, a stable id
/// (`net.http.bad-header`) and a message. The connection is closed after the answer, since
/// the rest of its bytes can no longer be framed.
public struct HTTPRequestError: Error, Equatable, Sendable {
  /// 400, 408, 411, 413, 414, 431, 501 or 505.
  public let status: Int
  /// The stable id.
  public let id: String
  /// What was wrong, for the client.
  public let message: String

  /// Makes an error.
  public init(status: Int, id: String, message: String) {
    self.status = status
    self.id = id
    self.message = message
  }

  /// The response the client gets.
  public var response: HTTPResponse { .error(status, id: id, message: message) }
}

/// What the request parser makes of the bytes received so far.
public enum HTTPParseOutcome: Equatable, Sendable {
  /// No complete request yet, and nothing wrong so far: read more.
  case incomplete
  /// The head is complete and valid, the body is not all there: the request will be
  /// `totalBytes` long (so there is no need to parse again before then).
  case incompleteBody(totalBytes: Int)
  /// A whole request, which took the first `consumed` bytes (more may follow: pipelining).
  case request(HTTPRequest, consumed: Int)
  /// The bytes cannot become a valid request within the limits.
  case failure(HTTPRequestError)
}
