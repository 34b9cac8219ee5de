import StratDiagnostics
import StratMarket
import Testing

/// LOBSTER's documented quirks, each read as LOBSTER defines it: times with float artefacts,
/// hidden executions, cross trades with negative ids, trading halts, dummy levels, orders from
/// before the file, deletes stating less than the known order, executions stating more; and
/// prices LOBSTER never writes refused with their location.
@Suite struct LOBSTERQuirkTests {
  static let folder = TestPaths.packageRoot + "/Tests/StratMarketTests/Corpus/lobster-quirks/"
  static let messages = folder + "QUIRKS_2012-06-21_34200000_57600000_message_2.csv"
  static let orderbook = folder + "QUIRKS_2012-06-21_34200000_57600000_orderbook_2.csv"

  static func reader(_ text: String) -> LOBSTERMessageReader {
    LOBSTERMessageReader(stream: MemoryByteStream(text, name: "m.csv"), sessionMidnightNanos: 0)
  }

  static func failure(_ text: String) -> Diagnostic? {
    do {
      _ = try reader(text).readAll()
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  static func bookFailure(_ text: String) -> Diagnostic? {
    do {
      _ = try LOBSTERBookReader(stream: MemoryByteStream(text, name: "b.csv")).readAll()
      return nil
    } catch {
      return error.diagnostics.first
    }
  }

  static func csv(_ book: some BookView, levels: Int) -> String {
    var bytes: [UInt8] = []
    LOBSTERBookRow.appendCSV(of: book, levels: levels, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func roundsTimesPastNineDecimalsToTheNearestNanosecondTiesToEven() throws {
    let text = """
      43002.632812672004,1,1,1,1,1
      43002.6328126725,1,2,1,1,1
      43002.6328126735,1,3,1,1,1
      43002.63281267350001,1,4,1,1,1
      43002.999999999999,1,5,1,1,1
      43003.123456789000,1,6,1,1,1

      """
    let reader = Self.reader(text)
    let times = try reader.readAll().map(\.timeNanos)
    #expect(
      times == [
        43_002_632_812_672, 43_002_632_812_672, 43_002_632_812_674, 43_002_632_812_674,
        43_003_000_000_000, 43_003_123_456_789,
      ]
    )
    #expect(reader.roundedTimes == 5)
  }

  @Test func aTimeThatRoundsToMidnightIsRefused() {
    let d = Self.failure("86399.9999999996,1,1,1,1,1\n")
    #expect(d?.id == "data.lobster.bad-time" && d?.location?.column == 1)
  }

  @Test(arguments: [
    ("1.0,1,1,10,0,1\n", 12), ("1.0,1,1,10,-5794000,1\n", 12), ("1.0,4,1,10,0,1\n", 12),
    ("1.0,5,0,10,-1,1\n", 12), ("1.0,7,0,0,2,-1\n", 11), ("1.0,7,0,0,-9999999999,-1\n", 11),
  ])
  func refusesPricesLOBSTERNeverWrites(text: String, column: Int) {
    let d = Self.failure(text)
    #expect(d?.id == "data.lobster.bad-price", "\(text)")
    #expect(d?.location?.path == "m.csv" && d?.location?.line == 1 && d?.location?.column == column)
  }

  @Test func refusesNonPositiveOrderbookPricesAndSizedDummies() {
    let zero = Self.bookFailure("0,100,5794000,10\n")
    #expect(zero?.id == "data.lobster.bad-price" && zero?.location?.column == 1)
    let negative = Self.bookFailure("5795000,100,-5794000,10\n")
    #expect(negative?.id == "data.lobster.bad-price" && negative?.location?.column == 13)
    let dummy = Self.bookFailure("9999999999,5,5794000,10\n")
    #expect(dummy?.id == "data.lobster.bad-size" && dummy?.location?.column == 12)
    #expect(Self.bookFailure("9999999999,0,-9999999999,0\n") == nil)
  }

  @Test func readsCrossTradesWithLOBSTERsNegativePseudoOrderIDs() throws {
    let events = try Self.reader("1.0,6,-2,500,5794000,1\n").readAll()
    #expect(events.map(\.kind) == [.crossTrade])
    #expect(events[0].orderID == UInt64(bitPattern: -2) && events[0].quantity == 500)
    #expect(Self.failure("1.0,1,-2,500,5794000,1\n")?.id == "data.lobster.bad-number")
  }

  /// The hand-written day (Corpus/lobster-quirks/README.md lists its quirks): after every
  /// message the rebuilt book, with levels entering from beyond the depth taken from the row,
  /// equals the orderbook row, and every determined level agrees before anything is taken.
  @Test func theBookBuiltFromEveryQuirkEqualsTheOrderbookAtEveryRow() throws {
    let events = try LOBSTERMessageReader(path: Self.messages).readAll()
    let rows = try LOBSTERBookReader(path: Self.orderbook).readAll()
    #expect(events.count == 17 && rows.count == 17)
    let agreement = BookAgreement(levels: 2)
    var differing: [Int] = []
    for (t, (event, row)) in zip(events, rows).enumerated() {
      agreement.apply(event)
      let determined = agreement.report.rowsFullyDetermined
      let before = Self.csv(agreement.book, levels: 2)
      agreement.compare(with: row)
      let expected = Self.csv(BookRowView(row: row), levels: 2)
      let fullyDetermined = agreement.report.rowsFullyDetermined > determined
      if Self.csv(agreement.book, levels: 2) != expected || (fullyDetermined && before != expected) {
        differing.append(t + 1)
      }
    }
    let report = agreement.report
    #expect(differing.isEmpty, "rows differing: \(differing); \(report.firstDisagreements)")
    #expect(report.rowsCompared == 16 && report.rowsAgreeing == 16, "\(report)")
    #expect(report.levelsAgreeing == report.levelsCompared && report.levelsCompared > 50)
    #expect(report.rowsFullyDetermined >= 12)
  }
}

/// An orderbook row seen as a book, to print it the way books are printed.
struct BookRowView: BookView {
  let row: LOBSTERBookRow
  func levelCount(_ side: Side) -> Int { row.levels(side).count }
  func level(_ side: Side, _ index: Int) -> BookLevel? {
    let levels = row.levels(side)
    return index < levels.count ? levels[index] : nil
  }
}
