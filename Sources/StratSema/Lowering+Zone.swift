import StratIR
import StratTimeZone

/// A named zone's UTC offset at the step's time, as straight-line i64 arithmetic
/// (ZoneOffsetPlan): the same operations on every backend, so the session bits agree bit for bit.
extension Lowering {
  static let nanosPerSecond: Int64 = 1_000_000_000

  /// The offset east of UTC, in nanoseconds, at `now`.
  mutating func zoneOffset(_ plan: ZoneOffsetPlan, at now: ValueID) -> ValueID {
    let ns = Self.nanosPerSecond
    var offset = int(plan.initialOffset * ns)
    for change in plan.changes {
      let after = op(.ige, .bool, now, int(change.utc * ns))
      offset = builder.emit(.select, .i64, [after, int(change.after * ns), offset])
    }
    guard let rule = plan.rule, let daylight = rule.daylight else { return offset }
    let ruled = ruleOffset(rule, daylight, at: now)
    guard plan.ruleStart > ZoneOffsetPlan.rangeStart else { return ruled }
    let ruleApplies = op(.ige, .bool, now, int(plan.ruleStart * ns))
    return builder.emit(.select, .i64, [ruleApplies, ruled, offset], name: "zone_offset")
  }

  /// The POSIX rule's offset: daylight time between this year's start and end changes, the
  /// year being the civil year of `now` on standard time (as `POSIXTZRule.offset(atUTC:)`).
  mutating func ruleOffset(_ rule: POSIXTZRule, _ daylight: POSIXTZRule.Daylight, at now: ValueID) -> ValueID {
    let ns = Self.nanosPerSecond
    let local = op(.iadd, .i64, now, int(rule.standardOffset * ns))
    let year = civilYear(ofDay: floorDiv(local, 86_400 * ns))
    let start = changeInstant(daylight.start, year: year, offset: rule.standardOffset)
    let end = changeInstant(daylight.end, year: year, offset: daylight.utcOffset)
    let afterStart = op(.ige, .bool, now, start)
    let beforeEnd = op(.ilt, .bool, now, end)
    let north = op(.ilt, .bool, start, end)
    let inside = builder.emit(
      .select, .bool, [north, op(.and, .bool, afterStart, beforeEnd), op(.or, .bool, afterStart, beforeEnd)])
    return builder.emit(.select, .i64, [inside, int(daylight.utcOffset * ns), int(rule.standardOffset * ns)])
  }

  /// UTC nanoseconds of a rule change in `year`, whose local time is read at `offset`.
  mutating func changeInstant(_ change: POSIXTZRule.Change, year: ValueID, offset: Int64) -> ValueID {
    let seconds = op(.iadd, .i64, op(.imul, .i64, ruleDay(change.day, year: year), int(86_400)), int(change.time - offset))
    return op(.imul, .i64, seconds, int(Self.nanosPerSecond))
  }

  /// Days since 1970-01-01 of a rule day in `year` (`POSIXTZRule.dayIndex`).
  mutating func ruleDay(_ day: POSIXTZRule.Day, year: ValueID) -> ValueID {
    switch day {
    case .julianNoLeap(let n):  // J1…J365 skip 29 February: a fixed month and day.
      let (month, dayOfMonth) = Self.monthDay(ofNoLeapDay: n)
      return daysFromCivil(year: year, month: month, day: dayOfMonth)
    case .zeroBased(let n):
      return op(.iadd, .i64, daysFromCivil(year: year, month: 1, day: 1), int(n))
    case .monthWeekDay(let month, let week, let weekday):
      let first = daysFromCivil(year: year, month: month, day: 1)
      let firstWeekday = floorMod(op(.iadd, .i64, first, int(4)), 7)  // 1970-01-01 was a Thursday
      let delta = floorMod(op(.isub, .i64, int(weekday), firstWeekday), 7)
      let day = op(.iadd, .i64, op(.iadd, .i64, first, delta), int((week - 1) * 7))
      guard week == 5 else { return day }
      let nextYear = month == 12 ? op(.iadd, .i64, year, int(1)) : year
      let next = daysFromCivil(year: nextYear, month: month == 12 ? 1 : month + 1, day: 1)
      let beyond = op(.ige, .bool, day, next)
      return builder.emit(.select, .i64, [beyond, op(.isub, .i64, day, int(7)), day])
    }
  }

  /// Days from 1970-01-01 to a date with a constant month and day (`CivilCalendar.days`).
  mutating func daysFromCivil(year: ValueID, month: Int64, day: Int64) -> ValueID {
    let y = month <= 2 ? op(.isub, .i64, year, int(1)) : year
    let era = floorDiv(y, 400)
    let yearOfEra = op(.isub, .i64, y, op(.imul, .i64, era, int(400)))
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let leapDays = op(.isub, .i64, op(.idiv, .i64, yearOfEra, int(4)), op(.idiv, .i64, yearOfEra, int(100)))
    let dayOfEra = op(.iadd, .i64, op(.imul, .i64, yearOfEra, int(365)), leapDays)
    let eraDays = op(.imul, .i64, era, int(146_097))
    return op(.iadd, .i64, op(.iadd, .i64, eraDays, dayOfEra), int(dayOfYear - 719_468))
  }

  /// The civil year of a day count (`CivilCalendar.date(days:).year`).
  mutating func civilYear(ofDay day: ValueID) -> ValueID { civilDate(ofDay: day).year }

  /// Division rounding toward −∞ by a positive constant.
  mutating func floorDiv(_ a: ValueID, _ b: Int64) -> ValueID {
    let q = op(.idiv, .i64, a, int(b))
    let negative = op(.ilt, .bool, op(.irem, .i64, a, int(b)), int(0))
    return builder.emit(.select, .i64, [negative, op(.isub, .i64, q, int(1)), q])
  }

  /// The remainder of `floorDiv`, in 0..<b.
  mutating func floorMod(_ a: ValueID, _ b: Int64) -> ValueID {
    let r = op(.irem, .i64, a, int(b))
    let negative = op(.ilt, .bool, r, int(0))
    return builder.emit(.select, .i64, [negative, op(.iadd, .i64, r, int(b)), r])
  }

  /// Month and day of J`n` (1…365, 29 February never counted).
  static func monthDay(ofNoLeapDay n: Int64) -> (Int64, Int64) {
    var rest = n
    var month: Int64 = 1
    while rest > CivilCalendar.daysInMonth(month, year: 2001) {
      rest -= CivilCalendar.daysInMonth(month, year: 2001)
      month += 1
    }
    return (month, rest)
  }

  mutating func int(_ value: Int64) -> ValueID { builder.constant(.i64(value)) }

  mutating func op(_ opcode: Opcode, _ type: IRType, _ a: ValueID, _ b: ValueID) -> ValueID {
    builder.emit(opcode, type, [a, b])
  }
}
