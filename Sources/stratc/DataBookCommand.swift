import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data book FILE --levels N [--date YYYY-MM-DD] [--on-error stop|skip] [--orderbook F]
/// [--symbol S]`: rebuilds the order book from a LOBSTER message file (or an ITCH 5.0 file) and
/// prints it after every message in LOBSTER's orderbook CSV layout, streaming, so that it can be
/// compared with LOBSTER's own file.
enum DataBookCommand {
  static let help = """
    usage: stratc data book FILE --levels N [--date YYYY-MM-DD] [--on-error stop|skip]
                            [--orderbook ORDERBOOK_FILE] [--symbol SYMBOL]

    Rebuilds the order book from a LOBSTER message file (.csv or .csv.gz) and prints, after
    every message, the top N levels in LOBSTER's orderbook layout: ask price, ask size, bid
    price, bid size per level, prices x10000, 9999999999/-9999999999 and 0 for empty levels.
    A FILE not named .csv/.csv.gz is read as ITCH 5.0 (plain or gzip): one book per stock,
    printed after every order message of the chosen stock.

      --levels N        levels per side to print (default: the LEVEL in the file name)
      --date DATE       session date, when the file name does not give it
      --on-error MODE   stop (default) at the first malformed line, or skip and count them
      --orderbook FILE  LOBSTER's orderbook file for the same messages: levels the messages do
                        not determine (the state before the first message, and levels entering
                        the visible depth from beyond it) are taken from it after each row is
                        printed, and the agreement on determined levels goes to stderr
      --symbol SYMBOL   ITCH only: the stock to print (default: the first with an order)
    """

  struct Options {
    var path: String
    var levels: Int
    var date: String?
    var policy: MalformedInputPolicy
    var orderbook: String?
    var symbol: String?

    /// True when FILE is a LOBSTER CSV, false for ITCH.
    var isLOBSTER: Bool { path.hasSuffix(".csv") || path.hasSuffix(".csv.gz") }
  }

  /// Runs the command on the arguments after `data book`.
  static func run(_ args: [String]) -> ExitCode {
    if args.contains("--help") || args.contains("-h") {
      Output.standardOutput(help + "\n")
      return .success
    }
    let options: Options
    do {
      options = try parse(args)
    } catch Arguments.Problem.usage(let message) {
      Output.standardError("stratc data book: \(message)\n\n\(help)\n")
      return .usage
    } catch {
      Output.standardError("stratc data book: \(error)\n")
      return .usage
    }
    do throws(MarketDataError) {
      try replay(options)
      return .success
    } catch {
      Output().report(error.diagnostics)
      return .userError
    }
  }

  static func parse(_ args: [String]) throws -> Options {
    let parsed = try Arguments(
      args,
      valued: ["levels", "date", "on-error", "orderbook", "symbol"],
      switches: []
    )
    guard parsed.positional.count == 1, let path = parsed.positional.first else {
      throw Arguments.Problem.usage("expected one message FILE; found \(parsed.positional.count)")
    }
    let levelText = parsed.value("levels") ?? LOBSTERFileName(path: path).map { String($0.levels) }
    guard let levelText else {
      throw Arguments.Problem.usage("--levels N is required when the file name has no LEVEL")
    }
    guard let levels = Int(levelText), (1...1000).contains(levels) else {
      throw Arguments.Problem.usage(
        "--levels must be a whole number from 1 to 1000; found `\(levelText)`"
      )
    }
    let modeText = parsed.value("on-error") ?? "stop"
    guard let policy = MalformedInputPolicy(rawValue: modeText) else {
      throw Arguments.Problem.usage("--on-error must be stop or skip; found `\(modeText)`")
    }
    return Options(
      path: path,
      levels: levels,
      date: parsed.value("date"),
      policy: policy,
      orderbook: parsed.value("orderbook"),
      symbol: parsed.value("symbol")
    )
  }

  static func replay(_ options: Options) throws(MarketDataError) {
    if DataBookTick.handles(options.path) { return try DataBookTick.replay(options) }
    if !options.isLOBSTER { return try DataBookITCH.replay(options) }
    let reader = try LOBSTERMessageReader(
      path: options.path,
      date: options.date,
      policy: options.policy
    )
    let out = StandardOutputBuffer()
    // Rows printed before a malformed line still reach stdout.
    defer { out.flush() }
    if let path = options.orderbook {
      let rows = try LOBSTERBookReader(path: path, levels: options.levels, policy: .stop)
      try replaySeeded(reader, rows, options, out)
    } else {
      try replayPlain(reader, options, out)
    }
    reportSkipped(reader)
  }

  /// Prints the book of known orders plus the levels taken from the orderbook file, each row
  /// before that file's row for the same message is used.
  static func replaySeeded(
    _ reader: LOBSTERMessageReader,
    _ rows: LOBSTERBookReader,
    _ options: Options,
    _ out: StandardOutputBuffer
  ) throws(MarketDataError) {
    let agreement = BookAgreement(levels: options.levels)
    while let event = try reader.next() {
      agreement.apply(event)
      LOBSTERBookRow.appendCSV(of: agreement.book, levels: options.levels, to: &out.bytes)
      out.flushIfFull()
      guard let row = try rows.next() else { throw missingRow(options, line: reader.line) }
      agreement.compare(with: row)
    }
    out.flush()
    if try rows.next() != nil {
      Output.standardError(
        "stratc data book: warning: the orderbook file has more rows than messages\n"
      )
    }
    Output.standardError(
      "stratc data book: agreement with \(options.orderbook ?? ""): \(agreement.report)\n"
    )
  }

  /// Prints the book the messages alone build.
  static func replayPlain(
    _ reader: LOBSTERMessageReader,
    _ options: Options,
    _ out: StandardOutputBuffer
  ) throws(MarketDataError) {
    let book = OrderBook()
    while let event = try reader.next() {
      book.apply(event)
      LOBSTERBookRow.appendCSV(of: book, levels: options.levels, to: &out.bytes)
      out.flushIfFull()
    }
    out.flush()
    if book.issues.total > 0 {
      Output.standardError(
        "stratc data book: \(book.issues[.unknownOrder]) message(s) named orders placed before "
          + "the file starts (or out of its depth); \(book.issues.total) message(s) in all could "
          + "not be applied as written\n"
      )
    }
  }

  static func missingRow(_ options: Options, line: Int) -> MarketDataError {
    MarketDataError(diagnostics: [
      Diagnostic(
        id: "data.lobster.row-count",
        message: "expected an orderbook row for every message; found none for message \(line)",
        at: DataLocation(path: options.orderbook ?? "", line: line)
      )
    ])
  }

  static func reportSkipped(_ reader: LOBSTERMessageReader) {
    guard reader.skipped > 0 else { return }
    Output().report(reader.skippedDiagnostics)
    Output.standardError("stratc data book: skipped \(reader.skipped) malformed line(s)\n")
  }
}

/// Bytes for stdout, written in large blocks: one row per message would otherwise be one
/// system call per message.
final class StandardOutputBuffer {
  var bytes: [UInt8] = []
  private static let limit = 1 << 16

  init() { bytes.reserveCapacity(Self.limit + 4096) }

  func flushIfFull() { if bytes.count >= Self.limit { flush() } }

  func flush() {
    guard !bytes.isEmpty else { return }
    bytes.withUnsafeBufferPointer { buffer in
      var offset = 0
      while offset < buffer.count {
        let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
        if n <= 0 { if errno == EINTR { continue } else { break } }
        offset += n
      }
    }
    bytes.removeAll(keepingCapacity: true)
  }
}
