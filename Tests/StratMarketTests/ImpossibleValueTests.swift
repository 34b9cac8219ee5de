import Foundation
import StratDiagnostics
import Testing

@testable import StratMarket

/// Values no market has (issue 9): zero prices, inconsistent bars, unknown event kinds, times
/// that go back in a file that says they do not, symbols that are paths, impossible header days.
/// Each is refused with its id and location (line and column for text, byte offset and record
/// for binary), or counted under `--on-error skip`, never used.
@Suite struct ImpossibleValueTests {
  // MARK: - The symbol alphabet

  @Test(arguments: ["AAPL", "BRK.A", "BTC-USD", "ES_F", "^GSPC", "LOCATE-7", "BINANCE:BTCUSDT", "A", "ALL-A*"])
  func plainSymbolsAreValid(symbol: String) {
    #expect(MarketSymbol.isValid(symbol))
  }

  @Test(arguments: ["", "../../x", "..", ".hidden", "a/b", "a\\b", "A B", "A,B", "x\u{0}", "É",
    String(repeating: "A", count: 33)])
  func pathLikeOrOddSymbolsAreNot(symbol: String) {
    #expect(!MarketSymbol.isValid(symbol))
    #expect(MarketSymbol.check(symbol, from: "a test")?.id == "data.source.bad-symbol")
  }

  @Test func aDataSpecSymbolThatIsAPathIsRefused() {
    #expect(throws: MarketDataError.self) { try MarketDataSource.resolve(specs: ["..=x.csv"]) }
    do throws(MarketDataError) {
      _ = try MarketDataSource.resolve(specs: ["..=x.csv"])
    } catch {
      #expect(error.diagnostics.map(\.id) == ["data.source.bad-symbol"])
    }
  }

  @Test func theStoreNeverMakesAPathOutOfABadSymbol() {
    for symbol in ["../../x", "..", "a/b"] {
      do throws(MarketDataError) {
        let path = try TickStore(folder: "/tmp/store").path(symbol: symbol, day: 0)
        Issue.record("made \(path)")
      } catch {
        #expect(error.diagnostics.first?.id == "data.source.bad-symbol")
      }
    }
  }

  @Test func aSymbolColumnThatIsAPathIsRefusedWithItsLocation() {
    let d = TradeQuoteCSVTests.tradeError("time,price,size,symbol\n2024-01-02,1,1,A\n2024-01-02,1,1,../../x\n")
    #expect(d?.id == "data.source.bad-symbol")
    #expect(d?.location == DataLocation(path: "t.csv", line: 3, column: 16, byteOffset: 55))
  }

  // MARK: - Zero prices in CSV

  @Test func zeroPricesInCSVBarsTradesAndQuotesAreRefused() {
    let bars = csvError("Date,Open,High,Low,Close\n2020-07-27,1,2,0.5,1.5\n2020-07-28,0,2,0,1\n")
    #expect(bars?.id == "data.csv.zero-price")
    #expect(bars?.location?.line == 3)
    #expect(bars?.location?.column == 12)
    let trade = TradeQuoteCSVTests.tradeError("time,price,size\n2024-01-02,0,1\n")
    #expect(trade?.id == "data.csv.zero-price")
    #expect(trade?.location == DataLocation(path: "t.csv", line: 2, column: 12, byteOffset: 27))
    let quote = TradeQuoteCSVTests.quoteError("time,bid,bid_size,ask,ask_size\n2024-01-02,1,1,0,2\n")
    #expect(quote?.id == "data.csv.zero-price")
    #expect(quote?.location?.column == 16)
  }

  @Test func orderCSVRowsFollowTheTickFileRules() {
    let header = "time,kind,side,order_id,new_order_id,price,quantity,instrument\n"
    for (row, id, column) in [
      ("2024-01-02,add,buy,1,0,0,10,0\n", "data.csv.zero-price", 24),
      ("2024-01-02,add,buy,1,0,-1,10,0\n", "data.csv.negative-value", 24),
      ("2024-01-02,cancel,buy,1,0,0,-5,0\n", "data.csv.bad-integer", 29),
    ] {
      let d = Self.orderError(header + row)
      #expect(d?.id == id, "\(row): \(d?.message ?? "no error")")
      #expect(d?.location?.column == column, "\(row)")
    }
    #expect(Self.orderError(header + "2024-01-02,delete,sell,1,0,0,0,0\n") == nil, "a delete has no price")
  }

