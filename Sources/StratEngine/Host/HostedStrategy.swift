import StratABI
import StratMarket
import StratRuntime

/// One strategy the engine runs: its code, its session (books, OMS, risk, the in-process venue)
/// and how far its order log has gone to the journal.
package final class HostedStrategy {
  package let index: Int
  package let setup: EngineSetup.Strategy
  /// The version running now (a hot-load replaces it).
  package var built: BuiltStrategy
  /// False once unloaded: it no longer sees events.
  package var active = true
  package var runner: NativeBookReplay
  /// What the hot thread does after each step when the engine hot-loads (warm-up ring, shadow).
  package var tap: StepTap?
  /// Rows of the session's order log already journaled (or checked against the journal).
  package var journaledRows = 0
  /// The session's audit box, read by the journal while the runner is busy (the write-ahead):
  /// reading it through `runner` then would overlap the runner's own access.
  package let audit: BookAudit
  /// Whether a request (order, cancel, replace) was journaled since the engine last asked.
  package var requested = false
  /// Repeated execution reports the OMS dropped, as far as the log and metrics have them.
  package var reportedDuplicates = 0

  package init(
    index: Int, setup: EngineSetup.Strategy, built: BuiltStrategy, config: BookBacktestConfig,
    snapshots: BookSnapshots?, limits: GlobalLimits
  ) throws(EngineError) {
    self.index = index
    self.setup = setup
    self.built = built
    let interface = built.executor.interface
    let table = RiskLimitTable(interface.risk, instrumentCount: interface.instruments.count)
      .tightened(by: limits.table(instrumentCount: interface.instruments.count))
    built.executor.reset()
    do throws(VenueError) {
      let session = try BookSession(interface: interface, config: config, snapshots: snapshots, limits: table)
      runner = NativeBookReplay(session: session, executor: built.executor)
      audit = session.audit
    } catch {
      let diagnostic = error.diagnostics.first
      throw EngineError(
        id: diagnostic?.id ?? "engine.venue", message: diagnostic?.message ?? "the venue settings do not hold")
    }
  }

  package var name: String { built.executor.interface.name }
}
