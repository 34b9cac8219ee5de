import Foundation
import StratDiagnostics

/// A folder of tick files, one per instrument and UTC day: `FOLDER/SYMBOL/YYYY-MM-DD.tick`.
public struct TickStore: Sendable {
  /// The store's root folder.
  public let folder: String

  /// A store rooted at `folder` (created when the first file is written).
  public init(folder: String) { self.folder = folder }

  /// The path of the file for `symbol` on `day` (days since 1970-01-01). A symbol outside
  /// `MarketSymbol`'s alphabet (one that could name a path out of the store) is a
  /// `data.source.bad-symbol` error.
  public func path(symbol: String, day: Int64) throws(MarketDataError) -> String {
    if var problem = MarketSymbol.check(symbol, from: "the symbol of a tick file") {
      problem.notes.append("give the symbol with --symbol")
      throw MarketDataError(diagnostics: [problem])
    }
    return folder + "/" + symbol + "/" + Self.dayText(day) + ".tick"
  }

  /// The ISO date of a day index: `2012-06-21`.
  public static func dayText(_ day: Int64) -> String {
    var out = [UInt8](repeating: 0, count: 10)
    out.withUnsafeMutableBufferPointer { Timestamp.writeDate(days: day, to: $0.baseAddress!) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Every `.tick` file in the store, sorted by path.
  public func files() -> [String] {
    guard let names = try? FileManager.default.subpathsOfDirectory(atPath: folder) else { return [] }
    return names.filter { $0.hasSuffix(".tick") }.sorted().map { folder + "/" + $0 }
  }
}

/// Routes rows of one kind to the writer of their (symbol, UTC day), creating folders and
/// writers on first use; `finish()` completes them all. Rows of one (symbol, day) must arrive in
/// time order, as they do from a time-ordered source. All writers share one spill file; each
/// holds a block of 1024 rows in memory (47 KB for orders), so memory grows with the number of
/// (symbol, day) pairs open at once, not with the number of rows.
public final class TickStoreSink {
  /// The store written to.
  public let store: TickStore
  /// The kind of every file written.
  public let kind: TickRecordKind
  private let source: String
  private let spill: TickSpill
  private var writers: [String: TickFileWriter] = [:]
  private var order: [String] = []
  private var lastKey = ""
  private var lastDay = Int64.min
  private var lastSymbol = ""
  private var last: TickFileWriter?

  /// A sink writing `kind` files into `store`; `source` goes into every header.
  public init(store: TickStore, kind: TickRecordKind, source: String) {
    self.store = store
    self.kind = kind
    self.source = source
    spill = TickSpill(folder: store.folder)
  }

  /// The writer for `symbol` on the UTC day of `timeNanos`.
  public func writer(symbol: String, timeNanos: Int64) throws(MarketDataError) -> TickFileWriter {
    let day = Timestamp.dayIndex(timeNanos)
    if let last, day == lastDay, symbol == lastSymbol { return last }
    let path = try store.path(symbol: symbol, day: day)
    let writer: TickFileWriter
    if let existing = writers[path] {
      writer = existing
    } else {
      writer = try TickFileWriter(
        path: path, kind: kind, symbol: symbol, day: day, source: source, blockRows: 1024, spill: spill)
      writers[path] = writer
      order.append(path)
    }
    (last, lastDay, lastSymbol) = (writer, day, symbol)
    return writer
  }

  /// Finishes every file, in path order; returns what was written.
  public func finish() throws(MarketDataError) -> [TickFileWriter.Summary] {
    var out: [TickFileWriter.Summary] = []
    for path in order.sorted() {
      if let writer = writers[path] { out.append(try writer.finish()) }
    }
    writers = [:]
    last = nil
    return out
  }

  /// Applies `body` to every open writer (e.g. to mark bars as having volume).
  public func forEachWriter(_ body: (TickFileWriter) -> Void) {
    for path in order { if let writer = writers[path] { body(writer) } }
  }
}