  static func orderError(_ text: String) -> Diagnostic? {
    do throws(MarketDataError) {
      let reader = try OrderCSVReader(stream: MemoryByteStream(text, name: "o.csv"))
      while try reader.next() != nil {}
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test func aHeaderWithNoRowsIsAnErrorNotAnEmptyFile() {
    let d = TradeQuoteCSVTests.tradeError("time,price,size\n")
    #expect(d?.id == "data.csv.no-rows")
    #expect(d?.location?.line == 2)
  }

  // MARK: - Tick files

  /// Writes one file of `kind` with `rows` and returns its bytes.
  static func tickFile(_ kind: TickRecordKind, _ write: (TickFileWriter) -> Void) throws -> [UInt8] {
    let path = TestPaths.temporaryFolder() + "/V.tick"
    let writer = try TickFileWriter(path: path, kind: kind, symbol: "V", day: 19_724, source: "test", blockRows: 4)
    write(writer)
    _ = try writer.finish()
    return Array(FileManager.default.contents(atPath: path)!)
  }

  static let noon: Int64 = 19_724 * 86_400_000_000_000 + 43_200_000_000_000

  /// The first diagnostic of opening `bytes`, or nil.
  static func openDiagnostic(_ bytes: [UInt8]) -> Diagnostic? {
    let path = TestPaths.temporaryFolder() + "/bad.tick"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    do throws(MarketDataError) {
      _ = try TickFile(path: path)
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  @Test func zeroPricesAndInconsistentBarsInTickFilesAreRefusedAtTheirRecord() throws {
    let trades = try Self.tickFile(.trades) { w in
      w.appendTrade(timeNanos: Self.noon, price: 100, quantity: 1, side: .buy)
      w.appendTrade(timeNanos: Self.noon + 1, price: 0, quantity: 1, side: .buy)
    }
    let trade = Self.openDiagnostic(trades)
    #expect(trade?.id == "data.tick.bad-value")
    #expect(trade?.message == "expected a price above 0 in `price` of record 1; found 0.00")
    let quotes = try Self.tickFile(.quotes) { w in
      w.appendQuote(timeNanos: Self.noon, bid: -5, bidSize: 1, ask: 100, askSize: 1)
    }
    #expect(Self.openDiagnostic(quotes)?.message.contains("`bid` of record 0") == true)
    let bars = try Self.tickFile(.bars) { w in
      w.appendBar(timeNanos: Self.noon, open: 10, high: 9, low: 11, close: 10, volume: 0)
    }
    let bar = Self.openDiagnostic(bars)
    #expect(bar?.id == "data.tick.bad-value")
    #expect(bar?.message.hasPrefix("expected a high at or above the low") == true)
  }

  /// Replaces element `row` of `column` and recomputes both checksums, so that only the value
  /// check can catch it.
  static func patched(_ bytes: [UInt8], _ column: Int, row: Int, width: Int, _ value: [UInt8]) -> [UInt8] {
    var out = bytes
    let entry = 256 + column * 32
    let offset = out[(entry + 8)..<(entry + 16)].reversed().reduce(0) { $0 << 8 | Int($1) }
    let length = out[(entry + 16)..<(entry + 24)].reversed().reduce(0) { $0 << 8 | Int($1) }
    out.replaceSubrange((offset + row * width)..<(offset + row * width + width), with: value)
    let crc = TickStoreCorruptionTests.crc32(Array(out[offset..<(offset + length)]))
    withUnsafeBytes(of: crc.littleEndian) { out.replaceSubrange((entry + 4)..<(entry + 8), with: $0) }
    return TickStoreCorruptionTests.resealed(out)
  }

  @Test func anUnknownEventKindIsRefusedNotReadAsTradingState() throws {
    let events = [OrderEvent(timeNanos: Self.noon, kind: .add, side: .buy, orderID: 1, price: 100, quantity: 5)]
    let good = try Self.tickFile(.orders) { w in events.forEach(w.append) }
    #expect(Self.openDiagnostic(good) == nil)
    let bad = Self.patched(good, 1, row: 0, width: 1, [42])  // column 1 is `kind`
    let d = Self.openDiagnostic(bad)
    #expect(d?.id == "data.tick.bad-value")
    #expect(d?.message == "expected an event kind 1…8 (add … trading-state) in `kind` of record 0; found 42")
    #expect(d?.location?.byteOffset != nil)
  }

  @Test func aTimeThatGoesBackInATimeSortedFileIsRefused() throws {
    let good = try Self.tickFile(.trades) { w in
      for i in 0..<3 { w.appendTrade(timeNanos: Self.noon + Int64(i), price: 100, quantity: 1, side: nil) }
    }
    let back = withUnsafeBytes(of: (Self.noon - 1).littleEndian) { Array($0) }
    let d = Self.openDiagnostic(Self.patched(good, 0, row: 2, width: 8, back))
    #expect(d?.id == "data.tick.bad-value")
    #expect(d?.message.contains("`time` of record 2") == true)
    #expect(d?.message.contains("timeSorted") == true)
  }

  @Test func anOutOfRangeDayOrABadSymbolInTheHeaderIsRefused() throws {
    let good = try Self.tickFile(.trades) { w in w.appendTrade(timeNanos: Self.noon, price: 1, quantity: 1, side: nil) }
    var farDay = good
    farDay.replaceSubrange(48..<52, with: [0xFF, 0xFF, 0xFF, 0x7F])
    let day = Self.openDiagnostic(TickStoreCorruptionTests.resealed(farDay))
    #expect(day?.id == "data.tick.bad-header")
    #expect(day?.location?.byteOffset == 48)
    var climbing = good
    climbing[60] = 7
    climbing.replaceSubrange(64..<71, with: Array("../../x".utf8))
    let symbol = Self.openDiagnostic(TickStoreCorruptionTests.resealed(climbing))
    #expect(symbol?.id == "data.source.bad-symbol")
    #expect(symbol?.location?.byteOffset == 64)
  }

  // MARK: - ITCH

  static func itch(_ messages: [ITCHMessage], policy: MalformedInputPolicy) throws(MarketDataError)
    -> (count: Int, reader: ITCHFileReader)
  {
    let bytes = try ITCHEncoder.file(messages)
    let reader = try ITCHFileReader(stream: MemoryByteStream(bytes, name: "z.itch"), policy: policy)
    var count = 0
    while try reader.next() != nil { count += 1 }
    return (count, reader)
  }

  static func add(price: Int64) -> ITCHMessage {
    .addOrder(
      ITCHAddOrder(
        header: ITCHHeader(stockLocate: 1, timestamp: 2), orderReferenceNumber: 9,
        buySellIndicator: UInt8(ascii: "B"), shares: 100, stock: ITCHSymbol("AAPL"), price: Price(raw: price)))
  }

  @Test func aZeroPriceInAnITCHAddOrderStopsOrIsSkippedAndCounted() throws {
    let messages = [Self.add(price: 1_000_000_000), Self.add(price: 0)]
    do throws(MarketDataError) {
      _ = try Self.itch(messages, policy: .stop)
      Issue.record("a zero price was read")
    } catch {
      let d = error.diagnostics.first
      #expect(d?.id == "data.itch.bad-value")
      // The second message starts at 2 + 36; its price is 32 bytes after its type byte.
      #expect(d?.location == DataLocation(path: "z.itch", byteOffset: 38 + 2 + 32))
    }
    let (count, reader) = try Self.itch(messages, policy: .skip)
    #expect(count == 1)
    #expect(reader.skippedCount == 1)
  }

  /// A side byte other than B or S was read as a buy; a time past the day was filed on a later day.
  @Test(arguments: [(side: UInt8(ascii: "Z"), time: Int64(2), offset: 19), (side: UInt8(ascii: "S"), time: Int64(86_400_000_000_000), offset: 5)])
  func anITCHSideOrTimeNoMarketHasIsRefusedAtItsByte(side: UInt8, time: Int64, offset: Int) throws {
    let odd = ITCHMessage.addOrder(
      ITCHAddOrder(
        header: ITCHHeader(stockLocate: 1, timestamp: time), orderReferenceNumber: 9,
        buySellIndicator: side, shares: 100, stock: ITCHSymbol("AAPL"), price: Price(raw: 1_000_000_000)))
    let (count, reader) = try Self.itch([Self.add(price: 1_000_000_000), odd], policy: .skip)
    #expect(count == 1)
    #expect(reader.diagnostics.first?.id == "data.itch.bad-value")
    #expect(reader.diagnostics.first?.location?.byteOffset == 38 + 2 + offset)
  }

  @Test func anITCHStockDirectorySymbolThatIsAPathIsRefused() throws {
    let directory = ITCHMessage.stockDirectory(
      ITCHStockDirectory(
        header: ITCHHeader(stockLocate: 1, timestamp: 1), stock: ITCHSymbol("../../x"), marketCategory: 0x51,
        financialStatusIndicator: 0x4E, roundLotSize: 100, roundLotsOnly: 0x4E, issueClassification: 0x43,
        issueSubType: 0x5A20, authenticity: 0x50, shortSaleThresholdIndicator: 0x4E, ipoFlag: 0x4E,
        luldReferencePriceTier: 0x31, etpFlag: 0x4E, etpLeverageFactor: 0, inverseIndicator: 0x4E))
    let (count, reader) = try Self.itch([directory, Self.add(price: 1_000_000_000)], policy: .skip)
    #expect(count == 1)
    #expect(reader.diagnostics.first?.id == "data.itch.bad-value")
    #expect(reader.diagnostics.first?.location?.byteOffset == 2 + 11)
  }

  @Test func aMegabyteWithNoMessageStartEndsTheReadingEvenUnderSkip() throws {
    let bytes = try ITCHEncoder.file([Self.add(price: 1_000_000_000)]) + [UInt8](repeating: 0, count: 2 << 20)
    let reader = try ITCHFileReader(stream: MemoryByteStream(bytes, name: "z.itch"), policy: .skip)
    #expect(try reader.next() != nil)
    do throws(MarketDataError) {
      while try reader.next() != nil {}
      Issue.record("scanned \(bytes.count) bytes of zeros")
    } catch {
      #expect(error.diagnostics.first?.id == "data.itch.lost-sync")
      #expect(error.diagnostics.first?.location?.byteOffset == 38 + 1)
    }
  }

  @Test func anEmptyITCHInputIsAnError() {
    #expect(throws: MarketDataError.self) { try Self.itch([], policy: .skip) }
  }

  // MARK: - Streams

  @Test func aNonRegularInputIsReadOnceAndBounded() throws {
    let fifo = TestPaths.temporaryFolder() + "/in.fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let text = "time,price,size\n2024-01-02,1,1\n"
    let writer = Thread {
      let fd = open(fifo, O_WRONLY)
      _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress!, text.utf8.count) }
      close(fd)
    }
    writer.start()
    // Opened three times (format probe, reader, again): the FIFO itself is read once.
    for _ in 0..<3 {
      let reader = try TradeCSVReader(path: fifo, symbol: "X")
      #expect(try reader.next()?.price.raw == 100_000_000)
    }
    // A fresh name for /dev/zero: sources are kept by path.
    let zero = TestPaths.temporaryFolder() + "/zero"
    try FileManager.default.createSymbolicLink(atPath: zero, withDestinationPath: "/dev/zero")
    do throws(Diagnostic) {
      _ = try StreamedInput.bytes(of: zero, limit: 1 << 20)
      Issue.record("read /dev/zero to the end")
    } catch {
      #expect(error.id == "data.io.too-large")
      #expect(error.location?.byteOffset == 1 << 20)
    }
  }

  @Test func endlessDevicesStopWithinAMegabyteAsBars() {
    for device in ["/dev/zero", "/dev/urandom"] {
      do throws(Diagnostic) {
        _ = try BarCSVReader.read(path: device, symbol: "X")
        Issue.record("\(device) read as bars")
      } catch {
        #expect(error.id.hasPrefix("data.csv."), "\(device): \(error.id)")
      }
    }
  }
}
