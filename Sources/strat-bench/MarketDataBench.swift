import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratDiagnostics
import StratInterpreter
import StratMarket
import StratSema

/// The market-data half of strat-bench (issue #3): ITCH decoding, book building and tick-store
/// replay on real order flow (the LOBSTER GOOG day of ../shared/data, converted to ITCH and
/// repeated with fresh order ids to make a few million messages), side by side with the
/// hand-written C loop of Benchmarks/ref_itch.c on the same file, plus a whole LOBSTER-day
/// backtest of a book strategy in the interpreter.
struct MarketDataBench {
  let root: String
  let dataDir: String
  let copies: Int
  let runs: Int

  var lobsterMessages: String {
    root + "/../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
  }

  /// The GOOG day as order events, `copies` times over (order ids offset per copy).
  func events() throws -> [OrderEvent] {
    let messages = try LOBSTERMessageReader(path: lobsterMessages).readAll()
    var out: [OrderEvent] = []
    out.reserveCapacity(messages.count * copies)
    for copy in 0..<copies {
      for var event in messages {
        event.orderID &+= UInt64(copy) << 40
        if event.newOrderID != 0 { event.newOrderID &+= UInt64(copy) << 40 }
        out.append(event)
      }
    }
    return out
  }

  /// Writes the events as a standard-framed ITCH 5.0 file; returns its bytes.
  func writeITCH(_ events: [OrderEvent], to path: String) throws -> [UInt8] {
    let midnight = events.first.map { $0.timeNanos - $0.timeNanos % 86_400_000_000_000 } ?? 0
    var bytes: [UInt8] = []
    bytes.reserveCapacity(events.count * 40)
    for event in events {
      let message = ITCHEncoder.message(
        from: event, stockLocate: 1, stock: ITCHSymbol("GOOG"), sessionMidnightNanos: midnight)
      try ITCHEncoder.append(message, to: &bytes)
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return bytes
  }

  /// Writes the events as one `orders` tick file.
  func writeTick(_ events: [OrderEvent], to path: String) throws {
    try? FileManager.default.removeItem(atPath: path)
    let writer = try TickFileWriter(
      path: path, kind: .orders, symbol: "GOOG", day: 15_512, source: "strat-bench")
    for event in events { writer.append(event) }
    _ = try writer.finish()
  }

  /// Runs the C reference on `path`: (messages, decode seconds, book seconds).
  func referenceC(_ path: String) -> (messages: Int, decode: Double, book: Double)? {
    let binary = dataDir + "/ref_itch"
    guard (try? shell("gcc", ["-O2", "-o", binary, root + "/Benchmarks/ref_itch.c"])) != nil,
      let output = try? capture(binary, [path, String(runs)])
    else { return nil }
    guard let json = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
      let messages = json["messages"] as? Int, let decode = json["decode_seconds"] as? Double,
      let book = json["book_seconds"] as? Double
    else { return nil }
    return (messages, decode, book)
  }

  /// A whole LOBSTER-day backtest of `strategy` in the interpreter: (events, seconds).
  func bookBacktest(_ strategy: String) throws -> (events: Int, seconds: Double, pnl: String) {
    let feed = try BookFeed.load(path: lobsterMessages)
    let source = try String(contentsOfFile: root + "/Strategies/\(strategy).strat", encoding: .utf8)
    guard let module = Compiler.compile(SourceFile(path: strategy, text: source)).module else {
      throw BenchError("\(strategy) does not compile")
    }
    var times: [Double] = []
    var pnl = ""
    for _ in 0..<runs {
      let executor = try Interpreter(module: module)
      let config = BookBacktestConfig(
        venue: VenueConfig(orderLatency: .constant(nanos: 100_000)),
        feedInstrumentForInstrument: [0], symbols: ["GOOG"], backend: "interpreter")
      let start = DispatchTime.now().uptimeNanoseconds
      let result = try BookBacktester(events: feed.events, snapshots: feed.snapshots, config: config)
        .run(executor)
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
      pnl = "\(result.metrics.pnl), \(result.metrics.trades) fills"
    }
    return (feed.events.count, median(times), pnl)
  }

  func medianOfRuns(_ body: () throws -> Double) rethrows -> Double {
    var samples: [Double] = []
    for _ in 0..<runs { samples.append(try body()) }
    return median(samples)
  }

  /// Prints the market-data table.
  func run() throws {
    let events = try events()
    let itchPath = dataDir + "/goog-x\(copies).itch"
    let tickPath = dataDir + "/goog-x\(copies).tick"
    let bytes = try writeITCH(events, to: itchPath)
    try writeTick(events, to: tickPath)
    let n = Double(events.count)
    let decode = try medianOfRuns {
      try bytes.withUnsafeBytes { buffer in try ITCHBenchmark.decode(buffer: buffer).seconds }
    }
    let book = medianOfRuns { BookBenchmark.build(events: events).seconds }
    let replay = try medianOfRuns { try TickStoreBenchmark.replay(path: tickPath).seconds }
    let c = referenceC(itchPath)
    let backtest = try bookBacktest("market_maker")
    func rate(_ s: Double) -> String { String(format: "%8.1f M msg/s", n / s / 1e6) }
    func vsC(_ s: Double, _ reference: Double?) -> String {
      reference.map { String(format: "%5.2f×", $0 / s) } ?? "n/a"
    }
    print("\nMarket data: LOBSTER GOOG 2012-06-21 (message_10) ×\(copies) = \(events.count) messages, "
      + "ITCH file \(bytes.count / 1_000_000) MB; median of \(runs) runs, one core, CPU time\n")
    print("| what | rate | vs C |")
    print("|---|---|---|")
    if let c { print("| C ITCH decode (ref_itch, gcc -O2) | \(rate(c.decode)) | 1 |") }
    print("| stratc ITCH decode + OrderEvent mapping (ITCHFileReader) | \(rate(decode)) | \(vsC(decode, c?.decode)) |")
    if let c { print("| C book build (ref_itch: hash of orders + hash of levels) | \(rate(c.book)) | 1 |") }
    print("| stratc OrderBook build (order map + sorted price levels) | \(rate(book)) | \(vsC(book, c?.book)) |")
    print("| stratc tick-store replay (mmap, columns → OrderEvent) | \(rate(replay)) | |")
    print(String(format: "| LOBSTER-day backtest, market_maker, interpreter + venue (%d events) | %8.2f M events/s (%.0f ms) | |",
      backtest.events, Double(backtest.events) / backtest.seconds / 1e6, backtest.seconds * 1e3))
    print("\nanswer: market_maker on the GOOG day, 100 µs order latency: P&L \(backtest.pnl)")
  }
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ text: String) { description = text }
}
