import Foundation

/// The time the runtime runs on, injected so one loop serves a backtest (virtual time: the
/// events' own stamps), paper trading at a pace, and live trading (the wall clock).
/// Times are ns since the epoch, UTC.
package protocol RuntimeClock {
  /// The current time.
  mutating func now() -> Int64
  /// Waits until `time` (returns at once in virtual time, or when `time` has passed).
  mutating func wait(until time: Int64)
}

/// Virtual time: the clock is wherever the last event put it; nothing ever waits.
package struct VirtualClock: RuntimeClock {
  package private(set) var time: Int64 = .min
  package init() {}
  package mutating func now() -> Int64 { time }
  package mutating func wait(until time: Int64) { self.time = max(self.time, time) }
}

/// The system's real-time clock (CLOCK_REALTIME).
package struct WallClock: RuntimeClock {
  package init() {}
  package mutating func now() -> Int64 { Self.read(CLOCK_REALTIME) }
  package mutating func wait(until time: Int64) { Self.sleep(until: time, now: now()) }

  /// `clock`'s time in ns.
  @inline(__always)
  package static func read(_ clock: clockid_t) -> Int64 {
    var spec = timespec()
    clock_gettime(clock, &spec)
    return Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec)
  }

  /// Sleeps the gap to `time`, spinning for the last 50 µs (a sleep overshoots by tens of µs).
  static func sleep(until time: Int64, now: Int64) {
    var now = now
    while now < time {
      let gap = time - now
      if gap > 50_000 { usleep(useconds_t(min((gap - 50_000) / 1_000, 1_000_000))) }
      now = read(CLOCK_REALTIME)
    }
  }
}

/// Replayed events on the wall clock, `speed` times faster than they happened: event time t is
/// due at start + (t − first) / speed. `now()` maps the wall clock back into event time.
package struct PacedClock: RuntimeClock {
  package let speed: Double
  private var origin: (event: Int64, wall: Int64)?

  package init(speed: Double) { self.speed = speed }

  package mutating func now() -> Int64 {
    guard let origin else { return .min }
    let elapsed = Double(WallClock.read(CLOCK_MONOTONIC) - origin.wall) * speed
    return origin.event &+ Self.nanos(elapsed)
  }

  package mutating func wait(until time: Int64) { _ = wait(until: time, interrupted: { false }) }

  /// Waits until `time` is due, looking at `interrupted` every 50 ms at most; false when it
  /// returned early because `interrupted` said so (a stop must not wait for a slow pace).
  package mutating func wait(until time: Int64, interrupted: () -> Bool) -> Bool {
    guard let origin else {
      origin = (time, WallClock.read(CLOCK_MONOTONIC))
      return true
    }
    let (sum, overflow) = origin.wall.addingReportingOverflow(Self.nanos(Double(time &- origin.event) / speed))
    let due = overflow ? Int64.max : sum
    var wall = WallClock.read(CLOCK_MONOTONIC)
    while wall < due {
      if interrupted() { return false }
      let gap = due - wall
      if gap > 50_000 { usleep(useconds_t(min((gap - 50_000) / 1_000, 50_000))) }
      wall = WallClock.read(CLOCK_MONOTONIC)
    }
    return true
  }

  /// `value` nanoseconds as an Int64, saturated (a tiny speed makes huge waits).
  static func nanos(_ value: Double) -> Int64 {
    value.isNaN ? 0 : value >= 9.2e18 ? .max : value <= -9.2e18 ? .min : Int64(value)
  }
}
