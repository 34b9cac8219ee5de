import StratDiagnostics
import StratMarket

/// `stratc data book` on an ITCH 5.0 file: every stock's book is kept (one order table for the
/// day) and the chosen stock's book is printed after each of its order messages. With
/// `--orderbook`, the chosen stock's book is seeded and compared with LOBSTER's orderbook file
/// as for a LOBSTER message file.
enum DataBookITCH {
  static func replay(_ options: DataBookCommand.Options) throws(MarketDataError) {
    if let orderbook = options.orderbook { return try replaySeeded(options, orderbook: orderbook) }
    let session = try session(options)
    let reader = try ITCHFileReader(path: options.path, policy: options.policy)
    let books = BookSet()
    let out = StandardOutputBuffer()
    defer { out.flush() }
    var stock = ChosenStock(options)
    while let message = try reader.next() {
      guard let event = message.orderEvent(session: session) else {
        stock.note(message)
        continue
      }
      books.apply(event)
      guard stock.isChosen(event) else { continue }
      LOBSTERBookRow.appendCSV(
        of: books.book(event.instrument),
        levels: options.levels,
        to: &out.bytes
      )
      out.flushIfFull()
    }
    out.flush()
    try finish(options, stock: stock, issues: books.issues, reader: reader)
  }

  /// The session's clock: from `--date`; without one the printed book has no times, and the
  /// UTC clock of 1970 serves.
  static func session(_ options: DataBookCommand.Options) throws(MarketDataError) -> SessionClock {
    guard options.date != nil else { return SessionClock(utcMidnightNanos: 0) }
    return try LOBSTERFileName.sessionClock(path: options.path, date: options.date)
  }

  /// Replays the chosen stock into a seeded book, printing each row before the orderbook
  /// file's row for the same message is used. The file pairs with the stock's last order
  /// messages: any before them (the orders from before a LOBSTER file that `data convert`
  /// writes first) are applied before row 1.
  static func replaySeeded(_ options: DataBookCommand.Options, orderbook: String)
    throws(MarketDataError)
  {
    let rowCount = try countRows(orderbook, levels: options.levels)
    let eventCount = try countEvents(options)
    guard eventCount >= rowCount else {
      throw rowCountError(orderbook, events: eventCount, rows: rowCount, path: options.path)
    }
    let session = try session(options)
    let reader = try ITCHFileReader(path: options.path, policy: .stop)
    let rows = try LOBSTERBookReader(path: orderbook, levels: options.levels, policy: .stop)
    let agreement = BookAgreement(levels: options.levels)
    let out = StandardOutputBuffer()
    defer { out.flush() }
    var stock = ChosenStock(options)
    var index = 0
    while let message = try reader.next() {
      guard let event = message.orderEvent(session: session) else {
        stock.note(message)
        continue
      }
      guard stock.isChosen(event) else { continue }
      agreement.apply(event)
      index += 1
      guard index > eventCount - rowCount, let row = try rows.next() else { continue }
      LOBSTERBookRow.appendCSV(of: agreement.book, levels: options.levels, to: &out.bytes)
      out.flushIfFull()
      agreement.compare(with: row)
    }
    out.flush()
    try finish(options, stock: stock, issues: agreement.book.book.issues, reader: reader)
    Output.standardError("stratc data book: agreement with \(orderbook): \(agreement.report)\n")
  }

  private static func countRows(_ path: String, levels: Int) throws(MarketDataError) -> Int {
    let rows = try LOBSTERBookReader(path: path, levels: levels, policy: .stop)
    var count = 0
    while try rows.next() != nil { count += 1 }
    return count
  }

  /// The chosen stock's order messages, counted on a first pass.
  private static func countEvents(_ options: DataBookCommand.Options) throws(MarketDataError) -> Int {
    let reader = try ITCHFileReader(path: options.path, policy: .stop)
    var stock = ChosenStock(options)
    var count = 0
    while let message = try reader.next() {
      guard let event = message.orderEvent(sessionMidnightNanos: 0) else {
        stock.note(message)
        continue
      }
      if stock.isChosen(event) { count += 1 }
    }
    return count
  }

  private static func rowCountError(_ orderbook: String, events: Int, rows: Int, path: String)
    -> MarketDataError
  {
    MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.lobster.row-count",
        message: "expected at most one orderbook row per order message of the stock (\(events) "
          + "in \(path)); found \(rows) rows",
        at: DataLocation(path: orderbook, line: events + 1)
      )
    ])
  }

  /// Reports a symbol never listed, messages the books could not apply, and skipped messages.
  static func finish(
    _ options: DataBookCommand.Options,
    stock: ChosenStock,
    issues: BookIssueCounts,
    reader: ITCHFileReader
  ) throws(MarketDataError) {
    if let symbol = options.symbol, stock.chosen == nil {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.itch.unknown-symbol",
          message: "expected a stock directory (R) message for `\(symbol)`; found none",
          at: DataLocation(path: options.path)
        )
      ])
    }
    if issues.total > 0 {
      Output.standardError(
        "stratc data book: \(issues.total) ITCH message(s) could not be applied as written "
          + "(\(issues[.unknownOrder]) about unknown orders)\n"
      )
    }
    if reader.skippedCount > 0 {
      Output().report(reader.diagnostics)
      Output.standardError(
        "stratc data book: skipped \(reader.skippedCount) malformed message(s)\n"
      )
    }
  }
}

/// Which stock of an ITCH file `data book` prints: the one `--symbol` names (found by its
/// stock directory message), else the first with an add.
struct ChosenStock {
  private let wanted: ITCHSymbol?
  private(set) var chosen: UInt32?

  init(_ options: DataBookCommand.Options) { wanted = options.symbol.map { ITCHSymbol($0) } }

  /// Takes a message that is not an order event (a stock directory names the wanted stock).
  mutating func note(_ message: ITCHMessage) {
    if case .stockDirectory(let directory) = message, directory.stock == wanted {
      chosen = UInt32(directory.header.stockLocate)
    }
  }

  /// True when `event` is about the chosen stock (the first add chooses one when no symbol).
  mutating func isChosen(_ event: OrderEvent) -> Bool {
    if chosen == nil && wanted == nil && event.kind == .add { chosen = event.instrument }
    return event.instrument == chosen
  }
}
