import StratFIX
import StratNet

/// Everything `strat-venue run` needs, whether it came from a config file or flags.
public struct VenueSettings: Sendable {
  /// Our CompID (the clients' TargetCompID).
  public var compID = "VENUE"
  /// The clients' CompIDs, one FIX 4.4 session each.
  public var clients: [String] = ["CLIENT1"]
  public var fixAddress = TCPAddress.loopback(port: 9878)
  public var instruments: [MatchingInstrument] = []
  /// Where the venue's ITCH goes as MoldUDP64 (nil: no feed), and the re-request port.
  public var itch: SocketAddress?
  public var requestPort: UInt16? = 0
  public var itchSession = "VENUE00001"
  /// Folder of the sessions' message stores (nil: in memory; a restart starts new sessions).
  public var store: String?
  /// A day to seed the books from, and its pace.
  public var seed: Seed?
  /// The hours of every client's session (`session_start` … in [venue]); default always.
  public var schedule = FIXSessionSchedule.always
  /// Where `GET /metrics` (Prometheus) and `GET /health` listen (nil: no endpoint).
  public var metrics: TCPAddress?
  /// Whether `metrics` may be a non-loopback address ([metrics] allow_remote).
  public var metricsAllowRemote = false

  /// The session key of each client (`VENUE-CLIENT1`), as the acceptor names its sessions.
  public var sessionKeys: [(client: String, key: String)] { clients.map { ($0, "\(compID)-\($0)") } }

  /// True when the metrics endpoint is on loopback, or allowed elsewhere.
  public var isMetricsAddressAllowed: Bool { metrics.map { $0.host >> 24 == 127 || metricsAllowRemote } ?? true }

  public struct Seed: Sendable {
    public var path: String
    public var date: String?
    public var symbol: String?
    public var speed: Double

    public init(path: String, date: String? = nil, symbol: String? = nil, speed: Double = 1) {
      self.path = path
      self.date = date
      self.symbol = symbol
      self.speed = speed
    }
  }

  public init() {}
}
