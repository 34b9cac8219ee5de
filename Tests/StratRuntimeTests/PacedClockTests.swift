import StratRuntime
import Testing

/// The paced clock never traps on a pace the arithmetic cannot hold, and a command cuts its
/// wait short (a stop must not wait for a slow pace).
@Suite struct PacedClockTests {
  @Test func aTinySpeedSaturatesInsteadOfTrapping() {
    var clock = PacedClock(speed: 1e-300)
    clock.wait(until: 0)
    var asked = 0
    let finished = clock.wait(until: 1_000_000_000, interrupted: {
      asked += 1
      return asked > 2
    })
    #expect(!finished, "a wait of ~1e309 ns saturates and is interrupted")
    #expect(asked == 3)
  }

  @Test func aWaitThatIsDueReturnsTrueWithoutAsking() {
    var clock = PacedClock(speed: 1_000)
    clock.wait(until: 5_000)
    var asked = false
    let due = clock.wait(until: 5_000, interrupted: { asked = true; return true })
    #expect(due)
    #expect(!asked)
  }
}
