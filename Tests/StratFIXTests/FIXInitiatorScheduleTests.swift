import Foundation
import Testing

@testable import StratFIX

/// The real UTC clock shifted by an offset the test sets, read from the initiator's threads.
final class ShiftedClock: @unchecked Sendable {
  private let lock = NSLock()
  private var offsetNanos: Int64

  init(offsetNanos: Int64) { self.offsetNanos = offsetNanos }

  var now: Int64 { lock.withLock { FIXClock.utcNanos() + offsetNanos } }

  func shift(to offsetNanos: Int64) { lock.withLock { self.offsetNanos = offsetNanos } }
}

/// The initiator over loopback TCP with an injected clock: it does not connect outside the
/// session's hours, and connects and logs on once its clock reaches them.
@Suite struct FIXInitiatorScheduleTests {
  @Test func theInitiatorWaitsForTheSessionsHours() throws {
    let dictionary = try FIXDictionary.bundled(.fix44)
    let acceptor = try FIXAcceptor(
      address: .loopback(port: 0), dictionary: dictionary,
      sessions: [FIXSessionSettings(senderCompID: "VENUE", targetCompID: "CLIENT", isInitiator: false)],
      storeFolder: nil, application: { _ in nil })
    acceptor.start()
    defer { acceptor.stop() }
    // Hours from 10 minutes before the real time of day to 2 hours after it (crossing midnight
    // when they must), so that the acceptor, on the real clock, takes the Logon's SendingTime.
    let second: Int64 = 1_000_000_000
    let now = Int(FIXClock.utcNanos() / second % 86_400)
    let hours = FIXSessionSchedule(
      window: .init(startSeconds: (now - 600 + 86_400) % 86_400, endSeconds: (now + 7_200) % 86_400))
    let settings = FIXSessionSettings(senderCompID: "CLIENT", targetCompID: "VENUE", isInitiator: true, schedule: hours)
    let session = FIXSession(settings: settings, dictionary: dictionary, store: try FIXMessageStore(folder: nil))
    let initiator = FIXInitiator(session: session, address: acceptor.address)
    let clock = ShiftedClock(offsetNanos: -3_600 * second)
    initiator.clock = { clock.now }
    initiator.schedulePollNanos = 10_000_000
    initiator.start()
    defer { initiator.stop() }
    usleep(300_000)
    #expect(initiator.connections == 0 && session.locked { session.state } == .disconnected)
    clock.shift(to: 0)
    let until = Date(timeIntervalSinceNow: 5)
    while session.locked({ session.state }) != .loggedOn, Date() < until { usleep(5_000) }
    #expect(session.locked { session.state } == .loggedOn && initiator.connections == 1)
  }
}
