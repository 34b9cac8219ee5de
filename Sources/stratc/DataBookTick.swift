import StratDiagnostics
import StratMarket

/// `stratc data book FILE.tick`: a tick file of order-book events (from `stratc data import`)
/// is replayed as the LOBSTER or ITCH file it came from was: the book built from its events,
/// printed after each event in LOBSTER's orderbook layout.
enum DataBookTick {
  /// True for a FILE this replays.
  static func handles(_ path: String) -> Bool { path.lowercased().hasSuffix(".tick") }

  static func replay(_ options: DataBookCommand.Options) throws(MarketDataError) {
    let file = try TickFile(path: options.path)
    guard file.header.kind == .orders else {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.book.not-orders",
          message: "expected a tick file of order-book events (kind orders); found kind \(file.header.kind)",
          at: DataLocation(path: options.path, byteOffset: 14))
      ])
    }
    let books = BookSet()
    let out = StandardOutputBuffer()
    defer { out.flush() }
    var issues = 0
    file.forEachOrderEvent { (event: OrderEvent) in
      if books.apply(event) != nil { issues += 1 }
      LOBSTERBookRow.appendCSV(of: books.book(event.instrument), levels: options.levels, to: &out.bytes)
      out.flushIfFull()
    }
    out.flush()
    if issues > 0 {
      Output.standardError("stratc data book: \(issues) event(s) could not be applied as written\n")
    }
  }
}
