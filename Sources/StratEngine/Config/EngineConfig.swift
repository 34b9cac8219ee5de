import StratDiagnostics
import StratFIX
import StratMarket

/// What `strat-engine run --config FILE` runs with: the file decoded and checked
/// (Docs/ENGINE-CONFIG.md lists every key). Paths are resolved: relative ones against the
/// configuration file's folder, strategy files against `engine.strategies`.
package struct EngineConfig: Sendable {
  package var engine: Engine
  /// Nil when the file has no `control.listen` (no control server).
  package var control: Control?
  package var hotload: Hotload
  package var feed: Feed
  package var venue: Venue
  package var risk: RiskLimits
  package var strategies: [Strategy]
  /// Where each setting was written (`"control.listen"`; `"strategy[1].file"` for the first
  /// `[[strategy]]`: tables of an array count from 1, as messages do), so that a later failure
  /// (a port in use, a missing file) can point at the line that asked for it.
  package var origins: [String: SourceSpan]
  /// `[journal]` and `[out]`.
  package var recording = Recording()

  /// Where `key` of `strategies[index]` was written.
  package func origin(ofStrategy index: Int, _ key: String) -> SourceSpan? {
    origins["strategy[\(index + 1)].\(key)"]
  }

  /// `[engine]`.
  package struct Engine: Sendable, Equatable {
    /// The folder watched for `.strat` sources and `.so` objects.
    package var strategies: String
    /// The journal's folder.
    package var journal: String
    /// The CPU the hot thread is pinned to; nil: not pinned.
    package var cpu: Int?
    package var onExit: OnExit
    /// The JSON-lines log: nil is standard error.
    package var log: String?
    /// Where `trades.csv`, `orders.csv` and `summary.json` are written at the end; nil: nowhere.
    package var out: String?
  }

  /// What SIGTERM does with open orders.
  package enum OnExit: String, Sendable, CaseIterable { case cancel, leave }

  /// `[control]`: the HTTP control and metrics server.
  package struct Control: Sendable, Equatable {
    package var listen: Address
    /// The file holding the bearer token (mode 0600, checked when the server starts).
    package var tokenFile: String
    /// True when `listen` may be an address other than loopback.
    package var allowRemote: Bool
  }

  /// `[hotload]`.
  package struct Hotload: Sendable, Equatable {
    /// The HMAC-SHA256 key that signed objects are checked with; nil: no object is signed.
    package var keyFile: String?
    package var allowUnsigned: Bool
    package var state: StatePolicy
    /// New versions start in shadow (canary) mode until promoted.
    package var shadow: Bool
    /// Input records each strategy's warm-up ring holds (rounded up to a power of two).
    package var warmupRecords: Int = 4096
  }

  /// What a hot-load does with state when the old and new layouts differ.
  package enum StatePolicy: String, Sendable, CaseIterable { case carry, warmup, reset, refuse }

  /// `[feed]`.
  package struct Feed: Sendable, Equatable {
    package var source: FeedSource
    /// 0: virtual time, as fast as possible; 1: real time; 10: ten times real time.
    package var speed: Double
  }

  /// Where market events come from.
  package enum FeedSource: Sendable, Equatable {
    /// A LOBSTER day: its message file, its orderbook file (nil: the one beside the messages, as
    /// `stratc backtest` finds it), the symbol and the session date (`YYYY-MM-DD`).
    case lobster(messages: String, orderbook: String?, symbol: String, date: String)
    /// An ITCH 5.0 file; the date when its name does not give it.
    case itch(file: String, date: String?)
    /// A tick-store file.
    case tick(file: String)
    /// ITCH 5.0 in MoldUDP64 packets: the address to listen on (unicast or a multicast group),
    /// the re-request server (nil: gaps are marked stale, not recovered), the session date.
    case itchUDP(listen: Address, request: Address?, date: String?)
  }

  /// `[venue]`: the in-process simulated venue, set as `stratc backtest`'s venue flags.
  package struct Venue: Sendable, Equatable {
    package var kind: VenueKind
    package var orderLatency: Latency
    package var feedLatency: Latency
    package var makerFee: Fee
    package var takerFee: Fee
    /// A `--queue` value: conservative-fifo, proportional or optimistic.
    package var queue: String
    /// A `--trade-through` value: printed-quantity or whole-order.
    package var tradeThrough: String
    package var seed: UInt64
    /// `kind = "fix"`: the FIX 4.4 session the orders go through.
    package var fix: FIXVenue?
    /// `kind = "routed"`: the venues the smart order router splits orders across, and how it
    /// breaks ties (`router`).
    package var routes: [Route] = []
    package var router: RouterChoice = .bestPrice
  }

  package enum VenueKind: String, Sendable, CaseIterable { case paper, fix, routed }

  /// A venue over FIX 4.4 (`[venue] kind = "fix"`): where it listens, the two CompIDs, the
  /// heartbeat, the folder of the session's message store, and the session's hours.
  package struct FIXVenue: Sendable, Equatable {
    package var address: Address
    package var senderCompID: String
    package var targetCompID: String
    package var heartbeatSeconds: Int
    package var store: String?
    /// `session_start` … `session_time_zone`; `always` when none is given.
    package var schedule: FIXSessionSchedule = .always
  }

  /// `[risk]`: the engine's limits, on top of each strategy's own `risk` block; nil: no limit.
  package struct RiskLimits: Sendable, Equatable {
    package var maxOrderQuantity: Quantity?
    package var maxPosition: Quantity?
    package var maxNotional: Money?
    /// Largest relative distance of an order's price from the last trade (0.05 = 5 %).
    package var priceBand: Rate?
    package var maxOrdersPerSecond: Int64?
    package var maxOpenOrders: Int64?
    package var maxDailyLoss: Money?
    /// Two equal orders within this many nanoseconds: the second is a duplicate.
    package var duplicateWindowNanos: Int64?
    package var onBreach: BreachAction
    /// The kill switch also flattens positions.
    package var flattenOnKill: Bool
  }

  /// What a breach of a global limit does: deny the order, or also trip the kill switch.
  package enum BreachAction: String, Sendable, CaseIterable { case kill, deny }

  /// One `[[strategy]]`.
  package struct Strategy: Sendable, Equatable {
    /// A `.strat` source or a `.so` object (`stratc build`).
    package var file: String
    /// As `--param NAME=VALUE`, in file order.
    package var params: [Setting]
    /// As `--instrument NAME=SYMBOL`, in file order.
    package var instruments: [Setting]
  }

  /// A `NAME=VALUE` pair, the value as the command line would spell it.
  package struct Setting: Sendable, Equatable {
    package var name: String
    package var value: String
  }
}
