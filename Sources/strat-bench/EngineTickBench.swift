import Foundation
import StratEngine
import StratMarket
import StratRuntime

/// Tick-to-order: the LOBSTER day as ITCH, decoded message by message in the loop and pushed
/// through one hosted market_maker (book, JIT strategy, risk, OMS, in-process venue), on the
/// pinned thread; `TickToOrderProbe` says what each sample spans.
struct EngineTickBench {
  let bench: EngineBenchSetup
  let runs: Int

  struct Figures {
    var source = ""
    var runs: [TickToOrderProbe.Result] = []
    /// The run whose p99.9 is the median one (its histogram is printed).
    var median: TickToOrderProbe.Result { runs.sorted { $0.tickToOrder.p999 < $1.tickToOrder.p999 }[runs.count / 2] }
  }

  /// The ITCH day (decoded in the loop; the book rebuilt from the messages, as a live ITCH feed
  /// has it) and the LOBSTER day (decoded before; the book from its orderbook file).
  func run() throws -> [Figures] {
    var setup = try bench.setup(strategies: 1, journal: nil)
    setup.venue.feedLatency = .zero
    let built = try BenchStrategyBuilder().build(setup.strategies[0])
    let day = try bench.itchDay()
    let itch = try BookFeed.load(path: day.path, date: "2012-06-21")
    let lobster = try BookFeed.load(path: bench.lobsterMessages)
    var out: [Figures] = []
    for (name, feed) in [("ITCH 5.0 decoded in the loop, book rebuilt from the messages", itch), ("LOBSTER pre-decoded, book from its orderbook file", lobster)] {
      let config = try sessionConfig(built, feed: feed, venue: setup.venue)
      var figures = Figures(source: name)
      for _ in 0..<runs {
        let host = try HostedStrategy(
          index: 0, setup: setup.strategies[0], built: built, config: config, snapshots: feed.snapshots, limits: setup.limits)
        host.runner.session.reserve(steps: feed.events.count)
        let result =
          if feed.snapshots == nil {
            try day.bytes.withUnsafeBytes { bytes throws(EngineError) in
              try TickToOrderProbe.run(itch: bytes, session: day.session, host: host)
            }
          } else {
            try TickToOrderProbe.run(events: feed.events, host: host)
          }
        figures.runs.append(result)
      }
      out.append(figures)
    }
    return out
  }

  func sessionConfig(_ built: BuiltStrategy, feed: BookFeed, venue: VenueConfig) throws -> BookBacktestConfig {
    let interface = built.executor.interface
    switch FeedBinding.numbers(interface, symbols: feed.symbols) {
    case .success(let numbers):
      return BookBacktestConfig(
        venue: venue, feedInstrumentForInstrument: numbers, symbols: interface.instruments.map(\.symbol),
        backend: built.backend, bookSource: feed.bookSource, locatesUnknownOrders: feed.locatesUnknownOrders)
    case .failure(let unbound):
      throw EngineError(id: "engine.unknown-symbol", message: unbound.message(feed: "the ITCH day"))
    }
  }

  static func report(_ all: [Figures], cpu: String) {
    print("\nTick-to-order in process: market_maker JIT on the LOBSTER GOOG day 2012-06-21, the example venue with "
      + "feed_latency 0; \(cpu); median of each figure over \(all[0].runs.count) runs; CLOCK_MONOTONIC\n")
    print("| source | span | p50 | p99 | p99.9 | max | samples (pushes that handed orders) / events | target |")
    print("|---|---|---|---|---|---|---|---|")
    for f in all {
      let m = f.median
      func med(_ key: (TickToOrderProbe.Result) -> UInt64) -> String {
        LatencySummaryText.micro(f.runs.map(key).sorted()[f.runs.count / 2])
      }
      print("| \(f.source) | tick k read → order handed to the venue | \(med { $0.tickToOrder.p50 }) µs | \(med { $0.tickToOrder.p99 }) µs | \(med { $0.tickToOrder.p999 }) µs | \(med { $0.tickToOrder.max }) µs | \(m.handOffs) / \(m.events) (\(m.requests) requests) | p99.9 ≤ 2 µs |")
      print("| \(f.source) | the handing push alone | \(med { $0.push.p50 }) µs | \(med { $0.push.p99 }) µs | \(med { $0.push.p999 }) µs | \(med { $0.push.max }) µs | | |")
    }
    for f in all {
      print("\n\(f.source), tick-to-order per run:")
      for r in f.runs { print("  " + r.tickToOrder.text) }
      print("histogram of the median run (log₂ buckets):")
      print(f.median.tickToOrder.histogram, terminator: "")
    }
  }
}

enum LatencySummaryText {
  static func micro(_ nanos: UInt64) -> String { String(format: "%.2f", Double(nanos) / 1e3) }
}
