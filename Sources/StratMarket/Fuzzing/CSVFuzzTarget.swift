// What Fuzz/CSVFuzz drives, and the csv corpus replay test replays: one code path for both.

import StratDiagnostics

/// Runs one input through every CSV reader: bars (the whole-file parser), then trades, quotes
/// and orders under both malformed-input policies, and the header sniffing of `data import`.
/// Returns the ids of the diagnostics thrown or recorded for skipped rows; a trap is a bug.
enum CSVFuzzTarget {
  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    var ids: [String] = []
    do { _ = try BarCSVReader.parse(Array(input), path: "fuzz.csv", symbol: "FUZZ") } catch {
      ids.append(error.id)
    }
    let firstLine = input.prefix { $0 != 0x0A }
    _ = TickCSVKind.detect(headerLine: String(decoding: firstLine, as: UTF8.self))
    for policy in MalformedInputPolicy.allCases {
      do {
        let trades = try TradeCSVReader(stream: BufferByteStream(input), policy: policy)
        while try trades.next() != nil {}
        ids += trades.skippedDiagnostics.map(\.id)
      } catch { ids += error.diagnostics.map(\.id) }
      do {
        let quotes = try QuoteCSVReader(stream: BufferByteStream(input), policy: policy)
        while try quotes.next() != nil {}
        ids += quotes.skippedDiagnostics.map(\.id)
      } catch { ids += error.diagnostics.map(\.id) }
      do {
        let orders = try OrderCSVReader(stream: BufferByteStream(input), policy: policy)
        while try orders.next() != nil {}
        ids += orders.skippedDiagnostics.map(\.id)
      } catch { ids += error.diagnostics.map(\.id) }
    }
    return ids
  }
}
