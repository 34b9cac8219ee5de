import StratTimeZone

/// The calendar arithmetic lives with the time-zone rules (StratTimeZone), which need it too;
/// market code keeps calling it by its old name.
typealias CivilCalendar = StratTimeZone.CivilCalendar
