import Foundation
import Glibc
import StratFIX
import StratMarket
import Testing

@testable import StratVenue

/// A FIX counterparty on a bare TCP socket (Glibc only, none of StratFIX's transport), so that
/// it can send what no session would: garbage, bad frames, wrong sequence numbers. What comes
/// back is framed and parsed with StratFIX's own framer and field table.
final class HostileSocket {
  enum Answer: Equatable {
    case message(String)  // a whole, well-formed frame as `|` text
    case closed  // the venue closed the connection
    case silence  // nothing within the timeout, still open
  }

  private let fd: Int32
  private var received: [UInt8] = []
  private let framer = FIXFramer()
  private let table = FIXFieldTable()

  init(port: UInt16) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let status = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard fd >= 0, status == 0 else { throw FIXError(id: "test.hostile.connect", message: "connect: errno \(errno)") }
  }

  deinit { close(fd) }

  /// Sends every byte; false once the venue has closed the connection (EPIPE, ECONNRESET).
  @discardableResult
  func send(_ bytes: [UInt8]) -> Bool {
    var sent = 0
    while sent < bytes.count {
      let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return false }
      sent += count
    }
    return true
  }

  /// The next answer within `seconds`: a message, the end of the connection, or silence.
  func next(within seconds: Double = 2) -> Answer {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while true {
      if let message = framedMessage() { return .message(message) }
      let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, left) > 0 else { return .silence }
      var chunk = [UInt8](repeating: 0, count: 65_536)
      let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
      if count <= 0 { return .closed }
      received += chunk[0..<count]
    }
  }

  /// Skips to the end of the connection (within `seconds`); true when the venue closed it.
  func closes(within seconds: Double = 2) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    while deadline.timeIntervalSinceNow > 0 {
      if next(within: deadline.timeIntervalSinceNow) == .closed { return true }
    }
    return false
  }

  /// Takes the first whole, well-formed frame out of what was received; skips the rest.
  private func framedMessage() -> String? {
    while true {
      let (count, text) = received.withUnsafeBytes { raw -> (Int, String?) in
        switch framer.next(in: raw) {
        case .incomplete: return (0, nil)
        case .skip(let count, _): return (count, nil)
        case .message(let count):
          guard case .success(let view) = table.parse(UnsafeRawBufferPointer(rebasing: raw[0..<count])) else { return (count, nil) }
          return (count, view.text)
        }
      }
      if count == 0 { return nil }
      received.removeFirst(count)
      if let text { return text }
    }
  }
}

/// The hostile client's own session: CompID `EVIL`, messages built with `FIXEncoder` (header in
/// any order the scenario wants), and its own next seq.
final class HostileClient {
  static let compID = "EVIL"
  let socket: HostileSocket
  var seq = 1
  private let encoder = FIXEncoder()

  init(port: UInt16) throws { socket = try HostileSocket(port: port) }

  /// A message of `type`: header 34, 49, 52, 56 (unless `header` is false), then `fields`.
  func message(
    _ type: String, _ fields: [(Int, String)] = [], seq number: Int? = nil, sender: String = compID,
    beginString: String = "FIX.4.4", header: Bool = true
  ) throws -> [UInt8] {
    let number = number ?? seq
    seq = max(seq, number + 1)
    encoder.start(beginString: beginString, msgType: type)
    if header {
      encoder.append(34, number)
      encoder.append(49, sender)
      encoder.append(52, timestamp: FIXClock.utcNanos())
      encoder.append(56, "VENUE")
    }
    for (tag, value) in fields { encoder.append(tag, value) }
    return Array(try encoder.finish())
  }

  /// Logs on with a seq reset (141=Y), so each scenario starts the session at seq 1.
  func logOn() throws -> HostileSocket.Answer {
    seq = 1
    socket.send(try message("A", [(98, "0"), (108, "30"), (141, "Y")]))
    return socket.next()
  }

  /// A TestRequest: the venue's Heartbeat with the same TestReqID proves it is still reading.
  func testRequest(_ id: String, seq number: Int? = nil, sender: String = compID) throws -> [UInt8] {
    try message("1", [(112, id)], seq: number, sender: sender)
  }

  func order(_ id: String, quantity: String = "100", price: String = "1.00", symbol: String = "INTC") throws -> [UInt8] {
    try message("D", [(11, id), (38, quantity), (40, "2"), (44, price), (54, "1"), (55, symbol), (59, "0"), (60, FIXTime.timestamp(FIXClock.utcNanos()))])
  }
}

