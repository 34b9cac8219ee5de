import Glibc
import Testing

@testable import StratNet

@Suite("UDPSocket on loopback")
struct UDPSocketTests {
  @Test("Port 0 binds a kernel-chosen port; a datagram goes and comes back whole, with its sender")
  func roundTrip() throws {
    let receiver = try UDPSocket(bindingTo: .loopback(), receiveBufferBytes: 1 << 20)
    let sender = try UDPSocket(bindingTo: .loopback())
    #expect(receiver.localAddress.port != 0 && receiver.localAddress.ipv4 == 0x7F00_0001)
    #expect(receiver.receiveBufferBytes >= 1 << 18)
    var buffer = [UInt8](repeating: 0, count: 64)
    #expect(try buffer.withUnsafeMutableBytes { try receiver.receive(into: $0) } == nil)
    #expect(try sender.send([1, 2, 3, 4, 5], to: receiver.localAddress))
    #expect(receiver.waitReadable(timeoutMillis: 2_000))
    var from = SocketAddress.loopback()
    let n = try buffer.withUnsafeMutableBytes { try receiver.receive(into: $0, from: &from) }
    #expect(n == 5 && Array(buffer.prefix(5)) == [1, 2, 3, 4, 5])
    #expect(from == sender.localAddress)
  }

  @Test("A datagram longer than the buffer reports its whole length (it was cut)")
  func truncation() throws {
    let receiver = try UDPSocket(bindingTo: .loopback())
    let sender = try UDPSocket(bindingTo: .loopback())
    try sender.send([UInt8](repeating: 7, count: 100), to: receiver.localAddress)
    #expect(receiver.waitReadable(timeoutMillis: 2_000))
    var small = [UInt8](repeating: 0, count: 10)
    #expect(try small.withUnsafeMutableBytes { try receiver.receive(into: $0) } == 100)
  }

  @Test("A unicast port in use is a net.bind error with the system's reason")
  func portInUse() throws {
    let first = try UDPSocket(bindingTo: .loopback())
    #expect {
      _ = try UDPSocket(bindingTo: first.localAddress)
    } throws: { error in
      guard let error = error as? NetError else { return false }
      return error.id == "net.bind" && error.notes.first?.contains("errno \(EADDRINUSE)") == true
    }
  }
}
