import Foundation
import Testing

@testable import StratNet

/// The socket layer under HTTP: timeouts are errors, a vanished peer is an error (never
/// SIGPIPE), bytes go through unchanged.
@Suite struct TCPConnectionTests {
  @Test func bytesGoThroughBothWays() throws {
    let listener = try TCPListener(binding: .loopback(port: 0))
    let client = try TCPConnection.connect(to: listener.address, timeoutMilliseconds: 5_000)
    let server = try #require(try listener.accept(timeoutMilliseconds: 5_000))
    let payload = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    let sender = Unchecked(client)
    let writer = Thread { try? sender.value.write(payload) }
    writer.start()
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 8192)
    let deadline = TCPSocket.deadline(afterMilliseconds: 5_000)
    while received.count < payload.count {
      let count = try chunk.withUnsafeMutableBytes { try server.read(into: $0, deadline: deadline) }
      guard let count, count > 0 else { break }
      received += chunk[..<count]
    }
    #expect(received == payload)
  }

  @Test func aReadPastSORCVTIMEOThrowsTimeout() throws {
    let listener = try TCPListener(binding: .loopback(port: 0))
    let client = try TCPConnection.connect(to: listener.address, timeoutMilliseconds: 5_000)
    client.setTimeouts(readMilliseconds: 100, writeMilliseconds: 100)
    var chunk = [UInt8](repeating: 0, count: 16)
    do {
      _ = try chunk.withUnsafeMutableBytes { try client.read(into: $0) }
      Issue.record("read returned")
    } catch { #expect((error as? StratNetError)?.id == "net.tcp.timeout") }
  }

  @Test func acceptWithoutAClientReturnsNil() throws {
    let listener = try TCPListener(binding: .loopback(port: 0))
    #expect(try listener.accept(timeoutMilliseconds: 50) == nil)
    listener.close()
    #expect(try listener.accept(timeoutMilliseconds: 50) == nil)
  }

  @Test func writingToAClosedPeerThrowsInsteadOfRaisingSIGPIPE() throws {
    let listener = try TCPListener(binding: .loopback(port: 0))
    let client = try TCPConnection.connect(to: listener.address, timeoutMilliseconds: 5_000)
    try #require(try listener.accept(timeoutMilliseconds: 5_000)).close()
    let block = [UInt8](repeating: 0x41, count: 64 * 1024)
    var failure: StratNetError?
    for _ in 0..<100 where failure == nil {
      do { try client.write(block) } catch { failure = error }
    }
    #expect(failure?.id == "net.tcp.write")
  }
}

/// Hands a connection to one other thread (the test never uses it from two at once).
final class Unchecked<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