/// The value of `tag` in an answer, if it is a message.
func field(_ answer: HostileSocket.Answer, _ tag: Int) -> String? {
  guard case .message(let text) = answer else { return nil }
  return field(text, tag)
}

/// strat-venue in process (`VenueServer`, FIX on port 0, one instrument) with three client
/// sessions, and two good clients trading with each other for as long as it runs:
///
///   trader thread ─sell 10 @ 10.00─▶ CLIENT1 ─┐
///                 ─buy 10 @ 10.00──▶ CLIENT2 ─┼─FIX─▶ VenueServer ◀─raw TCP── HostileClient (EVIL)
///   test thread ──probe order──────▶ CLIENT2 ─┘          └─ log lines ─▶ `logged(_:)`
final class HostileVenue: @unchecked Sendable {
  let server: VenueServer
  let seller: TestClient
  let buyer: TestClient
  private let log = LogLines()
  private let lock = NSLock()
  private var trading = true
  private var sendFailures = 0
  private var probes = 0
  private let traderDone = DispatchSemaphore(value: 0)

  init() throws {
    var settings = VenueSettings()
    settings.clients = ["CLIENT1", "CLIENT2", HostileClient.compID]
    settings.fixAddress = .loopback(port: 0)
    settings.instruments = [MatchingInstrument(symbol: "INTC", locate: 1)]
    let log = log
    server = try VenueServer(settings, log: { log.append($0) })
    server.start()
    let dictionary = try FIXDictionary.bundled(.fix44)
    let port = server.acceptor.address.port
    seller = try TestClient(name: "CLIENT1", port: port, dictionary: dictionary)
    buyer = try TestClient(name: "CLIENT2", port: port, dictionary: dictionary)
    guard seller.waitLoggedOn(), buyer.waitLoggedOn() else { throw FIXError(id: "test.hostile.logon", message: "the good clients did not log on") }
    Thread { [self] in trade() }.start()
  }

  var port: UInt16 { server.acceptor.address.port }

  /// True when the venue logged a line containing `text`.
  func logged(_ text: String) -> Bool { log.lines.contains { $0.contains(text) } }

  private var fills: Int { buyer.messages.count { field($0, 150) == "F" } }

  private func trade() {
    var n = 0
    while locked({ trading }) {
      n += 1
      do {
        try seller.order("S\(n)", side: "2", quantity: 10, price: "10.00")
        try buyer.order("B\(n)", side: "1", quantity: 10, price: "10.00")
      } catch {
        locked { sendFailures += 1 }
      }
      usleep(5_000)
    }
    traderDone.signal()
  }

  /// The venue still serves the good clients: both logged on, trading goes on (new fills), and
  /// a fresh order gets its ExecutionReport.
  func expectStillServing(sourceLocation: SourceLocation = #_sourceLocation) throws {
    let before = fills
    #expect(isLoggedOn(seller) && isLoggedOn(buyer), "a good client was logged out", sourceLocation: sourceLocation)
    let probe = "P\(locked { probes += 1; return probes })"
    try buyer.order(probe, side: "1", quantity: 1, price: "1.00")
    let until = Date(timeIntervalSinceNow: 3)
    while Date() < until && !(fills > before && buyer.messages.contains { field($0, 11) == probe }) { usleep(2_000) }
    let report = buyer.messages.first { field($0, 11) == probe }
    #expect(report.map { field($0, 35) == "8" && field($0, 150) == "0" } == true, "no ExecutionReport for \(probe)", sourceLocation: sourceLocation)
    #expect(fills > before, "the good clients' trading stopped", sourceLocation: sourceLocation)
    #expect(locked { sendFailures } == 0, "a good client could not send", sourceLocation: sourceLocation)
  }

  private func isLoggedOn(_ client: TestClient) -> Bool { (try? client.initiator.withSession { $0.state == .loggedOn }) ?? false }

  func stop() {
    locked { trading = false }
    traderDone.wait()
    seller.stop()
    buyer.stop()
    server.stop()
  }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }
}

/// The venue's log, kept for the tests to read.
final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var kept: [String] = []
  func append(_ line: String) { lock.lock(); kept.append(line); lock.unlock() }
  var lines: [String] { lock.lock(); defer { lock.unlock() }; return kept }
}

/// The process's resident memory, from /proc/self/statm.
func residentBytes() -> Int {
  let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
  let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
  return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
