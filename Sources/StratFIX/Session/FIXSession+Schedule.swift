extension FIXSession {
  /// Whether the schedule lets the session run at `now`. When `now` lies in a period the store
  /// has not seen, the store starts over first: both seqs 1, sent messages forgotten
  /// (QuickFIX's daily reset, from the period's start kept in the store, so a restart inside
  /// the same period keeps its seqs). A store with no period yet (a new one, or one written
  /// before schedules) takes the current period without a reset.
  func enterSessionPeriod(now: Int64) -> Bool {
    let schedule = settings.schedule
    guard !schedule.isAlways else { return true }
    guard let period = schedule.period(containing: now) else {
      periodEnd = nil
      return false
    }
    periodEnd = period.end
    guard store.sessionStart != period.start else { return true }
    do {
      if store.sessionStart != nil {
        event("a new session period from \(FIXTime.timestamp(period.start)): sequence numbers start over at 1")
        try store.reset()
      }
      try store.setSessionStart(period.start)
    } catch {
      storeFailed(error)
      return false
    }
    return true
  }

  /// True once a scheduled session's period is over (checked on each tick while logged on).
  func periodEnded(now: Int64) -> Bool {
    guard let end = periodEnd else { return false }
    return now >= end
  }
}

extension FIXSessionSchedule: CustomStringConvertible {
  /// The hours as the configuration writes them, e.g. `sun 17:00:00 to fri 17:00:00 America/New_York`.
  public var description: String {
    guard let window else { return "always" }
    let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    func time(_ seconds: Int) -> String {
      [seconds / 3600, seconds / 60 % 60, seconds % 60].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: ":")
    }
    let start = (window.startDay.map { days[$0.rawValue] + " " } ?? "") + time(window.startSeconds)
    let end = (window.endDay.map { days[$0.rawValue] + " " } ?? "") + time(window.endSeconds)
    return "\(start) to \(end) \(window.zone?.name ?? "UTC")"
  }
}
