import Glibc

/// A listening TCP socket bound to an IPv4 address (port 0: the kernel picks one, and `address`
/// reports it). Closed by `close()` or when released.
public final class TCPListener: @unchecked Sendable {
  // @unchecked: `fd` is written only by init and close(); the server closes it after its accept
  // thread has stopped.
  private var fd: Int32
  /// The address actually bound (with the port the kernel picked for port 0).
  public let address: TCPAddress

  /// Binds and listens; `backlog` is the kernel's queue of connections not yet accepted.
  public init(binding requested: TCPAddress, backlog: Int32 = 16) throws(StratNetError) {
    let fd = try TCPSocket.make()
    TCPSocket.setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1)
    let bound = TCPSocket.withSockaddr(requested) { Glibc.bind(fd, $0, $1) }
    guard bound == 0, listen(fd, backlog) == 0 else {
      let error = StratNetError.errno(
        "net.tcp.bind",
        "cannot listen on \(requested)",
        address: "\(requested)"
      )
      Glibc.close(fd)
      throw error
    }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    self.fd = fd
    self.address = TCPAddress(actual)
  }

  /// The port bound (useful after binding port 0).
  public var port: UInt16 { address.port }

  /// Waits up to `timeoutMilliseconds` for a connection; nil when none came (or the listener is
  /// closed). The connection's descriptor is owned by the caller.
  public func acceptDescriptor(timeoutMilliseconds: Int32) throws(StratNetError) -> Int32? {
    guard fd >= 0, TCPSocket.wait(fd, for: Int16(POLLIN), milliseconds: timeoutMilliseconds) else {
      return nil
    }
    let client = Glibc.accept(fd, nil, nil)
    if client >= 0 {
      // accept4 needs _GNU_SOURCE, which Glibc's module lacks.
      _ = fcntl(client, F_SETFD, FD_CLOEXEC)
      return client
    }
    switch errno {
    case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO: return nil
    default: throw .errno("net.tcp.accept", "cannot accept a connection", address: "\(address)")
    }
  }

  /// Waits for a connection, as `acceptDescriptor`, and wraps it.
  public func accept(timeoutMilliseconds: Int32) throws(StratNetError) -> TCPConnection? {
    try acceptDescriptor(timeoutMilliseconds: timeoutMilliseconds).map {
      TCPConnection(descriptor: $0)
    }
  }

  /// Stops listening; idempotent.
  public func close() {
    if fd >= 0 { Glibc.close(fd) }
    fd = -1
  }

  deinit { close() }
}
