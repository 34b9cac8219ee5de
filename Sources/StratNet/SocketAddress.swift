import Glibc

/// An IPv4 address and port, written "HOST:PORT" with a dotted-quad host ("127.0.0.1:5000",
/// "239.1.1.1:30001"). Plain data: UDP, TCP and HTTP code all name endpoints with it.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
  /// The IPv4 address in host byte order (127.0.0.1 is 0x7F00_0001).
  public var ipv4: UInt32
  /// The port; 0 asks the kernel to pick one when binding.
  public var port: UInt16

  /// Creates an address from its parts.
  public init(ipv4: UInt32, port: UInt16) {
    self.ipv4 = ipv4
    self.port = port
  }

  /// 127.0.0.1 on `port`.
  public static func loopback(port: UInt16 = 0) -> SocketAddress {
    SocketAddress(ipv4: 0x7F00_0001, port: port)
  }

  /// Parses "HOST:PORT"; anything but a dotted quad and a port 0…65535 is a `net.address` error.
  public init(parsing text: String) throws(NetError) {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw Self.invalid(text, "expected HOST:PORT, such as 127.0.0.1:5000")
    }
    guard let host = Self.dottedQuad(parts[0]) else {
      throw Self.invalid(text, "the host must be an IPv4 dotted quad such as 127.0.0.1 (no names)")
    }
    guard let port = UInt16(parts[1]), parts[1].allSatisfy(\.isASCII) else {
      throw Self.invalid(text, "the port must be a number from 0 to 65535")
    }
    self.init(ipv4: host, port: port)
  }

  /// True for 224.0.0.0/4, the IPv4 multicast range.
  public var isMulticast: Bool { ipv4 >> 28 == 0xE }

  /// The host part, dotted.
  public var hostText: String {
    (0..<4).map { String((ipv4 >> UInt32(24 - 8 * $0)) & 0xFF) }.joined(separator: ".")
  }

  public var description: String { "\(hostText):\(port)" }

  /// The address as the kernel takes it.
  package var sockaddr: sockaddr_in {
    var raw = sockaddr_in()
    raw.sin_family = sa_family_t(AF_INET)
    raw.sin_port = port.bigEndian
    raw.sin_addr = in_addr(s_addr: ipv4.bigEndian)
    return raw
  }

  /// The address the kernel wrote.
  package init(_ raw: sockaddr_in) {
    self.init(ipv4: UInt32(bigEndian: raw.sin_addr.s_addr), port: UInt16(bigEndian: raw.sin_port))
  }

  private static func dottedQuad(_ text: Substring) -> UInt32? {
    let octets = text.split(separator: ".", omittingEmptySubsequences: false)
    guard octets.count == 4 else { return nil }
    var value: UInt32 = 0
    for octet in octets {
      guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isNumber }),
        let byte = UInt8(octet)
      else { return nil }
      value = value << 8 | UInt32(byte)
    }
    return value
  }

  private static func invalid(_ text: String, _ hint: String) -> NetError {
    NetError(id: "net.address", message: "'\(text)' is not an address", notes: [hint])
  }
}
