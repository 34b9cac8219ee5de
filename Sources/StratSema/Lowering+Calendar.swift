import StratIR

/// The step's time as a calendar: fields of the local date and time in the schedule's zone
/// (UTC without a `schedule` block), and the period clocks built on them. All i64 arithmetic,
/// the same on every backend (days from civil and back: Howard Hinnant's algorithms).
extension Lowering {
  static let nanosPerDay: Int64 = 86_400 * nanosPerSecond

  /// Nanoseconds since 1970-01-01 in local time, at `now`.
  mutating func localTime(_ now: ValueID) -> ValueID {
    guard let schedule = program.schedule else { return now }
    let offset = schedule.zone.map { zoneOffset($0, at: now) } ?? int(schedule.offsetNanos)
    return op(.iadd, .i64, now, offset)
  }

  /// Year, month (1–12) and day (1–31) of a day count since 1970-01-01.
  mutating func civilDate(ofDay day: ValueID) -> (year: ValueID, month: ValueID, day: ValueID) {
    let z = op(.iadd, .i64, day, int(719_468))
    let era = floorDiv(z, 146_097)
    let dayOfEra = op(.isub, .i64, z, op(.imul, .i64, era, int(146_097)))
    let d1460 = op(.idiv, .i64, dayOfEra, int(1460))
    let d36524 = op(.idiv, .i64, dayOfEra, int(36_524))
    let d146096 = op(.idiv, .i64, dayOfEra, int(146_096))
    let adjusted = op(.isub, .i64, op(.iadd, .i64, op(.isub, .i64, dayOfEra, d1460), d36524), d146096)
    let yearOfEra = op(.idiv, .i64, adjusted, int(365))
    let leapDays = op(.isub, .i64, op(.idiv, .i64, yearOfEra, int(4)), op(.idiv, .i64, yearOfEra, int(100)))
    let dayOfYear = op(.isub, .i64, dayOfEra, op(.iadd, .i64, op(.imul, .i64, yearOfEra, int(365)), leapDays))
    let mp = op(.idiv, .i64, op(.iadd, .i64, op(.imul, .i64, dayOfYear, int(5)), int(2)), int(153))
    let januaryOrFebruary = op(.ige, .bool, mp, int(10))
    let year = op(.iadd, .i64, yearOfEra, op(.imul, .i64, era, int(400)))
    let civilYear = builder.emit(.select, .i64, [januaryOrFebruary, op(.iadd, .i64, year, int(1)), year])
    let month = builder.emit(.select, .i64, [januaryOrFebruary, op(.isub, .i64, mp, int(9)), op(.iadd, .i64, mp, int(3))])
    let monthStart = op(.idiv, .i64, op(.iadd, .i64, op(.imul, .i64, mp, int(153)), int(2)), int(5))
    let dayOfMonth = op(.iadd, .i64, op(.isub, .i64, dayOfYear, monthStart), int(1))
    return (civilYear, month, dayOfMonth)
  }

  /// `year(t)`, `month(t)`, `day(t)`, `weekday(t)` (ISO: 1 Monday … 7 Sunday), `hour(t)` and
  /// `minute(t)` of a Time, in local time.
  mutating func calendarField(_ b: Builtin, of t: ValueID) -> ValueID {
    let local = localTime(t)
    let dayNumber = floorDiv(local, Self.nanosPerDay)
    switch b {
    case .year: return civilDate(ofDay: dayNumber).year
    case .month: return civilDate(ofDay: dayNumber).month
    case .day: return civilDate(ofDay: dayNumber).day
    case .weekday: return op(.iadd, .i64, floorMod(op(.iadd, .i64, dayNumber, int(3)), 7), int(1))  // 1970-01-01 was a Thursday
    case .hour: return op(.idiv, .i64, floorMod(local, Self.nanosPerDay), int(3_600 * Self.nanosPerSecond))
    default: return floorMod(op(.idiv, .i64, floorMod(local, Self.nanosPerDay), int(60 * Self.nanosPerSecond)), 60)
    }
  }

  /// `new_day()`, `new_week()` (weeks start on Monday), `new_month()`: true on the first step and
  /// on each step whose local day, week or month is not the previous step's.
  mutating func periodClock(_ b: Builtin) -> ValueID {
    let now = builder.emit(.time, .i64, name: "now")
    let dayNumber = floorDiv(localTime(now), Self.nanosPerDay)
    let key: ValueID
    switch b {
    case .new_day: key = dayNumber
    case .new_week: key = floorDiv(op(.iadd, .i64, dayNumber, int(3)), 7)
    default:
      let date = civilDate(ofDay: dayNumber)
      key = op(.iadd, .i64, op(.imul, .i64, date.year, int(12)), date.month)
    }
    let last = builder.addSlot(Slot(name: b.rawValue, kind: .scalar(.i64, initial: .i64(Int64.min))))
    let previous = builder.emit(.load, .i64, imm: .slot(last))
    builder.effect(.store, [key], imm: .slot(last))
    return op(.ine, .bool, key, previous)
  }

  /// `bar_index()`: the steps before this one (0 on the first step), Pine's bar_index.
  mutating func barIndex() -> ValueID {
    let slot = builder.addSlot(Slot(name: "bar_index", kind: .scalar(.i64, initial: .i64(0))))
    let index = builder.emit(.load, .i64, imm: .slot(slot))
    builder.effect(.store, [op(.iadd, .i64, index, int(1))], imm: .slot(slot))
    return index
  }
}
