import Testing

@testable import StratNet

@Suite struct TCPAddressTests {
  @Test(
    arguments: [
      ("127.0.0.1:0", 0x7F00_0001, 0), ("0.0.0.0:8080", 0, 8080),
      ("localhost:7070", 0x7F00_0001, 7070),
      ("255.255.255.255:65535", 0xFFFF_FFFF, 65535), ("10.1.2.3:1", 0x0A01_0203, 1),
    ] as [(String, UInt32, UInt16)]
  )
  func parsesHostAndPort(text: String, host: UInt32, port: UInt16) throws {
    let address = try TCPAddress.parse(text)
    #expect(address == TCPAddress(host: host, port: port))
    if text != "localhost:7070" { #expect(address.description == text) }
  }

  @Test(arguments: [
    "127.0.0.1", "127.0.0.1:", ":80", "256.0.0.1:1", "1.2.3:4", "1.2.3.4.5:6", "1.2.3.4:65536",
    "1.2.3.4:-1",
    "a.b.c.d:1", "1..3.4:5", "1.2.3.4:8o", "example.com:80", "1.2.3.4:+80", "0001.2.3.4:1",
  ])
  func refusesAnythingElse(text: String) {
    do {
      _ = try TCPAddress.parse(text)
      Issue.record("\(text) parsed")
    } catch { #expect(error.id == "net.tcp.bad-address") }
  }

  @Test func bindingAnAddressInUseIsALocatedError() throws {
    let first = try TCPListener(binding: .loopback(port: 0))
    do {
      _ = try TCPListener(binding: first.address)
      Issue.record("bound twice")
    } catch {
      #expect(error.id == "net.tcp.bind")
      #expect(error.notes.first == "address \(first.address)")
    }
  }
}
