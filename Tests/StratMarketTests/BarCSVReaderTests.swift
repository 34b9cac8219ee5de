import StratDiagnostics
import StratMarket
import Testing

@Suite struct BarCSVReaderTests {
  @Test func readsYahooLayout() throws {
    let text = """
      Date,Open,High,Low,Close,Adj Close,Volume
      2020-07-27 04:00:00+00:00,181.875,182.77,181.565,182.23,182.23,129744.0
      2020-07-28 04:00:00+00:00,181.93,184.235,181.45,183.89,183.89,133111.0

      """
    let series = try parseCSV(text).get()
    #expect(series.symbol == "T")
    #expect(series.count == 2)
    #expect(series.times == [1_595_822_400_000_000_000, 1_595_908_800_000_000_000])
    #expect(series.open[0] == (try Price("181.875")))
    #expect(series.high[1] == (try Price("184.235")))
    #expect(series.low[0] == (try Price("181.565")))
    #expect(series.close[1] == (try Price("183.89")))
    #expect(series.volume == [129_744, 133_111])
    #expect(series.hasVolume)
  }

  @Test func readsEpochLayoutWithoutTrailingNewline() throws {
    let text =
      "ts,open,high,low,close,volume\n1704153600,100.00,100.50,99.90,100.20,1000000\n"
      + "1704153601,100.20,100.20,100.10,100.10,1000000.5"
    let series = try parseCSV(text).get()
    #expect(series.times == [1_704_153_600_000_000_000, 1_704_153_601_000_000_000])
    #expect(series.volume == [1_000_000, 1_000_000.5])
  }

  @Test func readsVolumesAsCorrectlyRoundedDoubles() throws {
    let volumes = [
      "1e6", "12345678901234567890", ".5", "2300413.7295", "0.00002853", "1.", "7E-3",
      "123456789.123456789",
    ]
    let rows = volumes.enumerated().map { "\($0.offset + 1),1,1,1,1,\($0.element)" }
    let text = "ts,open,high,low,close,volume\n" + rows.joined(separator: "\n")
    let series = try parseCSV(text).get()
    #expect(series.volume == volumes.map { Double($0)! })
  }

  @Test func sizesColumnsForAnyMixOfLineLengths() throws {
    var rng = SplitMix64(seed: 3)
    var text = "ts,open,high,low,close\n"
    for t in 1...500 {
      let pad = String(repeating: "0", count: Int(rng.next() % 20))
      text += "\(t),\(pad)1,1,1,1\(rng.next() % 2 == 0 ? "\r\n" : "\n")"
    }
    let series = try parseCSV(text).get()
    #expect(series.count == 500)
    #expect(series.times.last == 500_000_000_000)
  }

  @Test func acceptsBOMAndCRLF() throws {
    let text =
      "\u{FEFF}Date,Open,High,Low,Close,Volume\r\n2020-07-27,1,2,0.5,1.5,10\r\n"
      + "2020-07-28,1.5,2,1,2,11\r\n"
    let series = try parseCSV(text).get()
    #expect(series.count == 2)
    #expect(series.times[0] == 1_595_808_000_000_000_000)
  }

  @Test(arguments: ["datetime", "TIME", "Timestamp", " Date "])
  func acceptsOtherTimeColumnNames(name: String) throws {
    let series = try parseCSV("\(name),open,high,low,close\n2020-07-27,1,1,1,1\n").get()
    #expect(series.count == 1)
    #expect(!series.hasVolume)
    #expect(series.volume[0].isNaN)
  }

  @Test func acceptsColumnsInAnyOrder() throws {
    let series = try parseCSV("close,low,high,open,ts\n2,1,3,1.5,10\n").get()
    #expect(series.open[0] == (try Price("1.5")))
    #expect(series.close[0] == (try Price("2")))
    #expect(series.times[0] == 10_000_000_000)
  }

  @Test func readsRealDailyFile() throws {
    let series = try BarCSVReader.read(path: TestPaths.dailyPairs + "/KO.csv", symbol: "KO")
    #expect(series.count == 1_178)
    #expect(Timestamp.iso8601(series.times[0]) == "2020-07-27T04:00:00Z")
    #expect(series.open[0] == (try Price("41.79")))
  }

  @Test func readsRealMinuteFiles() throws {
    let path =
      TestPaths.packageRoot + "/../shared/data/fx-fxcm-m1-gbpusd-2012/gbpusd-m1-bid-2012.csv"
    let fx = try BarCSVReader.read(path: path, symbol: "GBPUSD")
    #expect(fx.count == 30_117)
    #expect(!fx.hasVolume)
  }
}
