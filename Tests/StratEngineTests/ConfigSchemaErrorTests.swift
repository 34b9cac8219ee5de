import Foundation
import Testing

@testable import StratEngine

/// Every kind of schema error, rendered (goldens): unknown keys with the closest known ones,
/// wrong types, values out of range, missing keys, bad addresses and settings.
@Suite struct ConfigSchemaErrorTests {
  /// A valid file; each case replaces or adds lines.
  static let base = """
    [engine]
    strategies = "strategies"
    journal = "journal"

    [feed]
    kind = "tick"
    file = "day.tick"

    """

  static let cases: [(source: String, rendered: String)] = [
    (
      "",
      """
      engine.toml: error[engine.config.missing-key]: the file has no [engine] table, which needs `strategies` (the folder of .strat and .so files to load and watch)
      engine.toml: error[engine.config.missing-key]: the file has no [feed] table, which needs `kind` (lobster, itch, tick or itch-udp)

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njounral = \"journal\"\ncpus = 2\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n",
      """
      engine.toml:1:1: error[engine.config.missing-key]: [engine] needs `journal` (the journal's folder)
        |
      1 | [engine]
        | ^^^^^^^^
      engine.toml:3:1: error[engine.config.unknown-key]: unknown key `jounral` in [engine]
        |
      3 | jounral = "journal"
        | ^^^^^^^
         = note: known keys here: strategies, journal, cpu, on_exit, log, out
         = help: did you mean `journal`?
      engine.toml:4:1: error[engine.config.unknown-key]: unknown key `cpus` in [engine]
        |
      4 | cpus = 2
        | ^^^^
         = note: known keys here: strategies, journal, cpu, on_exit, log, out
         = help: did you mean `cpu`?

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[egnine]\n",
      """
      engine.toml:8:2: error[engine.config.unknown-key]: unknown table `egnine` at the top level
        |
      8 | [egnine]
        |  ^^^^^^
         = note: known tables here: engine, control, hotload, feed, venue, route, risk, strategy, journal, out
         = help: did you mean `engine`?

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\ncpu = \"1\"\non_exit = \"cancle\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n",
      """
      engine.toml:4:7: error[engine.config.type]: expected an integer for `engine.cpu`; found a string
        |
      4 | cpu = "1"
        |       ^^^
      engine.toml:5:11: error[engine.config.value]: expected `engine.on_exit` to be cancel or leave; found `cancle`
        |
      5 | on_exit = "cancle"
        |           ^^^^^^^^
         = help: did you mean `"cancel"`?

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\ncpu = 4096\nlog = \"\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n",
      """
      engine.toml:4:7: error[engine.config.range]: expected `engine.cpu` in 0...1023; found 4096
        |
      4 | cpu = 4096
        |       ^^^^
      engine.toml:5:7: error[engine.config.value]: `engine.log`: expected a path; found an empty string
        |
      5 | log = ""
        |       ^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[control]\nlisten = \"localhost:9100\"\ntoken_file = \"token\"\n",
      """
      engine.toml:9:10: error[engine.config.address]: `control.listen`: expected an IPv4 address and port such as 127.0.0.1:9100; found `localhost:9100`
        |
      9 | listen = "localhost:9100"
        |          ^^^^^^^^^^^^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[control]\nlisten = \"0.0.0.0:9100\"\ntoken_file = \"token\"\n",
      """
      engine.toml:9:10: error[engine.config.remote]: `control.listen` is 0.0.0.0:9100, which is not a loopback address: the control API would be reachable from the network
        |
      9 | listen = "0.0.0.0:9100"
        |          ^^^^^^^^^^^^^^
         = note: set `allow_remote = true` in [control] if that is intended

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[control]\nlisten = \"127.0.0.1:9100\"\n",
      """
      engine.toml:8:1: error[engine.config.missing-key]: [control] needs `token_file` (the file with the control API's bearer token, mode 0600)
        |
      8 | [control]
        | ^^^^^^^^^
         = note: or pass --token-file FILE

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nudp = \"127.0.0.1:30001\"\nspeed = -1\n",
      """
      engine.toml:5:1: error[engine.config.missing-key]: [feed] needs `file` (the tick file to replay)
        |
      5 | [feed]
        | ^^^^^^
      engine.toml:7:1: error[engine.config.not-applicable]: `feed.udp` does not apply to a feed of kind tick
        |
      7 | udp = "127.0.0.1:30001"
        | ^^^
      engine.toml:8:9: error[engine.config.range]: expected `feed.speed` in 0.001...1000000; found -1
        |
      8 | speed = -1
        |         ^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"lobster\"\n",
      """
      engine.toml:5:1: error[engine.config.missing-key]: [feed] needs `messages` (the LOBSTER message file)
        |
      5 | [feed]
        | ^^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"lobster\"\nmessages = \"day.csv\"\ndate = \"2012-13-01\"\n",
      """
      engine.toml:5:1: error[engine.config.missing-key]: [feed] needs `symbol` (the symbol of the rows)
        |
      5 | [feed]
        | ^^^^^^
         = note: LOBSTER files carry neither in their rows; only a name such as GOOG_2012-06-21_34200000_57600000_message_10.csv gives them
      engine.toml:8:8: error[engine.config.value]: `feed.date`: expected a date YYYY-MM-DD such as 2012-06-21; found `2012-13-01`
        |
      8 | date = "2012-13-01"
        |        ^^^^^^^^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"udp\"\n",
      """
      engine.toml:6:8: error[engine.config.value]: expected `feed.kind` to be lobster, itch, tick or itch-udp; found `udp`
        |
      6 | kind = "udp"
        |        ^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"itch-udp\"\nudp = \"127.0.0.1:70000\"\n",
      """
      engine.toml:7:7: error[engine.config.address]: `feed.udp`: expected an IPv4 address and port such as 127.0.0.1:9100; found `127.0.0.1:70000`
        |
      7 | udp = "127.0.0.1:70000"
        |       ^^^^^^^^^^^^^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[venue]\norder_latency = \"100 us\"\nfeed_latency = \"uniform:5us:1us\"\nmaker_fee = \"maker=-0.002\"\ntaker_fee = \"per-share:0.0000000001\"\nqueue = \"fifo\"\n",
      """
      engine.toml:9:17: error[engine.config.value]: `venue.order_latency`: expected a duration such as 800ns, 250us, 2ms or 1s; found `100 us`
        |
      9 | order_latency = "100 us"
        |                 ^^^^^^^^
      engine.toml:10:16: error[engine.config.value]: `venue.feed_latency`: expected the low bound ≤ the high bound; found `uniform:5us:1us`
         |
      10 | feed_latency = "uniform:5us:1us"
         |                ^^^^^^^^^^^^^^^^^
      engine.toml:11:13: error[engine.config.value]: `venue.maker_fee`: expected a fee such as per-share:-0.002 or per-notional:0.0003; found `maker=-0.002`
         |
      11 | maker_fee = "maker=-0.002"
         |             ^^^^^^^^^^^^^^
      engine.toml:12:13: error[engine.config.value]: `venue.taker_fee`: expected a decimal rate with at most 8 decimals after `per-share:`; found `0.0000000001`
         |
      12 | taker_fee = "per-share:0.0000000001"
         |             ^^^^^^^^^^^^^^^^^^^^^^^^
      engine.toml:13:9: error[engine.config.value]: expected `venue.queue` to be conservative-fifo, proportional or optimistic; found `fifo`
         |
      13 | queue = "fifo"
         |         ^^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[risk]\nmax_order_quantity = -1\nprice_band = 2\nmax_notional = -5.0\nduplicate_window = \"1 ms\"\non_breach = \"stop\"\nflatten_on_kill = \"no\"\n",
      """
      engine.toml:9:22: error[engine.config.range]: expected `risk.max_order_quantity` in 0...1000000000000000; found -1
        |
      9 | max_order_quantity = -1
        |                      ^^
      engine.toml:10:14: error[engine.config.range]: expected `risk.price_band` in 0...1; found 2
         |
      10 | price_band = 2
         |              ^
      engine.toml:11:16: error[engine.config.range]: expected `risk.max_notional` to be an amount of money ≥ 0 with at most 8 decimals; found -5.0
         |
      11 | max_notional = -5.0
         |                ^^^^
      engine.toml:12:20: error[engine.config.value]: `risk.duplicate_window`: expected a duration such as 800ns, 250us, 2ms or 1s; found `1 ms`
         |
      12 | duplicate_window = "1 ms"
         |                    ^^^^^^
      engine.toml:13:13: error[engine.config.value]: expected `risk.on_breach` to be kill or deny; found `stop`
         |
      13 | on_breach = "stop"
         |             ^^^^^^
      engine.toml:14:19: error[engine.config.type]: expected a boolean (true or false) for `risk.flatten_on_kill`; found a string
         |
      14 | flatten_on_kill = "no"
         |                   ^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[strategy]\nfile = \"mm.strat\"\n",
      """
      engine.toml:8:1: error[engine.config.type]: expected an array of tables ([[strategy]], with two brackets) for `strategy`; found a table
        |
      8 | [strategy]
        | ^^^^^^^^^^

      """
    ),
    (
      "[engine]\nstrategies = \"strategies\"\njournal = \"journal\"\n\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n[[strategy]]\nfile = \"mm.py\"\n[[strategy]]\nparams = { size = [1, 2] }\ninstruments = { s = 5 }\n",
      """
      engine.toml:9:8: error[engine.config.value]: `strategy[1].file`: expected a .strat source or a .so object (stratc build); found `mm.py`
        |
      9 | file = "mm.py"
        |        ^^^^^^^
      engine.toml:10:1: error[engine.config.missing-key]: [[strategy]] #2 needs `file` (a .strat or .so file, relative to engine.strategies)
         |
      10 | [[strategy]]
         | ^^^^^^^^^^^^
      engine.toml:11:19: error[engine.config.type]: expected a number, boolean or string for `strategy[2].params.size`; found an array
         |
      11 | params = { size = [1, 2] }
         |                   ^^^^^^
      engine.toml:12:21: error[engine.config.type]: expected a string (the symbol) for `strategy[2].instruments.s`; found an integer
         |
      12 | instruments = { s = 5 }
         |                     ^

      """
    ),
    (
      "engine = 5\n[feed]\nkind = \"tick\"\nfile = \"day.tick\"\n",
      """
      engine.toml:1:10: error[engine.config.type]: expected a table ([engine]) for `engine`; found an integer
        |
      1 | engine = 5
        |          ^

      """
    ),
  ]

  @Test(arguments: cases.indices) func rendersEverySchemaErrorAtItsValue(_ index: Int) {
    let (source, rendered) = Self.cases[index]
    let actual = ConfigTesting.schemaErrors(source)
    #expect(actual == rendered, "\(source.debugDescription) renders:\n\(actual)")
  }

  @Test func aFileOfManyBadKeysReportsFiftyThenCountsTheRest() throws {
    let text = Self.base + (0..<1_500).map { "bad\($0) = 1\n" }.joined()
    do {
      _ = try ConfigTesting.decode(text)
      Issue.record("1500 unknown keys decoded")
    } catch {
      #expect(error.diagnostics.count == 51)
      #expect(error.diagnostics[0].lineAndColumn?.line == 8)
      #expect(error.diagnostics[49].lineAndColumn?.line == 57)
      #expect(error.diagnostics[50].id == "engine.config.too-many")
      #expect(
        error.diagnostics[50].message
          == "1450 more problems in engine.toml are not shown; fix these first"
      )
    }
  }

  @Test func theBaseFileIsValid() {
    #expect(ConfigTesting.schemaErrors(Self.base) == "")
  }
}
