import Foundation
import StratDiagnostics
import StratJournal
import StratMarket

/// Writes the market events a journal recorded as a tick store (`STORE/SYMBOL/YYYY-MM-DD.tick`,
/// kind orders, Docs/TICKSTORE.md) through StratMarket's one writer, so a live or paper day
/// replays through `stratc backtest` on any backend. Reads the journal without changing it.
package enum MarketExport {
  /// The files written and the events in them.
  package struct Report: Sendable {
    package var files: [String]
    package var events: Int
  }

  package static func export(journal folder: String, store: String) throws(EngineError) -> Report {
    let recorded = try read(journal: folder)
    guard recorded.eventCount > 0 else {
      throw EngineError(
        id: "journal.no-market-records",
        message: "the journal in \(folder) holds no market events",
        notes: ["only a live feed's run journals its events (feed.kind = \"itch-udp\", journal.record_market = true); a replayed file is its own record"],
        location: DataLocation(path: folder))
    }
    let sink = TickStoreSink(store: TickStore(folder: store), kind: .orders, source: "strat-engine journal")
    var events = 0
    var symbols: [UInt32: String] = [:]
    do throws(MarketDataError) {
      for item in recorded.items {
        if case .directory(let locate, let symbol, _) = item { symbols[locate] = symbol }
        guard case .event(let event, let sequence) = item else { continue }
        guard let symbol = symbols[event.instrument] else {
          throw MarketDataError(diagnostics: [
            Diagnostic(
              id: "journal.bad-market-record",
              message: "the journal in \(folder) holds an event (sequence \(sequence)) of locate \(event.instrument), which no directory record before it names",
              at: DataLocation(path: folder))
          ])
        }
        try sink.writer(symbol: symbol, timeNanos: event.timeNanos).append(event)
        events += 1
      }
      return Report(files: try sink.finish().map(\.path), events: events)
    } catch {
      throw EngineError(error.diagnostics.first ?? Diagnostic(id: "data.tick.io", message: "cannot write the tick store \(store)"))
    }
  }

  /// The journal's market records, checked as a recovery checks them.
  static func read(journal folder: String) throws(EngineError) -> RecordedMarket {
    var recorded = RecordedMarket()
    var failure: EngineError?
    do throws(JournalError) {
      guard FileManager.default.fileExists(atPath: folder) else {
        throw JournalError("journal.io", "there is no journal folder \(folder)", file: folder)
      }
      let reader = try JournalReader(folder: folder)
      var number = 0
      reader.forEach { record in
        number += 1
        guard failure == nil else { return }
        do throws(EngineError) {
          try recorded.take(type: record.type, payload: record.payload, record: number)
        } catch { failure = error }
      }
    } catch {
      throw EngineError(id: error.id, message: error.message, notes: error.notes, location: DataLocation(path: error.file, byteOffset: error.offset))
    }
    if let failure { throw failure }
    return recorded
  }
}
