import Foundation
import StratEngine
import StratFIX
import StratMarket
import StratNet
import StratRuntime
import StratVenue

/// `strat-bench --fix`: the FIX codec's rates, the matching engine's, a round trip to
/// strat-venue's order entry on loopback, and tick-to-FIX-bytes (the engine's tick-to-order
/// with the FIX gateway as the venue: the span ends when the NewOrderSingle's bytes are in the
/// socket's send buffer).
struct FIXBench {
  let bench: EngineBenchSetup
  let runs: Int

  func run() throws {
    print("strat-bench --fix: \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage())")
    try codec()
    routing()
    matching()
    try roundTrip()
    try tickToFIX()
  }

  // MARK: routing

  /// The smart order router's plan for one order over two venues' five best levels (the
  /// planner alone: the quotes are in hand, nothing is sent or journaled).
  func routing() {
    let fee = VenueFees(maker: .perShare(Money(raw: -200_000)), taker: .perShare(Money(raw: 300_000)))
    var planner = RoutePlanner(venues: [RouteVenue(name: "A", fees: fee), RouteVenue(name: "B", fees: fee, latencyNanos: 1)], policy: .bestPrice)
    var books: [[QuoteLevel]] = [[], []]
    for v in 0..<2 {
      for k in 0..<5 {
        let price: Int64 = 58_000_000_000 + Int64(k) * 1_000_000 + Int64(v) * 500_000
        books[v].append(QuoteLevel(price: price, size: Int64(100 + 100 * ((k + v) % 3))))
      }
    }
    let count = 1_000_000
    var seconds: [Double] = []
    var units: Int64 = 0
    for _ in 0..<runs {
      let start = Date()
      for k in 0..<count {
        let plan = planner.plan(side: .buy, quantity: Int64(100 + (k % 8) * 100), limit: 58_003_000_000, rests: true, books: books)
        units &+= plan.visible
      }
      seconds.append(Date().timeIntervalSince(start))
    }
    precondition(units > 0)
    let ns = seconds.sorted()[runs / 2] / Double(count) * 1e9
    print("\nSmart order routing: one plan over 2 venues × 5 levels (100–800 units, a limit 3 levels deep), median of \(runs) runs\n")
    print("| operation | ns per order |")
    print("|---|---|")
    print(String(format: "| RoutePlanner.plan | %.0f |", ns))
  }

  // MARK: codec

  static let sample = "11=S1234|38=100|40=2|44=580.25|54=1|55=GOOG|59=0|60=20120621-13:30:00.123|"

  func codec() throws {
    let count = 1_000_000
    let encoder = FIXEncoder()
    var seconds: [Double] = []
    for _ in 0..<runs {
      let start = Date()
      for k in 0..<count {
        encoder.start(beginString: "FIX.4.4", msgType: "D")
        encoder.append(34, k)
        encoder.append(49, "CLIENT1")
        encoder.append(52, timestamp: 1_340_285_400_123_000_000)
        encoder.append(56, "VENUE")
        encoder.append(11, "S\(k)")
        encoder.append(38, 100)
        encoder.append(40, character: UInt8(ascii: "2"))
        encoder.append(44, fixed: 58_025_000_000, decimals: 8)
        encoder.append(54, character: UInt8(ascii: "1"))
        encoder.append(55, "GOOG")
        encoder.append(59, character: UInt8(ascii: "0"))
        encoder.append(60, timestamp: 1_340_285_400_123_000_000)
        _ = try encoder.finish()
      }
      seconds.append(Date().timeIntervalSince(start))
    }
    let encodeRate = Double(count) / seconds.sorted()[runs / 2]
    let bytes = framed(Self.sample)
    let dictionary = try FIXDictionary.bundled(.fix44)
    let validator = FIXValidator(dictionary: dictionary)
    let table = FIXFieldTable()
    let framer = FIXFramer()
    func decode(validating: Bool) -> Double {
      var times: [Double] = []
      for _ in 0..<runs {
        let start = Date()
        var problems = 0
        bytes.withUnsafeBytes { raw in
          for _ in 0..<count {
            guard case .message(let length) = framer.next(in: raw),
              case .success(let view) = table.parse(UnsafeRawBufferPointer(rebasing: raw[0..<length]), dataFields: dictionary.dataFields)
            else { problems += 1; continue }
            if validating, validator.validate(view) != nil { problems += 1 }
          }
        }
        precondition(problems == 0, "the sample must decode")
        times.append(Date().timeIntervalSince(start))
      }
      return Double(count) / times.sorted()[runs / 2]
    }
    print("\nFIX codec: a NewOrderSingle (\(bytes.count) bytes), \(count) per run, median of \(runs) runs, one thread\n")
    print("| operation | messages/s |")
    print("|---|---|")
    print(String(format: "| encode (header, 8 body fields, BodyLength, CheckSum) | %.2f M |", encodeRate / 1e6))
    print(String(format: "| frame + parse in place | %.2f M |", decode(validating: false) / 1e6))
    print(String(format: "| frame + parse + validate against FIX44.xml | %.2f M |", decode(validating: true) / 1e6))
  }

