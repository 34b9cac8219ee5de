import Glibc

extension UDPSocket {
  /// Nonblocking, close-on-exec, SO_RCVBUF; for a group, SO_REUSEADDR (several receivers of one
  /// group; a unicast port stays exclusive) and the membership.
  static func configure(
    _ fd: Int32,
    address: SocketAddress,
    interface: SocketAddress,
    _ receiveBufferBytes: Int?
  ) throws(NetError) {
    guard fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0,
      fcntl(fd, F_SETFD, FD_CLOEXEC) == 0
    else { throw .system("net.socket", "cannot make the UDP socket nonblocking") }
    if var bytes = receiveBufferBytes.map({ Int32(clamping: $0) }) {
      try option(fd, SOL_SOCKET, SO_RCVBUF, &bytes, "SO_RCVBUF")
    }
    guard address.isMulticast else { return }
    var one: Int32 = 1
    try option(fd, SOL_SOCKET, SO_REUSEADDR, &one, "SO_REUSEADDR")
    var request = ip_mreq(
      imr_multiaddr: in_addr(s_addr: address.ipv4.bigEndian),
      imr_interface: in_addr(s_addr: interface.ipv4.bigEndian)
    )
    guard
      setsockopt(
        fd,
        Int32(IPPROTO_IP),
        IP_ADD_MEMBERSHIP,
        &request,
        socklen_t(MemoryLayout<ip_mreq>.size)
      ) == 0
    else {
      throw .system("net.multicast", "cannot join \(address.hostText) on \(interface.hostText)")
    }
  }

  /// Binds and reads back the address (the port the kernel chose for port 0).
  static func bind(_ fd: Int32, _ address: SocketAddress) throws(NetError) -> SocketAddress {
    var raw = address.sockaddr
    let bound = withUnsafePointer(to: &raw) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { throw .system("net.bind", "cannot bind UDP \(address)") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &raw) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw .system("net.bind", "cannot read the address of UDP \(address)") }
    return SocketAddress(raw)
  }

  static func option<T: BitwiseCopyable>(
    _ fd: Int32,
    _ level: Int32,
    _ name: Int32,
    _ value: inout T,
    _ what: String
  )
    throws(NetError)
  {
    guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<T>.size)) == 0 else {
      throw .system("net.option", "cannot set \(what) on a UDP socket")
    }
  }
}
