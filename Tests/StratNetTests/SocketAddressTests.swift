import Testing

@testable import StratNet

@Suite("SocketAddress: HOST:PORT with a dotted quad")
struct SocketAddressTests {
  @Test("Dotted quads and ports parse, print back and classify multicast")
  func parses() throws {
    let address = try SocketAddress(parsing: "127.0.0.1:5000")
    #expect(address == SocketAddress(ipv4: 0x7F00_0001, port: 5000))
    #expect(address.description == "127.0.0.1:5000" && !address.isMulticast)
    let group = try SocketAddress(parsing: "239.255.0.1:0")
    #expect(group.isMulticast && group.port == 0 && group.hostText == "239.255.0.1")
    #expect(try SocketAddress(parsing: "255.255.255.255:65535").ipv4 == UInt32.max)
  }

  @Test(
    "Anything else is a located net.address error naming the text",
    arguments: [
      "", "127.0.0.1", "127.0.0.1:", ":80", "localhost:80", "1.2.3:80", "1.2.3.4.5:80",
      "256.0.0.1:80", "1.2.3.4:65536", "1.2.3.4:-1", "1.2.3.4:8a", "[::1]:80", "1.2.3.4:80:1",
      "01234.0.0.1:1", " 1.2.3.4:80", "1.2.3.4: 80", "١.2.3.4:80",
    ]
  )
  func refuses(text: String) {
    #expect {
      _ = try SocketAddress(parsing: text)
    } throws: { error in
      guard let error = error as? NetError else { return false }
      return error.id == "net.address" && error.message.contains("'\(text)'")
        && !error.notes.isEmpty
    }
  }
}
