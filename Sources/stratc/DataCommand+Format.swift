import Foundation
import StratDiagnostics
import StratMarket

/// The market-data formats `stratc data` reads, and their detection from a file's name and
/// first bytes when `--format` is not given.
enum DataFormat: String, CaseIterable {
  case csvBars = "csv-bars"
  case csvTrades = "csv-trades"
  case csvQuotes = "csv-quotes"
  case csvOrders = "csv-orders"
  case lobster
  case lobsterBook = "lobster-book"
  case itch
  case tick

  /// The formats `--format` accepts for import.
  static let importable: [DataFormat] = [.csvBars, .csvTrades, .csvQuotes, .csvOrders, .lobster, .itch]

  /// Detects the format of `path`: the tick magic; a LOBSTER file name; an ITCH first message
  /// (prefix 0x000C or 0x0000, then `S`); else the CSV header's column names. Nil when unknown.
  static func detect(path: String) throws(MarketDataError) -> DataFormat? {
    let head = try firstBytes(path)
    if head.isEmpty {
      throw MarketDataError(diagnostics: [
        Diagnostic(
          id: "data.io.empty", message: "expected market data; found an empty input",
          at: DataLocation(path: path, byteOffset: 0))
      ])
    }
    if head.starts(with: Array("STRATTCK".utf8)) { return .tick }
    if let name = LOBSTERFileName(path: path) { return name.isMessageFile ? .lobster : .lobsterBook }
    if head.count >= 3 && head[0] == 0 && (head[1] == 12 || head[1] == 0) && head[2] == 0x53 { return .itch }
    let line = head.prefix { $0 != 0x0A && $0 != 0x0D }
    switch TickCSVKind.detect(headerLine: String(decoding: line, as: UTF8.self)) {
    case .bars: return .csvBars
    case .trades: return .csvTrades
    case .quotes: return .csvQuotes
    case .orders: return .csvOrders
    case nil: return nil
    }
  }

  /// Up to 4 KB from the start of the file, decompressed if it is gzip.
  static func firstBytes(_ path: String) throws(MarketDataError) -> [UInt8] {
    let stream = try ByteStreams.open(path: path)
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 8)
    defer { buffer.deallocate() }
    var filled = 0
    while filled < buffer.count {
      let got = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
      if got == 0 { break }
      filled += got
    }
    return Array(buffer[0..<filled])
  }
}
