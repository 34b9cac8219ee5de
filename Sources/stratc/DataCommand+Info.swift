import Foundation
import StratDiagnostics
import StratMarket

/// `stratc data info FILE [--format F] [--date D] [--on-error P]`: describes any supported file:
/// a tick file's header and columns; a CSV's detected layout, rows, span and symbol; a LOBSTER
/// file's message mix or book levels; an ITCH file's framing and message counts.
enum DataInfoCommand {
  static func run(_ argv: [String]) throws -> ExitCode {
    let (args, output) = try DataCommand.arguments(argv, valued: ["format", "date", "on-error", "symbol"])
    guard args.positional.count == 1, let input = args.positional.first else {
      throw Arguments.Problem.usage("expected exactly one FILE")
    }
    let policy = try DataCommand.policy(args)
    let format = try DataCommand.format(of: input, args)
    do throws(MarketDataError) {
      let text: String
      switch format {
      case .tick: text = try tick(input)
      case .csvBars: text = try bars(input, symbol: args.value("symbol"))
      case .csvTrades, .csvQuotes, .csvOrders: text = try DataInfoCSV.describe(input, format: format, policy: policy)
      case .lobster: text = try DataInfoFeeds.lobster(input, date: args.value("date"), policy: policy)
      case .lobsterBook: text = try DataInfoFeeds.lobsterBook(input, policy: policy)
      case .itch: text = try DataInfoFeeds.itch(input, date: args.value("date"), policy: policy)
      }
      Output.standardOutput(text)
      return .success
    } catch {
      return DataCommand.fail(error, output)
    }
  }

  /// A tick file: version, kind, symbol, day, rows, span, flags, source, and each column.
  static func tick(_ path: String) throws(MarketDataError) -> String {
    let file = try TickFile(path: path)
    let h = file.header
    var flags: [String] = []
    if h.flags & TickFileHeader.flagTimeSorted != 0 { flags.append("time-sorted") }
    if h.flags & TickFileHeader.flagHasVolume != 0 { flags.append("has-volume") }
    var text = """
      \(path): tick file, format \(h.major).\(h.minor), checksums ok
        kind     \(h.kind)
        symbol   \(h.symbol)
        day      \(TickStore.dayText(h.day))
        rows     \(h.rowCount)
        span     \(h.rowCount == 0 ? "(no rows)" : "\(DataCommand.time(h.firstTime)) … \(DataCommand.time(h.lastTime))")
        flags    \(flags.isEmpty ? "none" : flags.joined(separator: ", "))
        source   \(h.source)
        bytes    \(h.fileSize)
        columns

      """
    for entry in h.entries {
      let name = "\(entry.column)".padding(toLength: 11, withPad: " ", startingAt: 0)
      text += "    \(name) offset \(entry.offset)  \(entry.length) bytes  "
        + "\(entry.column.width)-byte  crc32 \(hex(entry.checksum))\n"
    }
    return text
  }

  /// A bar CSV, read by the bar reader.
  static func bars(_ path: String, symbol: String?) throws(MarketDataError) -> String {
    let series: BarSeries
    do throws(Diagnostic) {
      series = try BarCSVReader.read(path: path, symbol: symbol ?? TickCSVFileName.symbol(path: path))
    } catch {
      throw MarketDataError(diagnostics: [error])
    }
    let span = series.isEmpty ? "(no rows)" : "\(DataCommand.time(series.times[0])) … \(DataCommand.time(series.times[series.count - 1]))"
    return """
      \(path): csv-bars
        symbol   \(series.symbol) (\(symbol == nil ? "from the file name" : "from --symbol"))
        rows     \(series.count)
        span     \(span)
        volume   \(series.hasVolume ? "yes" : "no")

      """
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }
}
