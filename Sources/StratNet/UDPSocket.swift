import Glibc

/// A UDP socket over Glibc: bound to a unicast address, or joined to an IPv4 multicast group on
/// one interface. Receives never block and never allocate; the descriptor closes on deinit.
/// One thread uses a socket at a time (it is not Sendable).
public final class UDPSocket {
  /// The descriptor (for poll(2)).
  public let descriptor: Int32
  /// The bound address, with the port the kernel picked when 0 was asked.
  public let localAddress: SocketAddress

  /// Binds `address`. A multicast `address` binds the group and port and joins the group on
  /// `interface` (loopback by default); `receiveBufferBytes` sizes SO_RCVBUF.
  public init(
    bindingTo address: SocketAddress,
    interface: SocketAddress = .loopback(),
    receiveBufferBytes: Int? = nil
  ) throws(NetError) {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw .system("net.socket", "cannot open a UDP socket") }
    do {
      try Self.configure(fd, address: address, interface: interface, receiveBufferBytes)
      localAddress = try Self.bind(fd, address)
    } catch {
      close(fd)
      throw error
    }
    descriptor = fd
  }

  deinit { close(descriptor) }

  /// The kernel's receive buffer size (Linux reports twice what was asked, capped by
  /// net.core.rmem_max).
  public var receiveBufferBytes: Int {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &value, &length)
    return Int(value)
  }

  /// Sends to multicast groups through `interface`, looping copies back to this host when
  /// `loop` (needed for receivers on the same machine).
  public func sendMulticast(through interface: SocketAddress, loop: Bool = true, ttl: UInt8 = 1)
    throws(NetError)
  {
    var address = in_addr(s_addr: interface.ipv4.bigEndian)
    var loopFlag: UInt8 = loop ? 1 : 0
    var hops = ttl
    try Self.option(descriptor, Int32(IPPROTO_IP), IP_MULTICAST_IF, &address, "IP_MULTICAST_IF")
    try Self.option(
      descriptor,
      Int32(IPPROTO_IP),
      IP_MULTICAST_LOOP,
      &loopFlag,
      "IP_MULTICAST_LOOP"
    )
    try Self.option(descriptor, Int32(IPPROTO_IP), IP_MULTICAST_TTL, &hops, "IP_MULTICAST_TTL")
  }

  /// Reads one waiting datagram into `buffer`: its length, or nil when none is waiting. A length
  /// above `buffer.count` means the datagram was longer and was cut. `from` receives the sender.
  public func receive(into buffer: UnsafeMutableRawBufferPointer, from: inout SocketAddress)
    throws(NetError) -> Int?
  {
    var raw = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let n = withUnsafeMutablePointer(to: &raw) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        recvfrom(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_TRUNC), $0, &length)
      }
    }
    if n >= 0 {
      from = SocketAddress(raw)
      return n
    }
    return try Self.wouldBlock(errno, "cannot receive on \(localAddress)")
  }

  /// As `receive(into:from:)` without the sender.
  public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(NetError) -> Int? {
    let n = recv(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_TRUNC))
    if n >= 0 { return n }
    return try Self.wouldBlock(errno, "cannot receive on \(localAddress)")
  }

  /// Sends one datagram; false when the send buffer is full (nothing was sent).
  @discardableResult
  public func send(_ bytes: UnsafeRawBufferPointer, to address: SocketAddress) throws(NetError)
    -> Bool
  {
    var raw = address.sockaddr
    let n = withUnsafePointer(to: &raw) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        sendto(
          descriptor,
          bytes.baseAddress,
          bytes.count,
          0,
          $0,
          socklen_t(MemoryLayout<sockaddr_in>.size)
        )
      }
    }
    if n >= 0 { return true }
    return try Self.wouldBlock(errno, "cannot send to \(address)") != nil
  }

  /// Sends an array's bytes.
  @discardableResult
  public func send(_ bytes: [UInt8], to address: SocketAddress) throws(NetError) -> Bool {
    var sent: Result<Bool, NetError> = .success(false)
    bytes.withUnsafeBytes { raw in
      sent = Result { () throws(NetError) in try send(raw, to: address) }
    }
    return try sent.get()
  }

  /// Waits up to `timeoutMillis` for a datagram; true when one is waiting.
  public func waitReadable(timeoutMillis: Int32) -> Bool {
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    return poll(&entry, 1, timeoutMillis) > 0 && entry.revents & Int16(POLLIN) != 0
  }

  /// Waits up to `timeoutMillis` until one of `sockets` has a datagram; true when one has.
  public static func waitReadable(_ sockets: [UDPSocket], timeoutMillis: Int32) -> Bool {
    var entries = sockets.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
    return poll(&entries, nfds_t(entries.count), timeoutMillis) > 0
  }

  /// nil for "try again later" (EAGAIN, EINTR); a typed error otherwise.
  /// The message is built only when thrown: "nothing waiting" is the common case on a spinning
  /// hot thread and must not allocate.
  private static func wouldBlock(_ code: Int32, _ message: @autoclosure () -> String)
    throws(NetError) -> Int?
  {
    if code == EAGAIN || code == EWOULDBLOCK || code == EINTR || code == ENOBUFS { return nil }
    throw .system("net.io", message(), errno: code)
  }
}
