import StratMarket
import StratRuntime

/// What one engine process runs, resolved from its config file and command line: every path
/// absolute, every setting read by the runtime's own readers (`VenueSettings`), so the engine
/// and `stratc backtest` agree on what a setting means.
package struct EngineSetup: Sendable {
  /// A strategy to host: a `.strat` the engine JIT-compiles or a `stratc build` object.
  package struct Strategy: Sendable, Equatable {
    package var path: String
    package var params: [String: String]
    /// Instrument bindings `NAME=SYMBOL`, as `stratc backtest --instrument`.
    package var instruments: [(String, String)]
    /// The bytes to build instead of the file's (a recovery builds what the journal recorded),
    /// and an object's signature file's bytes.
    package var source: [UInt8]?
    package var signature: [UInt8]?
    package init(
      path: String, params: [String: String] = [:], instruments: [(String, String)] = [], source: [UInt8]? = nil,
      signature: [UInt8]? = nil
    ) {
      self.path = path
      self.params = params
      self.instruments = instruments
      self.source = source
      self.signature = signature
    }

    package static func == (a: Strategy, b: Strategy) -> Bool {
      a.path == b.path && a.params == b.params && a.instruments.elementsEqual(b.instruments, by: ==)
    }
  }

  /// Where market data comes from.
  package enum Feed: Sendable, Equatable {
    /// A recorded day (LOBSTER, ITCH or the tick store), replayed; `date` as `stratc backtest
    /// --date`.
    case replay(path: String, date: String?, symbol: String?)
    /// ITCH 5.0 in MoldUDP64 packets over UDP: the address to listen on, the re-request server,
    /// the session date (YYYY-MM-DD: ITCH times count from its New York midnight).
    case itchUDP(listen: String, request: String?, date: String)
  }

  package var strategies: [Strategy]
  package var feed: Feed
  /// The in-process venue (paper trading), with the backtest's latency, queue and fee model.
  package var venue: VenueConfig
  /// The engine's global limits, on top of each strategy's `risk` block.
  package var limits: GlobalLimits
  /// The journal folder; nil runs without one (tests and benchmarks only).
  package var journal: String?
  /// Where `trades.csv`, `orders.csv` and `summary.json` go when the run ends.
  package var out: String?
  /// Real-time pacing × speed; nil = virtual time, as fast as possible.
  package var speed: Double?
  /// Cancel open orders on SIGTERM before exiting.
  package var cancelOnExit: Bool
  /// The folder watched for new versions, and what happens to state when layouts differ.
  package var hotload = Hotload()
  /// The CPU the hot thread is pinned to (`engine.cpu`); nil: not pinned.
  package var cpu: Int?
  /// Orders go over FIX to this venue instead of the in-process simulated venue.
  package var fixVenue: EngineConfig.FIXVenue?
  /// Orders go through the smart order router to these venues (`[venue] kind = "routed"`).
  package var routes: [EngineConfig.Route] = []
  package var routingPolicy: RoutingPolicy = .bestPrice
  /// A live feed's events are journaled, so that the run can be recovered and exported
  /// (`journal.record_market`; replayed files are their own record).
  package var recordMarket = true
  /// The recorded market events are written as a tick store into OUT/ticks at the end (`out.ticks`).
  package var writeTicks = false

  package struct Hotload: Sendable, Equatable {
    package var folder: String?
    package var policy: HotLoader.Policy = .carry
    /// Input records each strategy's warm-up ring holds (a power of two).
    package var warmupRecords = Self.defaultWarmupRecords
    package static let defaultWarmupRecords = 4096
    /// New versions start as shadows until promoted (`hotload.shadow`).
    package var shadow = false
    package init(folder: String? = nil, policy: HotLoader.Policy = .carry) {
      self.folder = folder
      self.policy = policy
    }
  }

  package init(
    strategies: [Strategy], feed: Feed, venue: VenueConfig = VenueConfig(), limits: GlobalLimits = GlobalLimits(),
    journal: String? = nil, out: String? = nil, speed: Double? = nil, cancelOnExit: Bool = true
  ) {
    self.strategies = strategies
    self.feed = feed
    self.venue = venue
    self.limits = limits
    self.journal = journal
    self.out = out
    self.speed = speed
    self.cancelOnExit = cancelOnExit
  }
}

/// The engine's global limits (config `[risk]`), one value for every instrument, in fixed point.
package struct GlobalLimits: Sendable, Equatable {
  package var maxOrderQuantity: Int64?
  package var maxPosition: Int64?
  package var maxOrderNotional: Money?
  package var priceBand: Rate?
  package var maxOrdersPerSecond: Int?
  package var maxOpenOrders: Int?
  package var maxDailyLoss: Money?
  package var duplicateWindowNanos: Int64?
  /// A breach of the daily loss limit turns the kill switch on.
  package var killOnBreach = true
  /// The kill switch also flattens positions (market orders), not only cancels.
  package var flattenOnKill = false

  package init() {}

  /// These limits as a table for `instrumentCount` instruments.
  package func table(instrumentCount: Int) -> RiskLimitTable {
    var t = RiskLimitTable(instrumentCount: instrumentCount)
    if let maxPosition { t.maxPosition = Array(repeating: maxPosition, count: instrumentCount) }
    if let maxOrderQuantity { t.maxOrderQuantity = maxOrderQuantity }
    t.maxOrderNotional = maxOrderNotional
    t.priceBand = priceBand
    t.maxDailyLoss = maxDailyLoss
    t.maxOpenOrders = maxOpenOrders
    t.duplicateWindowNanos = duplicateWindowNanos
    if let perSecond = maxOrdersPerSecond {
      t.maxOrders = perSecond
      t.orderRateWindowNanos = 1_000_000_000
    }
    return t
  }
}