  func framed(_ body: String) -> [UInt8] {
    let header = "35=D|34=7|49=CLIENT1|52=20120621-13:30:00.123|56=VENUE|"
    let bodyBytes = Array((header + body).utf8).map { $0 == UInt8(ascii: "|") ? 1 : $0 }
    var out = Array("8=FIX.4.4\u{1}9=\(bodyBytes.count)\u{1}".utf8) + bodyBytes
    let sum = out.reduce(0) { ($0 + Int($1)) & 0xFF }
    out += Array(String(format: "10=%03d\u{1}", sum).utf8)
    return out
  }

  // MARK: matching

  func matching() {
    let results = (0..<runs).map { _ in MatchingBenchmark.run(operations: 1_000_000, seed: 42) }
    let median = results.sorted { $0.operationsPerSecond < $1.operationsPerSecond }[runs / 2]
    print("\nMatching engine: 1 M seeded operations (adds near the touch, cancels, replaces, crossing, market, IOC/FOK), one book, median of \(runs)\n")
    print(String(format: "| operations/s | fills | events | resting at the end |\n|---|---|---|---|\n| %.2f M | %d | %d | %d |", median.operationsPerSecond / 1e6, median.fills, median.events, median.restingOrders))
  }

  // MARK: venue on loopback

  final class Venue {
    let core: VenueCore
    let acceptor: FIXAcceptor
    init() throws {
      core = try VenueCore(instruments: [MatchingInstrument(symbol: "GOOG", locate: 1)])
      let core = self.core
      acceptor = try FIXAcceptor(
        address: .loopback(port: 0), dictionary: try FIXDictionary.bundled(.fix44),
        sessions: [FIXSessionSettings(senderCompID: "VENUE", targetCompID: "CLIENT1", isInitiator: false, applicationTypes: VenueOrderEntry.messageTypes)],
        storeFolder: nil
      ) { VenueOrderEntry(core: core, session: $0) }
      core.start()
      acceptor.start()
    }

    func gateway() throws -> FIXOrderGateway {
      let session = FIXSession(
        settings: FIXSessionSettings(senderCompID: "CLIENT1", targetCompID: "VENUE", isInitiator: true, resetOnLogon: true),
        dictionary: try FIXDictionary.bundled(.fix44), store: try FIXMessageStore(folder: nil))
      let initiator = FIXInitiator(session: session, address: acceptor.address)
      let gateway = FIXOrderGateway(initiator: initiator, symbols: ["GOOG"])
      initiator.start()
      while session.locked({ session.state }) != .loggedOn { usleep(1_000) }
      return gateway
    }

    func stop() {
      acceptor.stop()
      core.stop()
    }
  }

  func roundTrip() throws {
    let venue = try Venue()
    defer { venue.stop() }
    let gateway = try venue.gateway()
    defer { gateway.initiator.stop() }
    let count = 10_000
    let recorder = LatencyRecorder(capacity: count)
    var report = VenueReport()
    for k in 1...count {
      var order = VenueOrderRequest(instrument: 0, side: k % 2 == 0 ? .buy : .sell, quantity: 100, kind: .limit(price: (k % 2 == 0 ? 50_000_000_000 : 70_000_000_000) + Int64(k % 100) * 1_000_000))
      order.id = UInt64(k)
      let start = FIXBench.monotonic()
      _ = gateway.submit(order, decidedAt: 0)
      report.removeAll()
      while report.updates.isEmpty { gateway.drain(into: &report) }
      recorder.record(FIXBench.monotonic() - start)
    }
    print("\nRound trip to strat-venue on loopback: NewOrderSingle out → ExecutionReport (New) drained by the OMS's thread; \(count) resting limit orders one after another; venue, its reader and ours share the machine\n")
    print("| span | " + recorder.summary().text + " |")
  }

  func tickToFIX() throws {
    let venue = try Venue()
    defer { venue.stop() }
    var setup = try bench.setup(strategies: 1, journal: nil)
    setup.venue.feedLatency = .zero
    let built = try BenchStrategyBuilder().build(setup.strategies[0])
    let day = try bench.itchDay()
    let feed = try BookFeed.load(path: day.path, date: "2012-06-21")
    let config = try EngineTickBench(bench: bench, runs: 1).sessionConfig(built, feed: feed, venue: setup.venue)
    var results: [TickToOrderProbe.Result] = []
    for _ in 0..<runs {
      let gateway = try venue.gateway()
      let host = try HostedStrategy(index: 0, setup: setup.strategies[0], built: built, config: config, snapshots: nil, limits: setup.limits)
      host.runner.session.reserve(steps: feed.events.count)
      host.runner.session.remote = gateway
      results.append(
        try day.bytes.withUnsafeBytes { bytes throws(EngineError) in try TickToOrderProbe.run(itch: bytes, session: day.session, host: host) })
      FileHandle.standardError.write(Data("  tick to FIX run: \(results.last!.tickToOrder.text)\n".utf8))
      gateway.initiator.stop()
      usleep(300_000)
    }
    let median = results.sorted { $0.tickToOrder.p999 < $1.tickToOrder.p999 }[runs / 2]
    print("\nTick to FIX bytes in process: the LOBSTER GOOG day as ITCH decoded in the loop, market_maker JIT, risk, OMS, FIX gateway: tick read → the NewOrderSingle's bytes in the socket send buffer (strat-venue in process on loopback); the run with the median p99.9 of \(runs)\n")
    print("| span | figures | target |\n|---|---|---|")
    print("| tick → FIX bytes | \(median.tickToOrder.text) | p99.9 ≤ 2 µs |")
  }

  static func monotonic() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
  }
}
