import Foundation
import StratMarket
import StratNative
import StratRuntime
import Testing

@testable import StratEngine
@testable import strat_engine

/// The probe's counts (never its times) on the first 4,000 messages of the LOBSTER sample day,
/// as ITCH bytes and as events, through market_maker JIT-compiled as strat-engine does.
@Suite("Bench: tick-to-order probe")
struct TickToOrderProbeTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
  static let messages = root + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv"

  static func day() throws -> (events: [OrderEvent], itch: [UInt8], session: SessionClock) {
    let session = try LOBSTERFileName.sessionClock(path: messages, date: nil)
    let reader = LOBSTERMessageReader(stream: try ByteStreams.open(path: messages), session: session)
    let events = Array(try reader.readAll().prefix(4_000))
    return (events, try LOBSTERITCHReplay.itchFile(messages: events, symbol: "GOOG", session: session), session)
  }

  static func host(feedLatency: LatencyModel = .zero, symbols: [UInt32: String]) throws -> HostedStrategy {
    let strategy = EngineSetup.Strategy(path: root + "/Strategies/market_maker.strat", params: ["lot": "100", "max_inventory": "300"])
    let built = try EngineBuilder(verifier: ObjectVerifier(keys: [], allowUnsigned: true)).build(strategy)
    var venue = VenueConfig()
    venue.orderLatency = .constant(nanos: 100_000)
    venue.feedLatency = feedLatency
    guard case .success(let numbers) = FeedBinding.numbers(built.executor.interface, symbols: symbols) else {
      throw EngineError(id: "test.bind", message: "GOOG is not in the feed")
    }
    let config = BookBacktestConfig(venue: venue, feedInstrumentForInstrument: numbers, symbols: ["GOOG"], backend: "jit")
    return try HostedStrategy(index: 0, setup: strategy, built: built, config: config, snapshots: nil, limits: GlobalLimits())
  }

  /// Order requests in the strategy's whole log.
  static func requests(_ host: HostedStrategy) -> Int {
    host.runner.session.audit.log.entries.filter { [.submitted, .replaceRequested, .cancelRequested].contains($0.event) }.count
  }

  @Test("ITCH: every message read, every book event pushed, every order request counted once")
  func itch() throws {
    let day = try Self.day()
    let host = try Self.host(symbols: [1: "GOOG"])
    let result = try day.itch.withUnsafeBytes { try TickToOrderProbe.run(itch: $0, session: day.session, host: host) }
    let reader = try ITCHFileReader(stream: BufferByteStream(UnsafeRawBufferPointer(start: day.itch, count: day.itch.count)))
    var event = OrderEvent(timeNanos: 0, kind: .add)
    var messages = 0, events = 0
    while let wire = try reader.nextWire() {
      messages += 1
      if wire.orderEvent(session: day.session, into: &event) { events += 1 }
    }
    #expect(events == 4_000 + LOBSTERITCHReplay.preexistingOrders(in: day.events).count)
    #expect(result.messages == messages && result.events == events)
    #expect(host.runner.replay.delivered == events)
    #expect(result.requests == Self.requests(host) && result.requests > 0)
    #expect(result.handOffs > 0 && result.handOffs <= result.requests)
    #expect(result.push.count == result.handOffs && result.tickToOrder.count == result.handOffs)
  }

  @Test("Decoded events: the same counts, one push per event")
  func decoded() throws {
    let day = try Self.day()
    let host = try Self.host(symbols: [0: "GOOG"])
    let result = try TickToOrderProbe.run(events: day.events, host: host)
    #expect(result.messages == day.events.count && result.events == day.events.count)
    #expect(result.requests == Self.requests(host) && result.requests > 0)
    #expect(result.tickToOrder.count == result.handOffs && result.handOffs <= result.requests)
  }

  @Test("A venue with feed latency is refused: the strategy would react events later")
  func feedLatencyRefused() throws {
    let host = try Self.host(feedLatency: .constant(nanos: 20_000), symbols: [0: "GOOG"])
    do {
      _ = try TickToOrderProbe.run(events: [], host: host)
      Issue.record("expected engine.bench-feed-latency")
    } catch {
      #expect(error.id == "engine.bench-feed-latency")
    }
  }
}
