import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data bench FILE.tick [--generate N] [--repeat R]`: measures replay of an `orders` tick
/// file with `TickStoreBenchmark.replay` (the best of R runs); `--generate N` first writes N
/// seeded pseudo-random events to FILE.tick. Prints events, seconds and events per second.
enum DataBenchCommand {
  static func run(_ argv: [String]) throws -> ExitCode {
    let (args, output) = try DataCommand.arguments(argv, valued: ["generate", "repeat"])
    guard args.positional.count == 1, let path = args.positional.first else {
      throw Arguments.Problem.usage("expected exactly one FILE.tick")
    }
    let repeats = try wholeNumber(args.value("repeat") ?? "5", flag: "repeat", upTo: 1_000)
    let count = try args.value("generate").map { try wholeNumber($0, flag: "generate", upTo: generateLimit) }
    do throws(MarketDataError) {
      if let count { try generate(count, to: path) }
      var best = Double.infinity
      var result = (events: 0, seconds: 0.0, checksum: UInt64(0))
      for _ in 0..<repeats {
        result = try TickStoreBenchmark.replay(path: path)
        best = min(best, result.seconds)
      }
      let rate = Double(result.events) / best
      Output.standardOutput(
        "\(path): \(result.events) events, best of \(repeats): \(String(format: "%.4f", best)) s, "
          + "\(String(format: "%.1f", rate / 1e6)) M events/s (checksum \(result.checksum))\n")
      return .success
    } catch {
      return DataCommand.fail(error, output)
    }
  }

  /// Writes `count` seeded events (every kind, non-decreasing times) to `path`.
  /// The most events `--generate` writes (about 4.6 GB of orders): a benchmark file, not a disk filler.
  static let generateLimit = 100_000_000

  /// `--FLAG N` with 1 ≤ N ≤ limit, or the usage error that says so.
  static func wholeNumber(_ text: String, flag: String, upTo limit: Int) throws -> Int {
    guard let value = Int(text), value >= 1, value <= limit else {
      throw Arguments.Problem.usage("--\(flag) expects a whole number from 1 to \(limit); found `\(text)`")
    }
    return value
  }

  static func generate(_ count: Int, to path: String) throws(MarketDataError) {
    let writer = try TickFileWriter(path: path, kind: .orders, symbol: "BENCH", day: 0, source: "bench")
    var state: UInt64 = 42
    var time: Int64 = 0
    for i in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      time += Int64(state >> 60)
      writer.append(OrderEvent(
        timeNanos: time, kind: OrderEvent.Kind(rawValue: UInt8(1 + (state >> 33) % 8))!,
        side: state & 1 == 0 ? .buy : .sell, orderID: UInt64(i), price: Int64(state >> 40),
        quantity: Int64(state >> 54), instrument: 1))
    }
    _ = try writer.finish()
  }
}
