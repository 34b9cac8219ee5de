import StratDiagnostics
import StratMarket

/// `stratc data book` on an ITCH 5.0 file: every stock's book is kept (one order table for the
/// day) and the chosen stock's book is printed after each of its order messages.
enum DataBookITCH {
  static func replay(_ options: DataBookCommand.Options) throws(MarketDataError) {
    // The printed book has no times: without a date, the UTC clock of 1970 serves.
    let session =
      options.date == nil
      ? SessionClock(utcMidnightNanos: 0) : try LOBSTERFileName.sessionClock(path: options.path, date: options.date)
    let reader = try ITCHFileReader(path: options.path, policy: options.policy)
    let books = BookSet()
    let out = StandardOutputBuffer()
    defer { out.flush() }
    var chosen: UInt32?
    let wanted = options.symbol.map { ITCHSymbol($0) }
    while let message = try reader.next() {
      if case .stockDirectory(let directory) = message, directory.stock == wanted {
        chosen = UInt32(directory.header.stockLocate)
      }
      guard let event = message.orderEvent(session: session) else { continue }
      books.apply(event)
      if chosen == nil && wanted == nil && event.kind == .add { chosen = event.instrument }
      guard event.instrument == chosen else { continue }
      LOBSTERBookRow.appendCSV(
        of: books.book(event.instrument),
        levels: options.levels,
        to: &out.bytes
      )
      out.flushIfFull()
    }
    out.flush()
    try finish(options, chosen: chosen, books: books, reader: reader)
  }

  /// Reports a symbol never listed, messages the books could not apply, and skipped messages.
  static func finish(
    _ options: DataBookCommand.Options,
    chosen: UInt32?,
    books: BookSet,
    reader: ITCHFileReader
  ) throws(MarketDataError) {
    if let symbol = options.symbol, chosen == nil {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.itch.unknown-symbol",
          message: "expected a stock directory (R) message for `\(symbol)`; found none",
          at: DataLocation(path: options.path)
        )
      ])
    }
    if books.issues.total > 0 {
      Output.standardError(
        "stratc data book: \(books.issues.total) ITCH message(s) could not be applied as written "
          + "(\(books.issues[.unknownOrder]) about unknown orders)\n"
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
