import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data import INPUT... --store DIR [--format F] [--symbol S] [--date D] [--on-error P]`:
/// reads each input in its format (detected unless given) and writes one tick file per
/// instrument and UTC day into the store, then prints what it wrote.
enum DataImportCommand {
  static func run(_ argv: [String]) throws -> ExitCode {
    let (args, output) = try DataCommand.arguments(
      argv, valued: ["store", "format", "symbol", "date", "on-error"])
    guard !args.positional.isEmpty else { throw Arguments.Problem.usage("expected at least one INPUT file") }
    guard let folder = args.value("store") else { throw Arguments.Problem.usage("expected --store DIR") }
    let policy = try DataCommand.policy(args)
    // A bad --format is the command line's fault, before any file is read.
    if args.value("format") != nil, let first = args.positional.first { _ = try DataCommand.format(of: first, args) }
    let store = TickStore(folder: folder)
    var status = ExitCode.success
    for input in args.positional {
      do throws(MarketDataError) {
        let format = try formatOf(input, args)
        let report = try importFile(input, format: format, store: store, args: args, policy: policy)
        print(report, input: input, format: format, output: output)
      } catch {
        status = DataCommand.fail(error, output)
      }
    }
    return status
  }

  /// The format of `input` (`--format` was checked before the first file).
  private static func formatOf(_ input: String, _ args: Arguments) throws(MarketDataError) -> DataFormat {
    do {
      return try DataCommand.format(of: input, args)
    } catch let error as MarketDataError {
      throw error
    } catch {
      throw MarketDataError(diagnostics: [Diagnostic(id: "data.source.bad-format", message: SystemErrorText.describe(error))])
    }
  }

  /// Imports one file; `source` in each header is the format and the input's file name.
  static func importFile(
    _ input: String, format: DataFormat, store: TickStore, args: Arguments, policy: MalformedInputPolicy
  ) throws(MarketDataError) -> TickImport.Report {
    let source = "\(format.rawValue) \(DataCommand.baseName(input))"
    let symbol = args.value("symbol")
    switch format {
    case .csvTrades:
      let reader = try TradeCSVReader(path: input, symbol: symbol, policy: policy)
      return try TickImport.trades(reader, into: store, source: source)
    case .csvQuotes:
      let reader = try QuoteCSVReader(path: input, symbol: symbol, policy: policy)
      return try TickImport.quotes(reader, into: store, source: source)
    case .csvOrders:
      let reader = try OrderCSVReader(stream: try ByteStreams.open(path: input), symbol: symbol, policy: policy)
      return try TickImport.orders(reader, into: store, source: source)
    case .csvBars:
      let series: BarSeries
      do throws(Diagnostic) {
        series = try BarCSVReader.read(path: input, symbol: symbol ?? TickCSVFileName.symbol(path: input))
      } catch {
        throw MarketDataError(diagnostics: [error])
      }
      return try TickImport.bars(series, into: store, source: source)
    case .lobster:
      return try importLOBSTER(input, store: store, symbol: symbol, date: args.value("date"), policy: policy, source: source)
    case .itch:
      let session = try TickImport.itchSessionClock(path: input, date: args.value("date"))
      let reader = try ITCHFileReader(path: input, policy: policy)
      return try TickImport.itch(reader, session: session, into: store, source: source)
    case .lobsterBook, .tick:
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.source.not-importable",
          message: "expected a file with rows to import; found a \(format.rawValue) file `\(input)`",
          at: DataLocation(path: input),
          notes: format == .lobsterBook ? ["import the matching LOBSTER message file instead"] : [])
      ])
    }
  }

  private static func importLOBSTER(
    _ input: String, store: TickStore, symbol: String?, date: String?, policy: MalformedInputPolicy,
    source: String
  ) throws(MarketDataError) -> TickImport.Report {
    let reader = LOBSTERMessageReader(
      stream: try ByteStreams.open(path: input),
      session: try LOBSTERFileName.sessionClock(path: input, date: date), policy: policy)
    guard let name = symbol ?? LOBSTERFileName(path: input)?.symbol else {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.source.no-symbol",
          message: "expected a LOBSTER file name (TICKER_DATE_…_message_N.csv) or --symbol; "
            + "found `\(DataCommand.baseName(input))`", at: DataLocation(path: input))
      ])
    }
    guard let orderbook = LOBSTERDay.companionOrderbook(of: input) else {
      return try TickImport.orderEvents(
        symbol: name, into: store, source: source, next: { () throws(MarketDataError) in try reader.next() },
        skipped: { (reader.skipped, reader.skippedDiagnostics) })
    }
    // LOBSTER's orderbook file is the book (its messages miss what happens beyond the levels):
    // keep it beside the messages, so a backtest from the store sees the same book. Messages
    // and rows are read as pairs, so a malformed line of either skips both.
    let pairs = LOBSTERPairedReader(
      messages: reader, messagePath: input,
      rows: LOBSTERBookReader(stream: try ByteStreams.open(path: orderbook), policy: .stop),
      bookPath: orderbook, policy: policy)
    var report = try TickImport.orderEvents(
      symbol: name, into: store, source: source, next: { () throws(MarketDataError) in try pairs.next()?.0 },
      skipped: { (pairs.skipped, pairs.skippedDiagnostics) })
    guard report.files.count <= 1 else { throw TickImport.bookAcrossDays(orderbook) }
    guard !report.files.isEmpty else { return report }
    let rows = LOBSTERBookReader(stream: try ByteStreams.open(path: orderbook), policy: .stop)
    rows.linesToPass = Set(pairs.skippedLines)
    report.files.append(
      try TickImport.lobsterBook(rows, ordersPath: report.files[0].path, source: source + " + orderbook"))
    return report
  }

  /// Prints the files written and the malformed-row count.
  private static func print(_ report: TickImport.Report, input: String, format: DataFormat, output: Output) {
    var text = "\(input): \(format.rawValue), \(report.rows) rows → \(report.files.count) file"
      + (report.files.count == 1 ? "\n" : "s\n")
    for file in report.files {
      text += "  \(file.path)  \(file.rows) rows  \(file.bytes) bytes\n"
    }
    if report.skipped > 0 {
      text += "  skipped \(report.skipped) malformed row\(report.skipped == 1 ? "" : "s")"
        + " (first \(report.skippedDiagnostics.count) below)\n"
    }
    Output.standardOutput(text)
    if report.skipped > 0 {
      let warnings = report.skippedDiagnostics.map {
        Diagnostic(id: $0.id, severity: .warning, message: $0.message, at: $0.location ?? DataLocation(path: input),
          notes: $0.notes)
      }
      output.report(warnings)
    }
  }
}
