import Foundation
import StratDiagnostics
import StratMarket
import Testing

@testable import StratEngine

/// Examples/engine/paper.toml validates, and says what the README's LOBSTER backtest says:
/// market_maker.strat on the GOOG sample day, 100 µs order and 20 µs feed latency, maker −0.002
/// and taker 0.003 per share.
@Suite struct ConfigExampleTests {
  static let path = ConfigTesting.root.appendingPathComponent("Examples/engine/paper.toml").path

  @Test func thePaperTradingExampleValidatesWithTheREADMEsSettings() throws {
    let config = try EngineConfig.load(path: Self.path)
    let root = ConfigTesting.root.standardizedFileURL.path
    // The README copies Strategies/market_maker.strat into the watched folder before the run.
    #expect(config.engine.strategies == root + "/out/engine/strategies")
    #expect(config.strategies.map(\.file) == [root + "/out/engine/strategies/market_maker.strat"])
    #expect(FileManager.default.fileExists(atPath: root + "/Strategies/market_maker.strat"))
    guard case .lobster(let messages, let orderbook, let symbol, let date) = config.feed.source
    else {
      Issue.record("the example's feed is \(config.feed.source)")
      return
    }
    let shared = ConfigTesting.root.deletingLastPathComponent().appendingPathComponent("shared")
      .standardizedFileURL.path
    #expect(
      messages == shared
        + "/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz"
    )
    #expect(orderbook == nil && symbol == "GOOG" && date == "2012-06-21" && config.feed.speed == 0)
    #expect(config.venue.orderLatency == .constant(nanos: 100_000))
    #expect(config.venue.feedLatency == .constant(nanos: 20_000))
    #expect(config.venue.makerFee == .perShare(try Money("-0.002")))
    #expect(config.venue.takerFee == .perShare(try Money("0.003")))
    #expect(config.venue.queue == "conservative-fifo" && config.venue.kind == .paper)
    #expect(config.control?.listen.isLoopback == true)
    #expect(config.engine.journal == root + "/out/engine/journal")
  }

  @Test func theExamplesVenueIsTheREADMEsLOBSTERBacktestCommand() throws {
    let readme = try String(
      contentsOf: ConfigTesting.root.appendingPathComponent("README.md"),
      encoding: .utf8
    )
    let words = readme.split(whereSeparator: \.isWhitespace).map(String.init)
    func flag(_ name: String) -> String? {
      words.firstIndex(of: "--" + name).map { words[$0 + 1] }
    }
    let venue = try EngineConfig.load(path: Self.path).venue
    #expect(
      venue.orderLatency == (try? EngineConfig.Latency.parse(flag("order-latency") ?? "").get())
    )
    #expect(
      venue.feedLatency == (try? EngineConfig.Latency.parse(flag("feed-latency") ?? "").get())
    )
    #expect(venue.makerFee == (try? EngineConfig.Fee.parse(flag("maker-fee") ?? "").get()))
    #expect(venue.takerFee == (try? EngineConfig.Fee.parse(flag("taker-fee") ?? "").get()))
  }

  @Test func aMissingFileOrAFolderIsAReadError() {
    for (path, reason) in [
      ("/nonexistent/engine.toml", "no such file or directory"),
      (ConfigTesting.root.path, "it is a folder"),
    ] {
      do {
        _ = try EngineConfig.load(path: path)
        Issue.record("\(path) loaded")
      } catch {
        #expect(
          error.diagnostics.map(DiagnosticRenderer.text) == [
            "\(path): error[engine.config.read]: cannot read the configuration file: \(reason)\n"
          ]
        )
      }
    }
  }

  @Test func loadingReportsSyntaxErrorsWithTheFilesPath() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "config-\(UUID().uuidString).toml"
    ).path
    try Data("[engine\n".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try EngineConfig.load(path: path)
      Issue.record("a broken file loaded")
    } catch {
      let text = error.diagnostics.map(DiagnosticRenderer.text).joined()
      #expect(
        text.hasPrefix(
          "\(path):1:8: error[engine.config.syntax]: expected `]` to close the table header; found the end of the line\n"
        )
      )
    }
  }
}
