import Foundation
import Testing

@testable import StratFIX

/// A session under a schedule, with the harness's clock: Logon only in hours, Logout at the
/// end, and the daily reset kept in the store across restarts.
@Suite struct FIXSessionScheduleSessionTests {
  static let hours = schedule("08:00:00", "16:00:00")

  func folder() -> String { NSTemporaryDirectory() + "fix-schedule-\(UUID().uuidString)" }

  @Test func anAcceptorLogsOnInHours() throws {
    let h = try FIXSessionHarness(schedule: Self.hours, now: utc("20261202-09:00:00"))
    h.logOn()
    #expect(h.session.state == .loggedOn && h.takeSent() == ["35=A|34=1|98=0|108=30"])
  }

  @Test func anAcceptorRefusesALogonOutsideHours() throws {
    let h = try FIXSessionHarness(schedule: Self.hours, now: utc("20261202-16:00:00"))
    h.logOn()
    #expect(h.disconnected && h.session.state == .disconnected && h.takeSent().isEmpty)
    #expect(h.events.contains { $0.contains("Logon outside the session's hours (08:00:00 to 16:00:00 UTC)") })
  }

  @Test func anInitiatorSendsNoLogonOutsideHours() throws {
    let out = try FIXSessionHarness(initiator: true, schedule: Self.hours, now: utc("20261202-07:59:59"))
    #expect(out.disconnected && out.takeSent().isEmpty)
    let inHours = try FIXSessionHarness(initiator: true, schedule: Self.hours, now: utc("20261202-08:00:00"))
    #expect(!inHours.disconnected && inHours.takeSent() == ["35=A|34=1|98=0|108=30"])
  }

  @Test func theEndOfHoursLogsOut() throws {
    let h = try FIXSessionHarness(schedule: Self.hours, now: utc("20261202-15:59:50"))
    h.logOn()
    _ = h.takeSent()
    h.now = utc("20261202-15:59:59")
    h.session.tick(now: h.now)
    #expect(h.takeSent().isEmpty && h.session.state == .loggedOn)
    h.now = utc("20261202-16:00:00")
    h.session.tick(now: h.now)
    #expect(h.takeSent() == ["35=5|34=2|58=End of the session"] && h.session.state == .logoutSent)
    h.peer("5")
    #expect(h.disconnected)
  }

  @Test func aSessionAcrossMidnightStaysOnUntilItsEnd() throws {
    let h = try FIXSessionHarness(schedule: schedule("17:00:00", "16:00:00"), now: utc("20261202-23:00:00"))
    h.logOn()
    _ = h.takeSent()
    h.now = utc("20261203-01:00:00")
    h.peer("0")
    h.session.tick(now: h.now)
    #expect(h.session.state == .loggedOn && h.takeSent() == ["35=0|34=2"])
    h.now = utc("20261203-16:00:00")
    h.peer("0")
    h.session.tick(now: h.now)
    #expect(h.takeSent() == ["35=5|34=3|58=End of the session"])
  }

  @Test func aDayLongSessionLogsOutAtItsTurnAndStartsOverOnTheNextConnection() throws {
    let h = try FIXSessionHarness(initiator: true, schedule: schedule("00:00:00", "00:00:00"), now: utc("20261202-23:59:50"))
    h.peer("A", "98=0|108=30|")
    try h.session.sendApplication("D", now: h.now) { $0.append(11, "O") }
    _ = h.takeSent()
    h.now = utc("20261203-00:00:00")
    h.session.tick(now: h.now)
    #expect(h.takeSent() == ["35=5|34=3|58=End of the session"])
    h.peer("5")
    #expect(h.disconnected && h.session.state == .disconnected)
    h.now = utc("20261203-00:00:05")
    h.session.connected(now: h.now)
    #expect(h.takeSent() == ["35=A|34=1|98=0|108=30"] && h.session.store.nextTargetSeq == 1)
  }

  /// A session at `now` on the store in `folder` that logs on and sends one report.
  func runDay(_ folder: String, at now: String, peerSeq: Int = 1) throws -> FIXSessionHarness {
    let h = try FIXSessionHarness(store: try FIXMessageStore(folder: folder), schedule: Self.hours, now: utc(now))
    h.peerSeq = peerSeq
    h.logOn()
    try h.session.sendApplication("8", now: h.now) { $0.append(11, "R") }
    h.session.store.close()
    return h
  }

  @Test func aRestartInTheSamePeriodKeepsTheSeqs() throws {
    let folder = folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try runDay(folder, at: "20261202-09:00:00")
    let again = try runDay(folder, at: "20261202-15:00:00", peerSeq: 2)
    #expect(again.sent == ["35=A|34=3|98=0|108=30", "35=8|34=4|11=R"])
    #expect(again.session.state == .loggedOn)
  }

  @Test func aRestartInTheNextPeriodStartsTheSeqsOver() throws {
    let folder = folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    _ = try runDay(folder, at: "20261202-09:00:00")
    let next = try runDay(folder, at: "20261203-08:30:00")
    #expect(next.sent == ["35=A|34=1|98=0|108=30", "35=8|34=2|11=R"])
    #expect(next.events.contains { $0.contains("a new session period from 20261203-08:00:00.000") })
    let store = try FIXMessageStore(folder: folder)
    #expect(store.sessionStart == utc("20261203-08:00:00"))
    #expect(store.nextSenderSeq == 3 && store.nextTargetSeq == 2)
  }

  @Test func aStoreFromBeforeSchedulesIsTakenAsTheCurrentPeriod() throws {
    let folder = folder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
      // No schedule: records 1 to 3 only, as every store written before schedules.
      let h = try FIXSessionHarness(store: try FIXMessageStore(folder: folder))
      h.logOn()
      h.session.store.close()
    }
    let old = try FIXMessageStore(folder: folder)
    #expect(old.sessionStart == nil && old.nextSenderSeq == 2 && old.nextTargetSeq == 2)
    let h = try FIXSessionHarness(store: old, schedule: Self.hours, now: utc("20261202-09:00:00"))
    h.peerSeq = 2
    h.logOn()
    #expect(h.takeSent() == ["35=A|34=2|98=0|108=30"])
    #expect(old.sessionStart == utc("20261202-08:00:00"))
  }
}
