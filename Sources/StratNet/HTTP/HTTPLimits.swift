/// The caps of the control server, each answered with its status and a closed connection.
/// The defaults suit a control port on loopback: small JSON requests from one operator.
public struct HTTPLimits: Sendable, Equatable {
  /// Request line bytes, CRLF excluded (414 URI Too Long past it).
  public var maxRequestLineBytes = 4096
  /// Header lines (431 Request Header Fields Too Large past it).
  public var maxHeaderCount = 64
  /// Bytes of the header lines together, CRLFs included (431 past it).
  public var maxHeaderBytes = 16 * 1024
  /// Body bytes, from Content-Length (413 Content Too Large past it, before reading the body).
  public var maxBodyBytes = 1024 * 1024
  /// From a request's first byte to its last (408 Request Timeout past it: slowloris).
  public var requestTimeoutMilliseconds = 5_000
  /// How long a kept-alive connection may wait for its next request (closed quietly).
  public var idleTimeoutMilliseconds = 10_000
  /// Bound on writing one response (SO_SNDTIMEO): a client that stops reading is dropped.
  public var writeTimeoutMilliseconds = 5_000
  /// Connections served at once, one worker thread each (503 Service Unavailable past it).
  public var maxConnections = 4

  /// The defaults.
  public init() {}
}
