import Glibc

// TODO(#11): private to TCP until the lead merges it with SocketAddress.swift (UDP's "HOST:PORT").

/// An IPv4 address and port parsed from "HOST:PORT" (dotted quad or `localhost`; port 0 asks
/// the kernel to pick one).
public struct TCPAddress: Equatable, Sendable, CustomStringConvertible {
  /// The four bytes of the address, most significant first (127.0.0.1 is 0x7F000001).
  public let host: UInt32
  /// The port, 0 ... 65535.
  public let port: UInt16

  /// Makes an address from its numbers.
  public init(host: UInt32, port: UInt16) {
    self.host = host
    self.port = port
  }

  /// 127.0.0.1 on `port`.
  public static func loopback(port: UInt16) -> TCPAddress {
    TCPAddress(host: 0x7F00_0001, port: port)
  }

  /// Parses "HOST:PORT"; a located error names what was expected.
  public static func parse(_ text: String) throws(StratNetError) -> TCPAddress {
    let bad = { (why: String) in
      StratNetError(
        id: "net.tcp.bad-address",
        message: "expected HOST:PORT (an IPv4 address), found \"\(text)\"",
        notes: [why]
      )
    }
    guard let colon = text.lastIndex(of: ":") else { throw bad("there is no \":PORT\"") }
    let hostText = text[..<colon]
    let portText = text[text.index(after: colon)...]
    guard !portText.isEmpty, portText.utf8.count <= 5,
      portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let port = UInt16(portText)
    else { throw bad("the port must be a number 0 ... 65535") }
    if hostText == "localhost" { return .loopback(port: port) }
    let parts = hostText.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { throw bad("the host must be four numbers separated by dots") }
    var host: UInt32 = 0
    for part in parts {
      guard !part.isEmpty, part.utf8.count <= 3, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
        let byte = UInt8(part)
      else { throw bad("each number of the host must be 0 ... 255") }
      host = host << 8 | UInt32(byte)
    }
    return TCPAddress(host: host, port: port)
  }

  /// "A.B.C.D:PORT".
  public var description: String {
    "\(host >> 24).\(host >> 16 & 0xFF).\(host >> 8 & 0xFF).\(host & 0xFF):\(port)"
  }

  /// The address as the kernel takes it (network byte order).
  var socketAddress: sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr = in_addr(s_addr: host.bigEndian)
    return address
  }

  /// The address the kernel wrote into `address`.
  init(_ address: sockaddr_in) {
    self.init(
      host: UInt32(bigEndian: address.sin_addr.s_addr),
      port: UInt16(bigEndian: address.sin_port)
    )
  }
}
