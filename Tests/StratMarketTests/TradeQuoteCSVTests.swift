import Foundation
import StratDiagnostics
import StratMarket
import Testing

/// Trade, quote and order CSV readers: layouts by header name, exact values, streaming, and a
/// located `data.csv.*` diagnostic for each kind of bad row.
@Suite struct TradeQuoteCSVTests {
  static func trades(_ text: String, name: String = "AAPL-trades.csv", chunk: Int = 1 << 16,
    policy: MalformedInputPolicy = .stop) throws -> (TradeCSVReader, [TradeTick])
  {
    let reader = try TradeCSVReader(stream: MemoryByteStream(text, name: name, chunk: chunk), policy: policy)
    var out: [TradeTick] = []
    while let t = try reader.next() { out.append(t) }
    return (reader, out)
  }

  /// The first diagnostic of reading all of `text` as trades (or quotes).
  static func tradeError(_ text: String) -> Diagnostic? {
    do throws(MarketDataError) {
      let reader = try TradeCSVReader(stream: MemoryByteStream(text, name: "t.csv"))
      while try reader.next() != nil {}
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  static func quoteError(_ text: String) -> Diagnostic? {
    do throws(MarketDataError) {
      let reader = try QuoteCSVReader(stream: MemoryByteStream(text, name: "q.csv"))
      while try reader.next() != nil {}
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test func readsTradesExactlyWithSymbolFromTheFileName() throws {
    let (reader, rows) = try Self.trades(
      "Time,PRICE,qty,Side\n2024-01-02T14:30:00.123456789Z,181.875,100,B\n"
        + "2024-01-02 14:30:00.123456789,0.00000001,0.5,sell\n2024-01-02T14:30:01Z,181.9,3,\n")
    #expect(reader.symbol == "AAPL")
    #expect(rows.count == 3)
    #expect(rows[0] == TradeTick(timeNanos: 1_704_205_800_123_456_789, price: Price(raw: 18_187_500_000),
      size: 10_000_000_000, side: .buy))
    #expect(rows[1].price.raw == 1 && rows[1].size == 50_000_000 && rows[1].side == .sell)
    #expect(rows[2].side == nil)
  }

  @Test func readsEpochMillisecondsSymbolColumnsAndIgnoresExtraColumns() throws {
    let (reader, rows) = try Self.trades(
      "symbol,timestamp_ms,price,quantity,trade_id\nBTCUSDT,1667346579146,20377.00,1.770,7\n", name: "x.csv")
    #expect(reader.symbol == "BTCUSDT")
    #expect(reader.ignoredColumns == ["trade_id"])
    #expect(rows.first?.timeNanos == 1_667_346_579_146_000_000)
    #expect(rows.first?.size == 177_000_000)
  }

  @Test func readsQuotesUnderCommonAliases() throws {
    for header in ["time,bid,bid_size,ask,ask_size", "ts,bid_px,bidsize,ask_price,ask_qty",
      "Timestamp,Bid Price,Bid Qty,Offer,Ask Sz"]
    {
      let time = header.hasPrefix("ts") ? "1704205800" : "2024-01-02T14:30:00Z"
      let reader = try QuoteCSVReader(stream: MemoryByteStream("\(header)\n\(time),1.25,100,1.26,200\n", name: "EURUSD.csv"))
      let q = try reader.next()
      #expect(q == QuoteTick(timeNanos: 1_704_205_800_000_000_000, bid: Price(raw: 125_000_000),
        bidSize: 10_000_000_000, ask: Price(raw: 126_000_000), askSize: 20_000_000_000), "\(header)")
      #expect(reader.symbol == "EURUSD")
    }
  }

  @Test func streamsAcrossEveryBufferBoundaryWithTheSameResult() throws {
    let sorted = "time,price,size,side,symbol\n" + (0..<3_000).map { "\(1_704_205_800 + $0),\($0).5,\($0 % 7),buy,S\($0 / 1000)" }
      .joined(separator: "\n") + "\n"
    let whole = try Self.trades(sorted.replacingOccurrences(of: "time,", with: "ts,")).1
    for chunk in [1, 3, 64, 4096] {
      let pieces = try Self.trades(sorted.replacingOccurrences(of: "time,", with: "ts,"), chunk: chunk).1
      #expect(pieces == whole, "chunk \(chunk)")
    }
    #expect(whole.count == 3_000)
    #expect(whole[2_999].price.raw == 299_950_000_000)
  }

