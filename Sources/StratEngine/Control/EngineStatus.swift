import StratABI
import StratMarket
import StratRuntime
import Synchronization

/// What the control API shows: a copy of the hot thread's state, refreshed every 256 events.
/// The hot thread writes in place (storage sized once, nothing allocated) only when the lock is
/// free; when a reader holds it, that refresh is skipped, so the hot thread never waits.
package final class EngineStatusBoard: Sendable {
  package struct OpenOrder: Sendable, Equatable {
    package var id: UInt64
    package var instrument: Int
    package var buy: Bool
    package var remaining: Int64
    package var price: Int64?
    /// Its OMS state: working (pending new, open, partially filled) or ended by the OMS
    /// (expired, unknown at the venue).
    package var state = OMSOrderState.open
  }

  package struct Strategy: Sendable {
    package var name: String
    package var backend: String
    package var code: String
    package var instruments: [String]
    package var positions: [Int64]
    /// The OMS's position and average price per (venue, instrument), indexed
    /// `venue * instruments.count + instrument` (one venue today: the in-process one).
    package var venuePositions: [Int64] = []
    package var venueAverages: [Double] = []
    package var cash = Money.zero
    package var equity = Money.zero
    package var fees = Money.zero
    package var fills = 0
    /// The OMS's working orders, then those it ended itself (`state` tells which).
    package var openOrders: [OpenOrder]
    package var denied = 0
    package var expired = 0
    /// False once unloaded; the shadow's code hash and its steps (agreeing ones) while it runs.
    package var active = true
    package var shadowCode: String?
    package var shadowSteps: UInt64 = 0
    package var shadowAgreeing: UInt64 = 0
  }

  package struct Status: Sendable {
    package var events: UInt64 = 0
    package var totalEvents = 0
    package var killed = false
    package var finished = false
    package var strategies: [Strategy] = []
  }

  /// The most open orders shown per strategy.
  package static let orderCapacity = 256
  private let state: Mutex<Status>

  package init(_ strategies: [HostedStrategy], totalEvents: Int) {
    var status = Status()
    status.totalEvents = totalEvents
    status.strategies = strategies.map { s in
      var orders: [OpenOrder] = []
      orders.reserveCapacity(Self.orderCapacity)
      let interface = s.built.executor.interface
      return Strategy(
        name: s.name, backend: s.built.backend, code: s.built.codeHash,
        instruments: interface.instruments.map(\.symbol),
        positions: Array(repeating: 0, count: interface.instruments.count),
        venuePositions: Array(repeating: 0, count: interface.instruments.count),
        venueAverages: Array(repeating: .nan, count: interface.instruments.count), openOrders: orders)
    }
    state = Mutex(status)
  }

  /// Refreshes the copy unless a reader holds it (hot thread).
  package func publish(_ strategies: [HostedStrategy], events: UInt64, killed: Bool, finished: Bool = false) {
    _ = state.withLockIfAvailable { status in
      status.events = events
      status.killed = killed
      status.finished = finished
      for (k, s) in strategies.enumerated() where k < status.strategies.count {
        Self.copy(s.runner.session, into: &status.strategies[k])
        Self.copyVersions(s, into: &status.strategies[k])
      }
    }
  }

  static func copy(_ session: BookSession, into out: inout Strategy) {
    let ledger = session.ledger
    for i in out.positions.indices where i < ledger.positions.count { out.positions[i] = ledger.positions[i] }
    let n = out.positions.count
    for k in out.venuePositions.indices where n > 0 {
      out.venuePositions[k] = session.router.positions.position(venue: k / n, instrument: k % n)
      out.venueAverages[k] = session.router.positions.averagePrice(venue: k / n, instrument: k % n)
    }
    out.cash = ledger.cash
    out.fees = ledger.fees
    out.equity = session.equity.last ?? ledger.cash
    out.fills = ledger.fills.count
    out.denied = session.router.rejectedCounts.reduce(0, +)
    out.expired = session.router.expiredCount
    out.openOrders.removeAll(keepingCapacity: true)
    for o in session.router.open.prefix(orderCapacity) { out.openOrders.append(Self.row(o)) }
    for o in session.router.retired.prefix(orderCapacity - out.openOrders.count) { out.openOrders.append(Self.row(o)) }
  }

  static func row(_ o: OrderRouter.OpenOrder) -> OpenOrder {
    OpenOrder(id: o.id, instrument: o.instrument, buy: o.side == .buy, remaining: o.remaining, price: o.price, state: o.state)
  }

  /// The running and shadow versions (a hot-load, promotion or unload changes them); strings are
  /// the versions' own, so nothing is allocated here.
  static func copyVersions(_ s: HostedStrategy, into out: inout Strategy) {
    out.active = s.active
    out.backend = s.built.backend
    out.code = s.built.codeHash
    out.shadowCode = s.tap?.shadow?.built.codeHash
    out.shadowSteps = s.tap?.shadow?.steps ?? 0
    out.shadowAgreeing = s.tap?.shadow?.agreeing ?? 0
  }

  /// A copy of the status (control thread). Every array is copied element by element into new
  /// storage: a copy sharing the hot thread's buffers would make its next write reallocate.
  package func read() -> Status {
    state.withLock { status in
      var copy = Status()
      copy.events = status.events
      copy.totalEvents = status.totalEvents
      copy.killed = status.killed
      copy.finished = status.finished
      copy.strategies = status.strategies.map { s in
        var c = s
        c.positions = s.positions.map { $0 }
        c.venuePositions = s.venuePositions.map { $0 }
        c.venueAverages = s.venueAverages.map { $0 }
        c.openOrders = s.openOrders.map { $0 }
        c.instruments = s.instruments.map { $0 }
        return c
      }
      return copy
    }
  }
}
