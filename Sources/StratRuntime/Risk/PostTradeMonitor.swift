import StratMarket
import Synchronization

/// The engine's post-trade risk, shared between the hot thread and the control thread:
/// ```
///   hot thread, every 256 events ──update(k, session)──▶ ┌ Mutex ───────────────┐
///   (books new fills, marks, a minute sample; no alloc)   │ [PostTradeRisk] + n  │
///   control / metrics thread ─────snapshot()────────────▶ └──────────────────────┘
///        copies the state out under the lock, computes the figures (and the VaR sort) outside
/// ```
/// The hot thread takes the lock once per strategy every 256 events, never per event; the
/// control thread holds it only for a copy, so the hot thread never waits on a computation.
package final class PostTradeMonitor: Sendable {
  private struct State: Sendable {
    var risks: [PostTradeRisk]
    var events: UInt64 = 0
  }

  private let state: Mutex<State>
  package let names: [String]
  package let symbols: [[String]]

  /// A monitor for strategies `names`, strategy k's instruments bound to `symbols[k]`.
  package init(names: [String], symbols: [[String]]) {
    self.names = names
    self.symbols = symbols
    state = Mutex(State(risks: symbols.map { PostTradeRisk(instrumentCount: $0.count) }))
  }

  /// Books strategy `k`'s fills since the last call, takes its marks and, on a new minute of
  /// `time`, a sample. Hot thread, between events.
  package func update(_ k: Int, session: borrowing BookSession, time: Int64, events: UInt64) {
    state.withLock { state in
      state.events = events
      let fills = session.ledger.fills
      while state.risks[k].fillsBooked < fills.count {
        let f = fills[state.risks[k].fillsBooked]
        state.risks[k].book(instrument: f.instrument, quantity: f.quantity.units, price: f.price.raw, fee: f.fee.raw)
      }
      for i in 0..<state.risks[k].instrumentCount { state.risks[k].mark(i, session.mark(i)) }
      state.risks[k].sample(at: time)
    }
  }

  /// The figures now. Any thread.
  package func snapshot() -> PostTradeSnapshot {
    let (risks, events) = state.withLock { state in (state.risks.map { $0.detached() }, state.events) }
    let strategies = risks.indices.map { PostTradeSnapshot.strategy(names[$0], symbols: symbols[$0], risk: risks[$0]) }
    return PostTradeSnapshot.engine(strategies, events: events)
  }
}
