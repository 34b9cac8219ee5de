import StratDiagnostics

extension TickImport {
  /// The `book` file that goes with an `orders` file: `GOOG/2012-06-21.book.tick` beside
  /// `GOOG/2012-06-21.tick`.
  public static func bookPath(forOrders path: String) -> String {
    (path.hasSuffix(".tick") ? String(path.dropLast(5)) : path) + ".book.tick"
  }

  /// Writes the published book after each message of the `orders` file at `ordersPath`, from
  /// LOBSTER's orderbook rows (one per message, as LOBSTER ships them): `levels` rows per
  /// message, at the message's time. A row count that does not match is an error and writes
  /// nothing.
  public static func lobsterBook(
    _ rows: LOBSTERBookReader, ordersPath: String, source: String
  ) throws(MarketDataError) -> TickFileWriter.Summary {
    let orders = try TickFile(path: ordersPath)
    let writer = try TickFileWriter(
      path: bookPath(forOrders: ordersPath), kind: .book, symbol: orders.header.symbol,
      day: orders.header.day, source: source)
    let times = orders.times
    var levels: Int?
    for index in 0..<orders.rowCount {
      guard let row = try rows.next() else { throw rowCount(ordersPath, expected: orders.rowCount, found: index) }
      let depth = levels ?? rows.levels ?? max(row.asks.count, row.bids.count, 1)
      levels = depth
      for k in 0..<depth {
        let bid = k < row.bids.count ? row.bids[k] : BookLevel(price: 0, quantity: 0, orders: 0)
        let ask = k < row.asks.count ? row.asks[k] : BookLevel(price: 0, quantity: 0, orders: 0)
        writer.appendBookLevel(
          timeNanos: times[index], level: UInt8(clamping: k), bid: bid.price, bidSize: bid.quantity,
          ask: ask.price, askSize: ask.quantity)
      }
    }
    if try rows.next() != nil {
      throw rowCount(ordersPath, expected: orders.rowCount, found: orders.rowCount + 1)
    }
    return try writer.finish()
  }

  /// A LOBSTER file whose messages fell on more than one day of the store: one orderbook file
  /// cannot be split with them.
  public static func bookAcrossDays(_ orderbookPath: String) -> MarketDataError {
    MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.lobster.book-across-days",
        message: "expected the messages of one LOBSTER file to fall on one day; found several, "
          + "so its orderbook file cannot be kept beside them",
        at: DataLocation(path: orderbookPath))
    ])
  }

  static func rowCount(_ ordersPath: String, expected: Int, found: Int) -> MarketDataError {
    MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.lobster.row-count",
        message: "expected one orderbook row per message (\(expected) in \(ordersPath)); found "
          + (found > expected ? "more rows" : "\(found) rows"),
        at: DataLocation(path: ordersPath),
        notes: ["a LOBSTER message file and its orderbook file come as a pair from the same request"])
    ])
  }
}

extension TickFile {
  /// The snapshots of a `book` file (nil for other kinds): the number of levels is the number of
  /// rows per message, found from the level column.
  public func bookSnapshots() -> BookSnapshots? {
    guard header.kind == .book, rowCount > 0 else { return nil }
    let level = uint8(.level)
    var depth = 1
    while depth < rowCount && level[depth] != 0 { depth += 1 }
    guard rowCount % depth == 0 else { return nil }
    let (bid, bidSize, ask, askSize) = (int64(.bid), int64(.bidSize), int64(.ask), int64(.askSize))
    // Straight into the flat layout (no level arrays per row): each side's occupied levels
    // packed best first, the rest zero, as `BookSnapshots.append` lays them out.
    var values = [Int64](repeating: 0, count: rowCount * 4)
    var row = 0
    while row < rowCount {
      var (asks, bids) = (row * 4, row * 4 + 2)
      for k in row..<(row + depth) {
        if askSize[k] > 0 {
          (values[asks], values[asks + 1]) = (ask[k], askSize[k])
          asks += 4
        }
        if bidSize[k] > 0 {
          (values[bids], values[bids + 1]) = (bid[k], bidSize[k])
          bids += 4
        }
      }
      row += depth
    }
    return BookSnapshots(levels: depth, values: values)
  }
}
