import Foundation
import StratJournal

/// `strat-bench --journal [--appends N] [--records N]`: the journal's appends/s with group
/// commit every 1 ms, fsync group latency and recovery time (Docs/JOURNAL.md, "Measured").
/// The journal goes to bench-data/journal on the working directory's file system.
func runJournalBench(dataDir: String, appends: Int, records: Int) -> Never {
  do {
    let result = try JournalBenchmark.run(
      folder: dataDir + "/journal",
      appends: appends,
      recoveryRecords: records
    )
    print(result.report)
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("strat-bench: \(error)\n".utf8))
    exit(1)
  }
}