  @Test(arguments: [
    ("time,price,size\n2024-01-02,1,1\n2024-01-01,1,1\n", "data.csv.time-order", 3, 1),
    ("time,price,size\n2024-01-02,1.123456789,1\n", "data.csv.bad-number", 2, 12),
    ("time,price,size\n2024-01-02,1,\n", "data.csv.empty-field", 2, 14),
    ("time,price,size\n2024-01-02,1\n", "data.csv.field-count", 2, 1),
    ("time,price,size\n2024-13-02,1,1\n", "data.csv.bad-time", 2, 1),
    ("time,price,size\n2024-01-02,-1,1\n", "data.csv.negative-value", 2, 12),
    ("time,price,size,side\n2024-01-02,1,1,up\n", "data.csv.bad-side", 2, 16),
    ("time_ms,price,size\n17x,1,1\n", "data.csv.bad-time", 2, 1),
    ("time,size\n", "data.csv.missing-column", 1, 1),
    ("time,price,price,size\n", "data.csv.duplicate-column", 1, 1),
    ("", "data.csv.empty", 1, 1),
  ])
  func badTradeRowsHaveALocatedDiagnostic(text: String, id: String, line: Int, column: Int) {
    let d = Self.tradeError(text)
    #expect(d?.id == id, "\(d?.message ?? "no error")")
    #expect(d?.location?.line == line)
    #expect(d?.location?.column == column)
    #expect(d?.location?.path == "t.csv")
  }

  @Test func theByteOffsetPointsAtTheBadField() {
    let text = "time,bid,bid_size,ask,ask_size\n2024-01-02,1,1,2,2\n2024-01-02,1,1,x,2\n"
    let d = Self.quoteError(text)
    #expect(d?.id == "data.csv.bad-number")
    #expect(d?.location?.byteOffset == text.utf8.count - 4)
    #expect(d?.message.contains("`ask`") == true)
  }

  @Test func aHeaderWithNoKnownLayoutSaysWhatWasExpected() {
    let d = try? #require(Self.quoteError("a,b,c\n1,2,3\n"))
    #expect(d?.id == "data.csv.missing-column")
    let kind = TickCSVKind.detect(headerLine: "a,b,c")
    #expect(kind == nil)
    #expect(TickCSVKind.detect(headerLine: "\u{FEFF}Date,Open,High,Low,Close") == .bars)
    #expect(TickCSVKind.detect(headerLine: "ts,bid_px,bidsize,ask,asksize,symbol") == .quotes)
    #expect(TickCSVKind.detect(headerLine: "time,price,qty") == .trades)
  }

  @Test func skipCountsBadRowsAndKeepsTheGoodOnes() throws {
    let text = "time,price,size\n2024-01-02,1,1\n2024-01-02,x,1\n2024-01-01,1,1\n2024-01-03,2,2\n\n"
    let (reader, rows) = try Self.trades(text, policy: .skip)
    #expect(rows.map(\.price.raw) == [100_000_000, 200_000_000])
    #expect(reader.skipped == 2)
    #expect(reader.skippedDiagnostics.map(\.id) == ["data.csv.bad-number", "data.csv.time-order"])
  }

  @Test func hostileBytesNeverTrap() throws {
    var rng = SplitMix64(seed: 3)
    let base = Array("time,price,size,side,symbol\n2024-01-02T00:00:00Z,1.5,2,buy,A\n2024-01-02T00:00:01Z,1.5,2,s,B\n".utf8)
    for _ in 0..<2_000 {
      var bytes = base
      for _ in 0..<(1 + Int(rng.next() % 5)) {
        bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
      }
      for policy in MalformedInputPolicy.allCases {
        if let reader = try? TradeCSVReader(stream: MemoryByteStream(bytes, name: "f.csv", chunk: 7), policy: policy) {
          while let _ = try? reader.next() {}
        }
      }
    }
  }

  @Test func orderCSVRoundTripsEveryKindAndFullWidthIDs() throws {
    let text = "time,kind,side,order_id,new_order_id,price,quantity,instrument,symbol\n"
      + "2012-06-21T09:30:00.000000001Z,replace,sell,18446744073709551615,7,579.4,3,4294967295,GOOG\n"
      + "2012-06-21T09:30:00.000000001Z,hidden-trade,buy,0,0,0.0001,1,0,GOOG\n"
    let reader = try OrderCSVReader(stream: MemoryByteStream(text))
    let a = try #require(try reader.next())
    #expect(a == OrderEvent(timeNanos: 1_340_271_000_000_000_001, kind: .replace, side: .sell,
      orderID: .max, newOrderID: 7, price: 57_940_000_000, quantity: 3, instrument: .max))
    #expect(try reader.next()?.kind == .hiddenTrade)
    #expect(try reader.next() == nil)
  }

  @Test(arguments: [("AAPL.csv", "AAPL"), ("AAPL-trades.csv", "AAPL"), ("dir/msft_quotes.csv.gz", "msft"),
    ("BRK.B.csv", "BRK.B"), ("-trades.csv", "UNKNOWN")])
  func symbolFromFileName(path: String, symbol: String) {
    #expect(TickCSVFileName.symbol(path: path) == symbol)
  }
}
