import Foundation
import StratABI
import StratRuntime
import StratBacktest
import StratMarket
import Testing

@Suite struct OutputTests {
  /// A small two-instrument close-mode run with fees.
  static func smallRun() throws -> BacktestResult {
    let a = Fixture.flat("AAA", [1, 2, 3], ["10.25", "10.5", "10"])
    let b = Fixture.flat("BBB", [1, 3], ["181.875", "180"])
    return try Fixture.run(
      [a, b],
      names: ["A", "B"],
      script: [0: [Fixture.target(0, 100), Fixture.target(1, -3)], 2: [Fixture.target(0, 0)]],
      fill: .close,
      fees: .perShare(money("0.01"))
    )
  }

  @Test func writesTradesByteForByte() throws {
    let text = String(decoding: try Self.smallRun().tradesCSV(), as: UTF8.self)
    #expect(
      text == """
        time,instrument,side,quantity,price,fee,symbol,order_id,decided,arrived,liquidity,event
        2020-07-01T00:00:00Z,A,BUY,100,10.25,1.00,AAA,1,2020-07-01T00:00:00Z,2020-07-01T00:00:00Z,bar,1
        2020-07-01T00:00:00Z,B,SELL,3,181.875,0.03,BBB,2,2020-07-01T00:00:00Z,2020-07-01T00:00:00Z,bar,2
        2020-07-03T00:00:00Z,A,SELL,100,10.00,1.00,AAA,3,2020-07-03T00:00:00Z,2020-07-03T00:00:00Z,bar,4

        """
    )
  }

  @Test func writesEquityByteForByte() throws {
    let text = String(decoding: try Self.smallRun().equityCSV(), as: UTF8.self)
    #expect(
      text == """
        time,equity,cash,market_value,gross_exposure
        2020-07-01T00:00:00Z,-1.03,-480.405,479.375,1570.625
        2020-07-02T00:00:00Z,23.97,-480.405,504.375,1595.625
        2020-07-03T00:00:00Z,-21.405,518.595,-540.00,540.00

        """
    )
  }

  @Test func writesTheOrderLifeByteForByte() throws {
    let text = String(decoding: try Self.smallRun().ordersCSV(), as: UTF8.self)
    #expect(
      text == """
        time,order_id,instrument,symbol,event,side,quantity,price,remaining,reason,decided,step,queue_ahead,detail
        2020-07-01T00:00:00Z,1,A,AAA,submitted,BUY,100,,100,,2020-07-01T00:00:00Z,1,,
        2020-07-01T00:00:00Z,1,A,AAA,filled,BUY,100,10.25,0,,2020-07-01T00:00:00Z,1,,
        2020-07-01T00:00:00Z,2,B,BBB,submitted,SELL,3,,3,,2020-07-01T00:00:00Z,1,,
        2020-07-01T00:00:00Z,2,B,BBB,filled,SELL,3,181.875,0,,2020-07-01T00:00:00Z,1,,
        2020-07-03T00:00:00Z,3,A,AAA,submitted,SELL,100,,100,,2020-07-03T00:00:00Z,3,,
        2020-07-03T00:00:00Z,3,A,AAA,filled,SELL,100,10.00,0,,2020-07-03T00:00:00Z,3,,

        """
    )
  }

  @Test func writesSummaryWithKeysInFixedOrder() throws {
    let text = String(decoding: try Self.smallRun().summaryJSON(), as: UTF8.self)
    #expect(
      text == """
        {
          "strategy": "test",
          "events": 5,
          "steps": 3,
          "trades": 3,
          "positions": {"A": 0, "B": -3},
          "pnl": -21.405,
          "fees": 2.03,
          "turnover": 2570.625,
          "sharpe": -3.183156,
          "max_drawdown": 45.375,
          "capital": 100000.00,
          "total_return": -0.000214,
          "cagr": null,
          "volatility": null,
          "sharpe_returns": null,
          "sortino_returns": null,
          "max_drawdown_fraction": 0.000454,
          "calmar": null,
          "annualised": false,
          "annualise_note": "not annualised: 3 returns (per step) over 2.0 days; annualising needs \
        at least 30 returns over at least 28 days",
          "returns_basis": "per step",
          "returns_count": 3,
          "periods_per_year": null,
          "exposure": 1.000000,
          "round_trips": 1,
          "open_lots": 1,
          "hit_rate": 0.000000,
          "profit_factor": 0.000000,
          "average_win": null,
          "average_loss": -27.00,
          "benchmark_return": -0.017350,
          "benchmark_cagr": null,
          "benchmark_sharpe": null,
          "benchmark_max_drawdown_fraction": 0.029189,
          "rejected": 0,
          "rejected_by_reason": {},
          "unfilled": 0,
          "cancelled": 0,
          "fill": "close",
          "fill_note": "fills on bars are approximate: close assumes the whole order fills at the \
        close of the bar that produced the signal",
          "fee_model": "per-share 0.01",
          "orders_omitted": 0,
          "first_time": "2020-07-01T00:00:00Z",
          "last_time": "2020-07-03T00:00:00Z",
          "params": {"size": 100},
          "instruments": {"A": "AAA", "B": "BBB"}
        }

        """
    )
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(json?["pnl"] as? Double == -21.405)
  }

  @Test func writesTheThreeFiles() throws {
    let root = NSTemporaryDirectory() + "stratbacktest-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let folder = root + "/run"
    let result = try Self.smallRun()
    try result.write(to: folder)
    for name in ["trades.csv", "equity.csv", "orders.csv", "summary.json", "round_trips.csv"] {
      #expect(FileManager.default.fileExists(atPath: folder + "/" + name))
    }
    let summary = FileManager.default.contents(atPath: folder + "/summary.json")
    #expect(summary.map { [UInt8]($0) } == result.summaryJSON())
  }

  @Test func writesEachCSVFileWithTheBytesOfItsFormatter() throws {
    let folder = NSTemporaryDirectory() + "stratbacktest-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try Self.smallRun()
    try result.write(to: folder)
    let expected = [
      "trades.csv": result.tradesCSV(), "equity.csv": result.equityCSV(),
      "orders.csv": result.ordersCSV(), "round_trips.csv": result.roundTripsCSV(),
    ]
    for (name, bytes) in expected {
      #expect(FileManager.default.contents(atPath: folder + "/" + name).map { [UInt8]($0) } == bytes, "\(name)")
    }
  }

  @Test func reportsTheFirstFileInOrderThatCannotBeWritten() throws {
    let folder = NSTemporaryDirectory() + "stratbacktest-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // A folder where a file should go cannot be opened for writing.
    for name in ["equity.csv", "round_trips.csv"] {
      try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
    }
    let error = #expect(throws: BacktestError.self) { try Self.smallRun().write(to: folder) }
    #expect(error?.id == "backtest.io")
    #expect(error?.message.hasPrefix("cannot write `\(folder)/equity.csv`") == true)
    #expect(FileManager.default.fileExists(atPath: folder + "/trades.csv"))
  }

  @Test func summarisesOnOneScreen() throws {
    let text = try Self.smallRun().summaryText()
    #expect(text.contains("pnl       -21.405"))
    #expect(text.contains("A (AAA) 0"))
    #expect(text.contains("B (BBB) -3"))
    #expect(text.split(separator: "\n").count <= 24)
  }

  @Test func writesNextOpenNoteAndNullTimesForAnEmptyRun() throws {
    let executor = ScriptedExecutor(interface: Fixture.interface([]))
    let r = try Backtester(series: [], config: BacktestConfig(seriesForInstrument: [])).run(
      executor
    )
    let text = String(decoding: r.summaryJSON(), as: UTF8.self)
    #expect(text.contains("\"first_time\": null"))
    #expect(
      text.contains(
        "\"fill_note\": \"fills on bars are approximate: next-open assumes the whole order "
          + "fills at the open\""
      )
    )
    #expect(r.metrics.sharpe == 0)
  }
}
