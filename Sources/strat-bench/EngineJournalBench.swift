import Foundation
import StratEngine

/// The journal side of recovery alone: `records` order rows (66-byte payloads, as the engine
/// writes them) appended through `EngineJournal`, then a restart's open (JournalReader's mapping
/// and CRC checks, and the copy of every payload) and the re-run's comparisons, record by
/// record, without the day's events around them. Median of `runs`.
struct EngineJournalBench {
  let folder: String
  let runs: Int

  struct Figures {
    var records = 0
    var write = 0.0, open = 0.0, check = 0.0
  }

  func run(records: Int) throws -> Figures {
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let run = Array("{\"bench\":\"engine-journal\"}".utf8)
    let payload = UnsafeMutableRawBufferPointer.allocate(byteCount: 66, alignment: 8)
    defer { payload.deallocate() }
    for k in 0..<66 { payload[k] = UInt8(truncatingIfNeeded: k &* 37) }
    let row = UnsafeRawBufferPointer(payload)
    var figures = Figures(records: records + 1)
    var start = monotonicSeconds()
    let writer = try EngineJournal(folder: folder, run: run)
    for _ in 0..<records { try writer.record(.order, row) }
    writer.sync()
    writer.close()
    figures.write = monotonicSeconds() - start
    var samples: [(Double, Double)] = []
    for _ in 0..<runs {
      start = monotonicSeconds()
      let journal = try EngineJournal(folder: folder, run: run)
      let opened = monotonicSeconds()
      for _ in 0..<records { try journal.record(.order, row) }
      let checked = monotonicSeconds()
      precondition(!journal.recovering, "every journaled record was checked")
      journal.close()
      samples.append((opened - start, checked - opened))
    }
    let m = samples.sorted { $0.0 + $0.1 < $1.0 + $1.1 }[samples.count / 2]
    (figures.open, figures.check) = m
    return figures
  }
}
