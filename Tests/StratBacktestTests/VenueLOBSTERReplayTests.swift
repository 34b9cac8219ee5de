import Foundation
import StratRuntime
import StratBacktest
import StratMarket
import Testing

/// The venue replaying real NASDAQ order flow (LOBSTER GOOG 2012-06-21, 5 levels) with a simple
/// quoting strategy: invariants hold, runs are reproducible, and fills happen both ways.
@Suite struct VenueLOBSTERReplayTests {
  static let folder: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path + "/../shared/data/lobster-goog-2012-06-21/"
  }()
  static let stem = "GOOG_2012-06-21_34200000_57600000_"

  struct Run {
    var fills: [VenueFill]
    var checker: InvariantChecker
    var diagnostics: [String]
    var messages: Int
  }

  /// Replays the first `limit` messages; every `every` messages the strategy joins both best
  /// prices and cancels what it placed `every` × 3 messages earlier, and sometimes crosses.
  static func replay(seed: UInt64, limit: Int = 8_000, every: Int = 100) throws -> Run {
    let messages = try LOBSTERMessageReader(path: folder + stem + "message_5.csv")
    let rows = LOBSTERBookReader(
      stream: try ByteStreams.open(path: folder + stem + "orderbook_5.csv.gz"),
      levels: 5
    )
    let agreement = BookAgreement(levels: 5)
    let config = VenueConfig(
      orderLatency: .logNormal(medianNanos: 200_000, sigma: 0.7),
      fees: VenueFees(maker: .perShare(cash("-0.002")), taker: .perShare(cash("0.003"))),
      seed: seed
    )
    let venue = try SimulatedVenue(config: config, instrumentCount: 1)
    var report = VenueReport()
    var checker = InvariantChecker()
    var placed: [[UInt64]] = []
    var count = 0
    while count < limit, let event = try messages.next(), let row = try rows.next() {
      let before = report.fills.count
      venue.process(event, instrument: 0, books: [agreement.book], report: &report)
      agreement.apply(event)
      agreement.compare(with: row)
      checker.check(venue, newFills: report.fills[before...], now: event.timeNanos)
      count += 1
      guard count % every == 0 else { continue }
      placed.append(quote(venue, agreement.book, event.timeNanos, count / every, &checker))
      if placed.count > 3 {
        for id in placed.removeFirst() { venue.cancel(orderID: id, decidedAt: event.timeNanos) }
      }
    }
    return Run(
      fills: report.fills,
      checker: checker,
      diagnostics: report.diagnostics.map(\.id),
      messages: count
    )
  }

  static func quote(
    _ venue: SimulatedVenue,
    _ book: some BookView,
    _ t: Int64,
    _ round: Int,
    _ checker: inout InvariantChecker
  ) -> [UInt64] {
    var ids: [UInt64] = []
    for (side, level) in [(Side.buy, book.bestBid), (.sell, book.bestAsk)] {
      guard let level else { continue }
      let id = venue.submit(
        .limit(instrument: 0, side: side, quantity: 100, price: level.price),
        decidedAt: t
      )
      checker.submitted(id, venue.order(id))
      ids.append(id)
    }
    if round % 7 == 0 {
      let id = venue.submit(
        .market(instrument: 0, side: round % 2 == 0 ? .buy : .sell, quantity: 200),
        decidedAt: t
      )
      checker.submitted(id, venue.order(id))
    }
    return ids
  }

  @Test func invariantsHoldAndRunsReproduceOnRealOrderFlow() throws {
    let a = try Self.replay(seed: 11)
    #expect(a.messages == 8_000)
    #expect(a.checker.violations.isEmpty, "\(a.checker.violations.prefix(5))")
    #expect(a.diagnostics.isEmpty)
    #expect(a.fills.contains { $0.liquidity == .maker })
    #expect(a.fills.contains { $0.liquidity == .taker })
    let b = try Self.replay(seed: 11)
    #expect(a.fills == b.fills)
    let c = try Self.replay(seed: 12)
    #expect(c.checker.violations.isEmpty)
    #expect(a.checker.firstArrival != c.checker.firstArrival)
    let makers = a.fills.filter { $0.liquidity == .maker }
    let takers = a.fills.filter { $0.liquidity == .taker }
    print(
      "venue LOBSTER replay: \(a.messages) messages, \(a.checker.firstArrival.count) orders, "
        + "\(makers.count) maker fills (\(makers.reduce(0) { $0 + $1.quantity }) shares), "
        + "\(takers.count) taker fills (\(takers.reduce(0) { $0 + $1.quantity }) shares)"
    )
  }
}
