/// The UTC offsets of one zone at every instant: the TZif transitions, then the footer's POSIX
/// rule after the last of them (RFC 8536 §3.3).
///
/// Local → UTC picks, like Python's `zoneinfo` with `fold=0`, the offset in effect *before* a
/// transition for every local time that the transition skips or repeats: in the repeated hour
/// of a fall-back day (01:30 in New York) the first occurrence (daylight time); in the skipped
/// hour of a spring-forward day (02:30) the time is read on the old clock (02:30 EST = 03:30 EDT).
/// Seconds are clamped to ±2^60 (the file's times lie within ±2^59, zic's "big bang"), far
/// beyond any nanosecond timestamp.
public struct ZoneRules: Sendable, Equatable {
  /// A change of offset: at `utc` seconds the offset goes from `before` to `after`.
  public struct Transition: Sendable, Equatable {
    public var utc: Int64
    public var before: Int64
    public var after: Int64
  }

  /// The zone's name, e.g. `America/New_York`.
  public var name: String
  let tzif: TZif
  /// The footer's rule, or nil when the file has none.
  public let rule: POSIXTZRule?

  static let limit: Int64 = 1 << 60

  /// Combines a parsed file with its footer; nil footer text means none.
  public init(name: String, tzif: TZif, rule: POSIXTZRule?) {
    self.name = name
    self.tzif = tzif
    self.rule = rule
  }

  /// The UTC seconds of the last transition listed in the file, after which the rule applies.
  public var lastListedTransition: Int64? { tzif.transitions.last }

  /// The offset east of UTC, in seconds, at a UTC instant.
  public func offset(atUTC instant: Int64) -> Int64 {
    let seconds = Self.clamped(instant)
    let times = tzif.transitions
    guard let last = times.last else { return rule?.offset(atUTC: seconds) ?? tzif.types[0].utcOffset }
    if seconds >= last, let rule { return rule.offset(atUTC: seconds) }
    guard seconds >= times[0] else { return tzif.types[0].utcOffset }
    return tzif.types[tzif.transitionTypes[lastIndex(atOrBefore: seconds)]].utcOffset
  }

  /// The UTC nanoseconds of a local time in nanoseconds since 1970 on the zone's clock.
  public func utcNanos(fromLocal localNanos: Int64) -> Int64 {
    let seconds = floorDiv(localNanos, 1_000_000_000)
    return localNanos - (seconds - utcSeconds(fromLocal: seconds)) * 1_000_000_000
  }

  /// The UTC seconds of a local time in seconds (see the type's note on skipped and repeated times).
  public func utcSeconds(fromLocal local: Int64) -> Int64 {
    let local = Self.clamped(local)
    // A local time lies after transition T (fold = 0) once it reaches T on the later of both
    // clocks; offsets are within ±26 h, so only transitions before local + 26 h can qualify.
    var probe = local + TZif.offsetLimit + 1
    while let t = previousTransition(before: probe) {
      if t.utc + max(t.before, t.after) <= local { return local - t.after }
      probe = t.utc
    }
    return local - offset(atUTC: probe - 1)
  }

  /// The latest transition strictly before `instant`, from the file or the rule; nil if none.
  public func previousTransition(before instant: Int64) -> Transition? {
    let seconds = Self.clamped(instant)
    let times = tzif.transitions
    if let fromRule = ruleTransition(before: seconds, after: times.last) { return fromRule }
    guard let first = times.first, seconds > first else { return nil }
    let index = lastIndex(atOrBefore: seconds - 1)
    return transition(at: times[index])
  }

  /// The transitions with `from <= utc < to`, in order (from the file and the rule).
  public func transitions(from: Int64, to: Int64) -> [Transition] {
    var found: [Transition] = []
    var probe = to
    while let t = previousTransition(before: probe), t.utc >= from {
      found.append(t)
      probe = t.utc
    }
    return found.reversed()
  }

  func transition(at utc: Int64) -> Transition {
    Transition(utc: utc, before: offset(atUTC: utc - 1), after: offset(atUTC: utc))
  }

  /// The latest rule change before `seconds` and after the file's last transition.
  func ruleTransition(before seconds: Int64, after last: Int64?) -> Transition? {
    guard let rule, rule.daylight != nil else { return nil }
    if let last, seconds <= last + 1 { return nil }
    let year = CivilCalendar.date(days: floorDiv(seconds + rule.standardOffset, 86_400)).year
    var best: Int64?
    for y in (year - 1)...(year + 1) {
      guard let (start, end) = rule.changes(in: y) else { continue }
      for t in [start, end] where t < seconds && t > (last ?? Int64.min) && t > (best ?? Int64.min) {
        best = t
      }
    }
    guard let best else { return last.map { transition(at: $0) } }
    return transition(at: best)
  }

  /// The index of the last listed transition at or before `seconds` (≥ the first one).
  func lastIndex(atOrBefore seconds: Int64) -> Int {
    let times = tzif.transitions
    var low = 0
    var high = times.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if times[mid] <= seconds { low = mid } else { high = mid - 1 }
    }
    return low
  }

  static func clamped(_ seconds: Int64) -> Int64 { min(max(seconds, -limit), limit) }
}
