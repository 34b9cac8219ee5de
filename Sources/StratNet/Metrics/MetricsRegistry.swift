import Synchronization

/// The engine's metrics: registered once at start (off the hot thread: this allocates and
/// locks), updated through the returned handles from any thread without a lock, and rendered
/// by the HTTP thread in the Prometheus text format 0.0.4.
///
///   hot thread ── counter.add / histogram.observe (relaxed atomics) ──▶ handles
///   http worker ── render() (Mutex over the list of families; reads the atomics) ──▶ GET /metrics
public final class MetricsRegistry: Sendable {
  private let families = Mutex<[MetricFamily]>([])

  /// An empty registry.
  public init() {}

  /// Registers the counter `name{labels}`; a name should end in `_total`.
  public func counter(_ name: String, help: String, labels: [String: String] = [:])
    throws(StratNetError) -> Counter
  {
    let counter = Counter()
    try register(name, help: help, type: "counter", labels: labels, .counter(counter))
    return counter
  }

  /// Registers a counter made elsewhere (a module's own counts, e.g. `HTTPServerCounters`).
  public func register(
    _ counter: Counter,
    as name: String,
    help: String,
    labels: [String: String] = [:]
  ) throws(StratNetError) {
    try register(name, help: help, type: "counter", labels: labels, .counter(counter))
  }

  /// Registers the gauge `name{labels}`.
  public func gauge(_ name: String, help: String, labels: [String: String] = [:])
    throws(StratNetError) -> Gauge
  {
    let gauge = Gauge()
    try register(name, help: help, type: "gauge", labels: labels, .gauge(gauge))
    return gauge
  }

  /// Registers the histogram `name{labels}` with strictly increasing `bounds` in a unit of
  /// which `unitsPerBase` make one rendered unit.
  public func histogram(
    _ name: String,
    help: String,
    labels: [String: String] = [:],
    bounds: [UInt64],
    unitsPerBase: Double = 1
  ) throws(StratNetError) -> Histogram {
    guard !bounds.isEmpty, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }), unitsPerBase > 0
    else {
      throw Self.error("net.metrics.bounds", "the buckets of \(name) must be strictly increasing")
    }
    guard labels["le"] == nil else {
      throw Self.error("net.metrics.label-name", "a histogram's labels cannot use le")
    }
    let histogram = Histogram(bounds: bounds, unitsPerBase: unitsPerBase)
    try register(name, help: help, type: "histogram", labels: labels, .histogram(histogram))
    return histogram
  }

  /// A latency histogram observed in nanoseconds, rendered in seconds (name it `…_seconds`),
  /// with `Histogram.latencyBoundsNanoseconds` (100 ns ... 10 ms).
  public func latencyHistogram(_ name: String, help: String, labels: [String: String] = [:])
    throws(StratNetError)
    -> Histogram
  {
    try histogram(
      name,
      help: help,
      labels: labels,
      bounds: Histogram.latencyBoundsNanoseconds,
      unitsPerBase: 1e9
    )
  }

  /// Every series in the text exposition format 0.0.4, families in registration order.
  public func render() -> String {
    families.withLock { families in
      var text = ""
      for family in families { PrometheusText.append(family, to: &text) }
      return text
    }
  }

  /// The Content-Type of `render()`'s text.
  public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

  /// `GET path` answering `render()`; Prometheus scrapes it without a token by default (the
  /// numbers are not secret and scrapers rarely hold one; bind to loopback).
  public func route(path: String = "/metrics", requiresToken: Bool = false) -> HTTPRoute {
    HTTPRoute("GET", path, requiresToken: requiresToken, isSerialized: false) { [self] _ in
      HTTPResponse(
        status: 200,
        headers: [HTTPHeader("Content-Type", Self.contentType)],
        body: Array(render().utf8)
      )
    }
  }

  private func register(
    _ name: String,
    help: String,
    type: String,
    labels: [String: String],
    _ metric: MetricFamily.Metric
  ) throws(StratNetError) {
    try PrometheusText.check(name: name, labels: labels)
    let series = MetricFamily.Series(labels: labels.sorted { $0.key < $1.key }, metric: metric)
    let failure: StratNetError? = families.withLock { families in
      guard let index = families.firstIndex(where: { $0.name == name }) else {
        families.append(MetricFamily(name: name, help: help, type: type, series: [series]))
        return nil
      }
      guard families[index].type == type, families[index].help == help else {
        return Self.error(
          "net.metrics.conflict",
          "\(name) is already registered with another type or help"
        )
      }
      guard
        !families[index].series.contains(where: { $0.labels.elementsEqual(series.labels, by: ==) })
      else {
        return Self.error(
          "net.metrics.duplicate",
          "\(name) is already registered with these labels"
        )
      }
      families[index].series.append(series)
      return nil
    }
    if let failure { throw failure }
  }

  static func error(_ id: String, _ message: String) -> StratNetError {
    StratNetError(id: id, message: message)
  }
}

/// One metric name: its help, type and every labelled series.
struct MetricFamily: Sendable {
  enum Metric: Sendable {
    case counter(Counter)
    case gauge(Gauge)
    case histogram(Histogram)
  }

  struct Series: Sendable {
    let labels: [(key: String, value: String)]
    let metric: Metric
  }

  let name: String
  let help: String
  let type: String
  var series: [Series]
}
