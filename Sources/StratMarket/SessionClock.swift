import StratDiagnostics
import StratTimeZone

/// The clock of a feed that counts time from the exchange's local midnight (LOBSTER seconds,
/// ITCH nanoseconds): turns a time of day on a session date into a true UTC instant, with the
/// zone's daylight-saving rules from the system's time-zone database.
///
/// A time of day is read on the local clock of the session date, so 09:30 on 2012-06-21 in New
/// York is 13:30Z (EDT) and 09:30 on 2012-12-21 is 14:30Z (EST). Times past 24:00 (ITCH allows
/// up to 2^48 ns) continue on the local clock. Until the day's first change of offset a time is
/// midnight + time of day, one add; after it the zone converts each time (`ZoneRules`: a skipped
/// local time is read on the old clock, a repeated one is the first occurrence).
public struct SessionClock: Sendable, Equatable {
  /// The venue's zone: LOBSTER and ITCH times are New York local time (NASDAQ). The one place
  /// to change it; readers take it as their `zone` argument's default.
  public static let exchangeZone = "America/New_York"

  /// The session midnight on the local clock (days since 1970 × one day, as if local were UTC).
  public let localMidnightNanos: Int64
  /// The UTC instant of the local midnight.
  public let midnightNanos: Int64
  /// Nanoseconds after midnight from which the offset differs from midnight's (Int64.max: never).
  let firstChangeNanos: Int64
  /// Nanoseconds after the UTC instant of midnight of the day's first transition (Int64.max: none).
  let firstUTCChangeNanos: Int64
  let zone: ZoneRules?

  /// A feed whose times count from a UTC midnight (no zone).
  public init(utcMidnightNanos: Int64) {
    localMidnightNanos = utcMidnightNanos
    midnightNanos = utcMidnightNanos
    firstChangeNanos = Int64.max
    firstUTCChangeNanos = Int64.max
    zone = nil
  }

  /// The session that starts at `localMidnightNanos` on the clock of `zone`.
  public init(localMidnightNanos: Int64, zone: ZoneRules) {
    let second: Int64 = 1_000_000_000
    let local = floorDiv(localMidnightNanos, second)
    let utc = zone.utcSeconds(fromLocal: local)
    self.localMidnightNanos = localMidnightNanos
    midnightNanos = localMidnightNanos &- (local &- utc) &* second
    self.zone = zone
    // fold = 0: a local time follows transition T once it reaches T on the later of both clocks.
    let near = zone.transitions(from: utc - 2 * 86_400, to: utc + 5 * 86_400)
    let next = near.map { $0.utc + max($0.before, $0.after) }.first { $0 > local }
    firstChangeNanos = next.map { ($0 - local) * second } ?? Int64.max
    firstUTCChangeNanos = near.first { $0.utc > utc }.map { ($0.utc - utc) * second } ?? Int64.max
  }

  /// The session on local date `day` (days since 1970) in the zone named `zoneName`.
  public static func exchange(
    localMidnightNanos: Int64, zoneName: String = SessionClock.exchangeZone
  ) throws(MarketDataError) -> SessionClock {
    do throws(ZoneDatabase.LookupError) {
      return SessionClock(localMidnightNanos: localMidnightNanos, zone: try ZoneDatabase.rules(named: zoneName))
    } catch {
      throw MarketDataError(diagnostics: [error.diagnostic])
    }
  }

  /// The UTC instant of a time of day in nanoseconds after the session's local midnight.
  @inline(__always)
  public func utcNanos(nanosOfDay: Int64) -> Int64 {
    guard nanosOfDay >= firstChangeNanos, let zone else { return midnightNanos &+ nanosOfDay }
    return zone.utcNanos(fromLocal: localMidnightNanos &+ nanosOfDay)
  }

  /// The time of day (nanoseconds after the local midnight) of a UTC instant: the inverse of
  /// `utcNanos` except in a repeated hour, whose second pass reads as its first.
  public func nanosOfDay(utcNanos: Int64) -> Int64 {
    let plain = utcNanos &- midnightNanos
    guard plain >= firstUTCChangeNanos, let zone else { return plain }
    let offset = zone.offset(atUTC: floorDiv(utcNanos, 1_000_000_000)) * 1_000_000_000
    return utcNanos &+ offset &- localMidnightNanos
  }
}

/// Division rounding toward −∞.
@inline(__always)
private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
