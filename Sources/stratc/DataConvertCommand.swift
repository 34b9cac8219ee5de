import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data convert MSG.csv --to itch -o OUT.itch [--date D] [--symbol S] [--on-error P]`:
/// writes a LOBSTER message file as a length-prefixed NASDAQ TotalView-ITCH 5.0 file
/// (`LOBSTERITCHReplay.itchFile`), so that ITCH tools and `stratc data book` read the same day.
enum DataConvertCommand {
  static let help = """
    usage: stratc data convert MESSAGE_FILE --to itch -o OUT.itch [--date YYYY-MM-DD]
                               [--symbol SYMBOL] [--on-error stop|skip]

    Writes a LOBSTER message file (.csv or .csv.gz) as a NASDAQ TotalView-ITCH 5.0 file with
    2-byte length prefixes: system events O, S, Q, a stock directory (R) for the symbol at
    locate 1, one add for every order the messages refer to without adding it (orders from
    before the file, with the side and price the messages give and the size they take off it),
    every message (A, X, D, C, P, Q, H), then M, E, C. A delete that states less than the order
    had is written as a cancel of its size, as LOBSTER's book takes it. Times stay on LOBSTER's
    clock (nanoseconds after the session's midnight).

      --to itch         the output format (only ITCH 5.0)
      -o, --out FILE    the ITCH file to write
      --date DATE       session date, when the file name does not give it
      --symbol SYMBOL   the stock (default: the ticker in the file name)
      --on-error MODE   stop (default) at the first malformed line, or skip and count them

    EXAMPLES
      stratc data convert ../shared/data/lobster-goog-2012-06-21/GOOG_2012-06-21_34200000_57600000_message_1.csv --to itch -o out/examples/goog.itch
    """

  static func run(_ argv: [String]) throws -> ExitCode {
    let (args, output) = try DataCommand.arguments(
      argv.map { $0 == "-o" ? "--out" : $0 }, valued: ["to", "out", "date", "symbol", "on-error"])
    guard args.positional.count == 1, let input = args.positional.first else {
      throw Arguments.Problem.usage("expected one MESSAGE_FILE; found \(args.positional.count)")
    }
    guard let to = args.value("to"), to == "itch" else {
      throw Arguments.Problem.usage("expected --to itch; found `\(args.value("to") ?? "nothing")`")
    }
    guard let out = args.value("out") else { throw Arguments.Problem.usage("expected -o OUT.itch") }
    try OutputPaths.checkOutputFile(flag: "-o", path: out, inputs: [input])
    let policy = try DataCommand.policy(args)
    do throws(MarketDataError) {
      try convert(input, to: out, args: args, policy: policy, output: output)
      return .success
    } catch {
      return DataCommand.fail(error, output)
    }
  }

  private static func convert(
    _ input: String, to out: String, args: Arguments, policy: MalformedInputPolicy, output: Output
  ) throws(MarketDataError) {
    let session = try LOBSTERFileName.sessionClock(path: input, date: args.value("date"))
    let reader = LOBSTERMessageReader(
      stream: try ByteStreams.open(path: input), session: session, policy: policy)
    let messages = try reader.readAll()
    let symbol = args.value("symbol") ?? LOBSTERFileName(path: input)?.symbol ?? "LOBSTER"
    // ITCH carries a stock in 8 bytes: a longer or odd symbol would be cut or refused on reading.
    guard MarketSymbol.isValid(symbol), symbol.utf8.count <= 8 else {
      throw MarketDataError(diagnostics: [Diagnostic(
        id: "data.source.bad-symbol",
        message: "`\(symbol)` cannot be an ITCH stock: expected at most 8 characters, \(MarketSymbol.rule)",
        notes: ["give another --symbol"])])
    }
    let bytes = try LOBSTERITCHReplay.itchFile(
      messages: messages, symbol: symbol, session: session)
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: out))
    } catch {
      throw MarketDataError(diagnostics: [
        Diagnostic(id: "data.io.unwritable", message: "cannot write `\(out)`: \(SystemErrorText.describe(error))",
          at: DataLocation(path: out))
      ])
    }
    let added = LOBSTERITCHReplay.preexistingOrders(in: messages).count
    Output.standardOutput(
      "\(input): \(messages.count) messages (\(added) orders from before the file added first) "
        + "→ \(out), \(bytes.count) bytes of ITCH 5.0\n")
    if reader.skipped > 0 {
      output.report(reader.skippedDiagnostics.map {
        Diagnostic(id: $0.id, severity: .warning, message: $0.message,
          at: $0.location ?? DataLocation(path: input), notes: $0.notes)
      })
      Output.standardError("stratc data convert: skipped \(reader.skipped) malformed line(s)\n")
    }
  }
}
