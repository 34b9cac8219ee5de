extension Timestamp {
  /// The UTC calendar date of an instant, for grouping by month or year.
  public static func civilDate(_ nanos: Int64) -> (year: Int64, month: Int64, day: Int64) {
    CivilCalendar.date(days: CivilCalendar.dayIndex(nanos: nanos))
  }
}
