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
    printed after every order message of the chosen stock; the options are the same.

      --levels N        levels per side to print (default: the LEVEL in the file name)
      --date DATE       session date, when the file name does not give it
      --on-error MODE   stop (default) at the first malformed line, or skip and count them
      --orderbook FILE  LOBSTER's orderbook file for the same messages: levels the messages do
                        not determine (the state before the first message, and levels entering
                        the visible depth from beyond it) are taken from it after each row is
                        printed, and the agreement on determined levels goes to stderr. On
                        ITCH it pairs with the stock's last order messages (earlier ones, such
                        as the orders from before the file that `data convert` writes first,
                        are applied before row 1); --on-error skip is refused there
      --symbol SYMBOL   the stock to print: on ITCH, any listed stock (default: the first with
                        an order); on LOBSTER, it must be the file's own ticker

    EXAMPLES
      stratc data book ../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv --levels 1
      stratc data book ../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv --levels 1 --orderbook ../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_orderbook_1.csv
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
    } catch {
      return CommandFailure.exitCode(for: error, command: "data book", output: Output(arguments: args))
    }
    do throws(MarketDataError) {
      try replay(options)
      return .success
    } catch {
      Output(arguments: args).report(error.diagnostics)
      return .userError
    }
  }

  static func parse(_ args: [String]) throws -> Options {
    let parsed = try Arguments(
      args,
      valued: ["levels", "date", "on-error", "orderbook", "symbol", "diagnostics"],
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
    let symbol = parsed.value("symbol")
    if let symbol, let name = LOBSTERFileName(path: path), name.symbol != symbol {
      throw Arguments.Problem.usage(
        "--symbol \(symbol) names another stock than the LOBSTER file's `\(name.symbol)`")
    }
    let isLOBSTER = path.hasSuffix(".csv") || path.hasSuffix(".csv.gz")
    if !isLOBSTER, parsed.value("orderbook") != nil, policy == .skip {
      throw Arguments.Problem.usage(
        "--on-error skip cannot be used with --orderbook on ITCH: a skipped message has no row")
    }
    return Options(
      path: path,
      levels: levels,
      date: parsed.value("date"),
      policy: policy,
      orderbook: parsed.value("orderbook"),
      symbol: symbol
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
      let pairs = LOBSTERPairedReader(
        messages: reader, messagePath: options.path,
        rows: try LOBSTERBookReader(path: path, levels: options.levels, policy: .stop),
        bookPath: path, policy: options.policy)
      try replaySeeded(pairs, options, out)
      reportSkipped(pairs.skipped, pairs.skippedDiagnostics)
    } else {
      try replayPlain(reader, options, out)
      reportSkipped(reader.skipped, reader.skippedDiagnostics)
    }
  }

  /// Prints the book of known orders plus the levels taken from the orderbook file, each row
  /// before that file's row for the same message is used. A skipped message skips its row.
  static func replaySeeded(
    _ pairs: LOBSTERPairedReader,
    _ options: Options,
    _ out: StandardOutputBuffer
  ) throws(MarketDataError) {
    let agreement = BookAgreement(levels: options.levels)
    while let (event, row) = try pairs.next() {
      agreement.apply(event)
      LOBSTERBookRow.appendCSV(of: agreement.book, levels: options.levels, to: &out.bytes)
      out.flushIfFull()
      agreement.compare(with: row)
    }
    out.flush()
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

  static func reportSkipped(_ skipped: Int, _ diagnostics: [Diagnostic]) {
    guard skipped > 0 else { return }
    Output().report(diagnostics)
    Output.standardError("stratc data book: skipped \(skipped) malformed line(s)\n")
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
