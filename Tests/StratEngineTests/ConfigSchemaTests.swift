import Foundation
import StratMarket
import Testing

@testable import StratEngine

/// What a valid file decodes to: defaults, resolved paths, exact limits, the LOBSTER name's
/// symbol and date, and the command line's overrides.
@Suite struct ConfigSchemaTests {
  static let minimal = ConfigSchemaErrorTests.base

  @Test func aMinimalFileTakesTheDefaults() throws {
    let config = try ConfigTesting.decode(Self.minimal)
    #expect(
      config.engine
        == EngineConfig.Engine(
          strategies: "/cfg/strategies",
          journal: "/cfg/journal",
          cpu: nil,
          onExit: .cancel,
          log: nil,
          out: nil
        )
    )
    #expect(config.control == nil)
    #expect(
      config.hotload
        == EngineConfig.Hotload(keyFile: nil, allowUnsigned: false, state: .carry, shadow: false)
    )
    #expect(config.feed == EngineConfig.Feed(source: .tick(file: "/cfg/day.tick"), speed: 0))
    #expect(
      config.venue
        == EngineConfig.Venue(
          kind: .paper,
          orderLatency: .constant(nanos: 0),
          feedLatency: .constant(nanos: 0),
          makerFee: .none,
          takerFee: .none,
          queue: "conservative-fifo",
          tradeThrough: "printed-quantity",
          seed: 0
        )
    )
    #expect(
      config.risk.maxNotional == nil && config.risk.onBreach == .kill && !config.risk.flattenOnKill
    )
    #expect(config.strategies.isEmpty)
  }

  @Test func theDocumentedExampleSetsEveryKey() throws {
    let text = try ConfigTesting.documentedExample()
    let config = try ConfigTesting.decode(text)
    #expect(
      config.engine.cpu == 1 && config.engine.out == "/cfg/out" && config.engine.onExit == .cancel
    )
    #expect(
      config.control
        == EngineConfig.Control(
          listen: try EngineConfig.Address.parse("127.0.0.1:9100").get(),
          tokenFile: "/cfg/token",
          allowRemote: false
        )
    )
    #expect(
      config.hotload
        == EngineConfig.Hotload(
          keyFile: "/cfg/strat.key",
          allowUnsigned: false,
          state: .carry,
          shadow: false
        )
    )
    #expect(
      config.venue.orderLatency == .constant(nanos: 100_000)
        && config.venue.feedLatency == .constant(nanos: 20_000)
    )
    let (rebate, fee) = (try Money("-0.002"), try Money("0.003"))
    #expect(config.venue.makerFee == .perShare(rebate) && config.venue.takerFee == .perShare(fee))
    let risk = config.risk
    #expect(risk.maxOrderQuantity == Quantity(1000) && risk.maxPosition == Quantity(5000))
    let (notional, loss, band) = (try Money("1000000"), try Money("10000"), try Rate("0.05"))
    #expect(risk.maxNotional == notional && risk.maxDailyLoss == loss)
    #expect(risk.priceBand == band && risk.maxOrdersPerSecond == 100 && risk.maxOpenOrders == 50)
    #expect(risk.duplicateWindowNanos == 1_000_000 && risk.onBreach == .kill && !risk.flattenOnKill)
    #expect(
      config.strategies == [
        EngineConfig.Strategy(
          file: "/cfg/strategies/market_maker.strat",
          params: [.init(name: "size", value: "100")],
          instruments: []
        )
      ]
    )
    #expect(config.origin(ofStrategy: 0, "file").map { $0.file.position(of: $0.start).line } != nil)
  }

  @Test func pathsResolveAgainstTheConfigFolderAndStrategiesAgainstTheirFolder() throws {
    let text =
      Self.minimal.replacingOccurrences(
        of: "strategies = \"strategies\"",
        with: "strategies = \"../s/./t\""
      )
      .replacingOccurrences(
        of: "journal = \"journal\"",
        with: "journal = \"/var/j\"\nout = \"a/../b\""
      )
      + "[[strategy]]\nfile = \"../mm.so\"\nparams = { lot = 1_000, band = 0.5, on = true, name = 'x' }\ninstruments = { s = \"GOOG\" }\n"
    let config = try ConfigTesting.decode(text)
    #expect(
      config.engine.strategies == "/s/t" && config.engine.journal == "/var/j"
        && config.engine.out == "/cfg/b"
    )
    #expect(config.strategies[0].file == "/s/mm.so")
    #expect(
      config.strategies[0].params.map { "\($0.name)=\($0.value)" } == [
        "lot=1000", "band=0.5", "on=true", "name=x",
      ]
    )
    #expect(config.strategies[0].instruments == [.init(name: "s", value: "GOOG")])
  }

  @Test func moneyLimitsAreExactDecimals() throws {
    let config = try ConfigTesting.decode(
      Self.minimal + "[risk]\nmax_notional = 1_000_000.12345678\nmax_daily_loss = 250\n"
    )
    #expect(config.risk.maxNotional?.raw == 100_000_012_345_678)
    #expect(config.risk.maxDailyLoss?.raw == 25_000_000_000)
  }

  @Test func aLOBSTERFeedTakesItsSymbolAndDateFromTheFileName() throws {
    let feed =
      "[feed]\nkind = \"lobster\"\nmessages = \"d/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz\"\n"
    let text = Self.minimal.replacingOccurrences(
      of: "[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n",
      with: feed
    )
    let config = try ConfigTesting.decode(text)
    #expect(
      config.feed.source
        == .lobster(
          messages: "/cfg/d/GOOG_2012-06-21_34200000_57600000_message_10.csv.gz",
          orderbook: nil,
          symbol: "GOOG",
          date: "2012-06-21"
        )
    )
    let replay = try ConfigTesting.decode(
      text,
      overrides: .init(replay: "AAPL_2013-01-02_34200000_57600000_message_1.csv")
    )
    #expect(
      replay.feed.source
        == .lobster(
          messages: "AAPL_2013-01-02_34200000_57600000_message_1.csv",
          orderbook: nil,
          symbol: "AAPL",
          date: "2013-01-02"
        )
    )
  }

  @Test func commandLineOverridesReplaceTheFileAndAreChecked() throws {
    let text = Self.minimal + "[control]\ntoken_file = \"t\"\n"
    let local = try EngineConfig.Address.parse("127.0.0.1:0").get()
    let config = try ConfigTesting.decode(
      text,
      overrides: .init(out: "o", speed: 10, journal: "j", control: local)
    )
    #expect(config.engine.journal == "j" && config.engine.out == "o" && config.feed.speed == 10)
    #expect(
      config.control == EngineConfig.Control(listen: local, tokenFile: "/cfg/t", allowRemote: false)
    )
    let remote = try EngineConfig.Address.parse("10.0.0.1:9100").get()
    #expect(
      ConfigTesting.schemaErrors(text, overrides: .init(control: remote))
        == "error[engine.config.remote]: --control 10.0.0.1:9100 is not a loopback address and [control] does not set allow_remote = true\n"
    )
    #expect(
      ConfigTesting.schemaErrors(Self.minimal, overrides: .init(control: local))
        == "engine.toml: error[engine.config.missing-key]: the file has no [control] table, which needs `token_file` (the file with the control API's bearer token, mode 0600)\n   = note: or pass --token-file FILE\n"
    )
    #expect(
      ConfigTesting.schemaErrors(Self.minimal, overrides: .init(speed: -1))
        == "error[engine.config.range]: --speed -1.0: expected 0 (virtual time) or 0.001 to 1000000\n"
    )
  }

  @Test(arguments: [
    ("127.0.0.1:9100", "127.0.0.1:9100"), ("239.1.2.3:30001", "239.1.2.3:30001"),
    ("0.0.0.0:0", "0.0.0.0:0"),
    ("127.0.0.1", ""), ("127.0.0.1:65536", ""), ("127.0.0.01:1", ""), ("1.2.3:4", ""),
    ("[::1]:80", ""), ("a.b.c.d:1", ""),
  ])
  func addressesAreIPv4AndAPort(_ text: String, _ expected: String) {
    #expect((try? EngineConfig.Address.parse(text).get())?.description ?? "" == expected)
  }

  @Test(arguments: [
    ("0", EngineConfig.Latency.constant(nanos: 0)), ("800ns", .constant(nanos: 800)),
    ("100us", .constant(nanos: 100_000)),
    ("2ms", .constant(nanos: 2_000_000)), ("1s", .constant(nanos: 1_000_000_000)),
    ("uniform:50us:150us", .uniform(lowNanos: 50_000, highNanos: 150_000)),
    ("lognormal:100us:0.5", .logNormal(medianNanos: 100_000, sigma: 0.5)),
  ])
  func latenciesAreSpelledAsTheBacktestFlags(_ text: String, _ expected: EngineConfig.Latency) {
    let parsed = try? EngineConfig.Latency.parse(text).get()
    #expect(parsed == expected)
  }

  @Test(arguments: [
    "", "100", "1 ms", "-1us", "1.5ms", "2d", "uniform:2us", "lognormal:0us:1", "lognormal:1us:11",
    "86401s", "99999999999999999s",
  ])
  func badLatenciesAreRefused(_ text: String) {
    #expect((try? EngineConfig.Latency.parse(text).get()) == nil)
  }
}
