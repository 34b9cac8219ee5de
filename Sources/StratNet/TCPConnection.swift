import Glibc

/// One connected TCP stream: connect with a timeout, reads and writes bounded by SO_RCVTIMEO /
/// SO_SNDTIMEO or by a deadline, close. Writes never raise SIGPIPE (MSG_NOSIGNAL). One thread
/// uses a connection at a time.
public final class TCPConnection {
  private var fd: Int32

  /// Wraps a connected descriptor, which the connection now owns.
  public init(descriptor: Int32) { fd = descriptor }

  /// Connects to `address`, giving up after `timeoutMilliseconds`.
  public static func connect(to address: TCPAddress, timeoutMilliseconds: Int) throws(StratNetError)
    -> TCPConnection
  {
    let connection = TCPConnection(descriptor: try TCPSocket.make())
    let fd = connection.fd
    TCPSocket.setNonBlocking(fd, true)
    let started = TCPSocket.withSockaddr(address) { Glibc.connect(fd, $0, $1) }
    if started != 0 {
      guard errno == EINPROGRESS else {
        throw .errno("net.tcp.connect", "cannot connect to \(address)", address: "\(address)")
      }
      guard
        TCPSocket.wait(fd, for: Int16(POLLOUT), milliseconds: Int32(clamping: timeoutMilliseconds))
      else {
        throw StratNetError(
          id: "net.tcp.timeout",
          message: "no connection to \(address) within \(timeoutMilliseconds) ms"
        )
      }
      var failure: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length)
      if failure != 0 {
        errno = failure
        throw .errno("net.tcp.connect", "cannot connect to \(address)", address: "\(address)")
      }
    }
    TCPSocket.setNonBlocking(fd, false)
    TCPSocket.setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1)
    return connection
  }

  /// Bounds each later `read` and `write` call (SO_RCVTIMEO, SO_SNDTIMEO; 0 = no bound).
  public func setTimeouts(readMilliseconds: Int, writeMilliseconds: Int) {
    TCPSocket.setTimeout(fd, SO_RCVTIMEO, milliseconds: readMilliseconds)
    TCPSocket.setTimeout(fd, SO_SNDTIMEO, milliseconds: writeMilliseconds)
  }

  /// Reads what is there (at most `buffer.count` bytes); 0 when the peer closed. A read past
  /// SO_RCVTIMEO throws `net.tcp.timeout`.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(StratNetError) -> Int {
    while true {
      let count = recv(fd, buffer.baseAddress, buffer.count, 0)
      if count >= 0 { return count }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK:
        throw StratNetError(id: "net.tcp.timeout", message: "the peer sent nothing in time")
      default: throw .errno("net.tcp.read", "cannot read from the connection")
      }
    }
  }

  /// Reads what is there, waiting until the monotonic `deadline` (TCPSocket.nowNanoseconds) at
  /// most; nil when it passed first, 0 when the peer closed.
  public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: UInt64)
    throws(StratNetError) -> Int?
  {
    guard
      TCPSocket.wait(
        fd,
        for: Int16(POLLIN),
        milliseconds: TCPSocket.millisecondsLeft(until: deadline)
      )
    else {
      return nil
    }
    do { return try read(into: buffer) } catch  where error.id == "net.tcp.timeout" { return nil }
  }

  /// Writes every byte (or throws: `net.tcp.timeout` past SO_SNDTIMEO, `net.tcp.write` when the
  /// peer is gone).
  public func write(_ bytes: UnsafeRawBufferPointer) throws(StratNetError) {
    var offset = 0
    while offset < bytes.count {
      let count = send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      if count >= 0 {
        offset += count
        continue
      }
      switch errno {
      case EINTR: continue
      case EAGAIN, EWOULDBLOCK:
        throw StratNetError(id: "net.tcp.timeout", message: "the peer read nothing in time")
      default: throw .errno("net.tcp.write", "cannot write to the connection")
      }
    }
  }

  /// Writes every byte of `bytes`.
  public func write(_ bytes: [UInt8]) throws(StratNetError) {
    let failure: StratNetError? = bytes.withUnsafeBytes { raw in
      do throws(StratNetError) { try write(raw) } catch { return error }
      return nil
    }
    if let failure { throw failure }
  }

  /// Writes what the send buffer takes now, without waiting (for the refusal of a connection
  /// the server cannot serve); returns the bytes written.
  @discardableResult
  func writeWithoutWaiting(_ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes {
      max(0, send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)))
    }
  }

  /// Reads and drops what has arrived, without waiting, up to `limit` bytes.
  func drainWithoutWaiting(upTo limit: Int) {
    var scratch = [UInt8](repeating: 0, count: 4096)
    var drained = 0
    while drained < limit {
      let count = scratch.withUnsafeMutableBytes {
        recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if count <= 0 { return }
      drained += count
    }
  }

  /// Says no more bytes will be written (the peer reads end of stream).
  public func shutdownWrite() { shutdown(fd, Int32(SHUT_WR)) }

  /// The descriptor, for tests that poll it.
  var descriptorForTests: Int32 { fd }

  /// Closes the socket; idempotent.
  public func close() {
    if fd >= 0 { Glibc.close(fd) }
    fd = -1
  }

  deinit { close() }
}
