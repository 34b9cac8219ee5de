import Glibc

/// The small POSIX helpers the listener and connections share: a monotonic clock, `poll` with
/// a deadline, socket options. All calls retry on EINTR.
enum TCPSocket {
  /// Nanoseconds on the monotonic clock (never jumps with the wall clock).
  static func nowNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }

  /// The monotonic time `milliseconds` from now.
  static func deadline(afterMilliseconds milliseconds: Int) -> UInt64 {
    nowNanoseconds() + UInt64(max(0, milliseconds)) * 1_000_000
  }

  /// Milliseconds left until `deadline` (0 when it has passed), at most `cap`.
  static func millisecondsLeft(until deadline: UInt64, cap: Int = Int(Int32.max)) -> Int32 {
    let now = nowNanoseconds()
    guard deadline > now else { return 0 }
    return Int32(min(UInt64(cap), (deadline - now + 999_999) / 1_000_000))
  }

  /// Waits until `fd` has `events` or `milliseconds` pass; true when ready (or in error: the
  /// next call reports it), false on timeout.
  static func wait(_ fd: Int32, for events: Int16, milliseconds: Int32) -> Bool {
    var entry = pollfd(fd: fd, events: events, revents: 0)
    while true {
      let result = poll(&entry, 1, milliseconds)
      if result >= 0 { return result > 0 }
      if errno != EINTR { return true }
    }
  }

  /// A new IPv4 stream socket, closed on exec.
  static func make() throws(StratNetError) -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .errno("net.tcp.socket", "cannot create a TCP socket") }
    return fd
  }

  /// Sets an Int32 socket option; false when the kernel refuses it.
  @discardableResult
  static func setOption(_ fd: Int32, _ level: Int32, _ name: Int32, _ value: Int32) -> Bool {
    var value = value
    return setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0
  }

  /// Sets SO_RCVTIMEO or SO_SNDTIMEO (0 = wait for ever).
  @discardableResult
  static func setTimeout(_ fd: Int32, _ name: Int32, milliseconds: Int) -> Bool {
    var time = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
    return setsockopt(fd, SOL_SOCKET, name, &time, socklen_t(MemoryLayout<timeval>.size)) == 0
  }

  /// Switches O_NONBLOCK on or off.
  static func setNonBlocking(_ fd: Int32, _ on: Bool) {
    let flags = fcntl(fd, F_GETFL)
    _ = fcntl(fd, F_SETFL, on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK)
  }

  /// Calls `body` with `address` as the `sockaddr` the kernel takes.
  static func withSockaddr<R>(
    _ address: TCPAddress,
    _ body: (UnsafePointer<sockaddr>, socklen_t) -> R
  ) -> R {
    var raw = address.socketAddress
    return withUnsafePointer(to: &raw) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
  }
}
