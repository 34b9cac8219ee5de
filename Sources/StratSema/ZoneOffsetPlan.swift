import StratTimeZone

/// How the step computes a named zone's UTC offset from its time, with constants taken from the
/// system's zone file at compile time (Lowering+Zone.swift writes it as IR arithmetic):
///
/// ```
/// offset = initial                                   in effect on 2000-01-01T00:00Z
/// offset = now >= T ? after : offset                 each listed transition T in [2000, ruleStart)
/// offset = now >= ruleStart ? rule(now) : offset     the footer's POSIX rule, by civil arithmetic
/// ```
/// `ruleStart` is the earliest listed transition from which every listed transition is one of
/// the rule's, and none of the rule's is missing (America/New_York: 2007-03-11, when the current
/// US rule began), so a zone needs a few compare/selects plus ~70 integer operations per step.
/// The offsets are exact from 2000 on, for as long as the rule holds; before 2000-01-01 the
/// offset in effect on that date is used.
struct ZoneOffsetPlan: Equatable {
  /// 2000-01-01T00:00:00Z: where the listed transitions start being followed.
  static let rangeStart: Int64 = 946_684_800

  /// Seconds east of UTC at the range start.
  var initialOffset: Int64
  /// The listed transitions in [rangeStart, ruleStart), each within the nanosecond range.
  var changes: [ZoneRules.Transition]
  /// The footer's rule when it has daylight time, applied from `ruleStart` (seconds) on.
  var rule: POSIXTZRule?
  var ruleStart: Int64

  /// The offset when the zone has no change from 2000 on (`Asia/Kolkata`, `Etc/UTC`).
  var fixedOffset: Int64? { changes.isEmpty && rule == nil ? initialOffset : nil }

  init(zone: ZoneRules) {
    let nanosLimit = Int64.max / 1_000_000_000
    initialOffset = zone.offset(atUTC: Self.rangeStart)
    let last = zone.lastListedTransition ?? Self.rangeStart
    let listed = last < Self.rangeStart ? [] : zone.transitions(from: Self.rangeStart, to: last + 1)
    var k = listed.count
    if let rule = zone.rule, rule.daylight != nil {
      while k > 0, Self.isRuleChange(listed[k - 1], of: rule) { k -= 1 }
      if k < listed.count, !Self.listsEveryChange(of: rule, in: listed[k...]) { k = listed.count }
      ruleStart = k < listed.count ? listed[k].utc : (zone.lastListedTransition ?? Int64.min)
      self.rule = ruleStart < nanosLimit ? rule : nil
    } else {
      ruleStart = Int64.max
      rule = nil
    }
    changes = listed[..<k].filter { $0.utc < nanosLimit }
  }

  /// True when `t` is one of the rule's changes, with the same offsets on both sides.
  static func isRuleChange(_ t: ZoneRules.Transition, of rule: POSIXTZRule) -> Bool {
    guard rule.offset(atUTC: t.utc) == t.after, rule.offset(atUTC: t.utc - 1) == t.before else { return false }
    let year = CivilCalendar.date(days: t.utc / 86_400).year
    return (year - 1...year + 1).contains { y in
      rule.changes(in: y).map { $0.start == t.utc || $0.end == t.utc } ?? false
    }
  }

  /// True when every change of the rule between the first and last of `listed` is listed.
  static func listsEveryChange(of rule: POSIXTZRule, in listed: ArraySlice<ZoneRules.Transition>) -> Bool {
    guard let first = listed.first?.utc, let last = listed.last?.utc else { return true }
    let times = Set(listed.map(\.utc))
    let years = CivilCalendar.date(days: first / 86_400).year...CivilCalendar.date(days: last / 86_400).year
    guard years.count < 1_000 else { return false }
    return years.allSatisfy { y in
      guard let (start, end) = rule.changes(in: y) else { return true }
      return [start, end].allSatisfy { $0 < first || $0 > last || times.contains($0) }
    }
  }
}
