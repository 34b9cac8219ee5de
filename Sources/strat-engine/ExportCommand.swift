import Foundation
import StratEngine

/// `strat-engine export --journal DIR --store DIR`: writes the market events a live run
/// journaled as a tick store (STORE/SYMBOL/YYYY-MM-DD.tick), for `stratc backtest`.
enum ExportCommand {
  static let usage = "usage: strat-engine export --journal DIR --store DIR"

  static func main(_ args: ArraySlice<String>) -> Int32 {
    var flags: [String: String] = [:]
    var rest = args
    while let flag = rest.popFirst() {
      guard ["--journal", "--store"].contains(flag), let value = rest.popFirst(), flags[flag] == nil else {
        FileHandle.standardError.write(Data("strat-engine export: unexpected `\(flag)`\n\(usage)\n".utf8))
        return 2
      }
      flags[flag] = value
    }
    guard let journal = flags["--journal"], let store = flags["--store"] else {
      FileHandle.standardError.write(Data("strat-engine export: --journal and --store are required\n\(usage)\n".utf8))
      return 2
    }
    do throws(EngineError) {
      let report = try MarketExport.export(journal: journal, store: store)
      for file in report.files { print(file) }
      print("exported \(report.events) events into \(report.files.count) tick files")
      return 0
    } catch {
      FileHandle.standardError.write(Data("\(error)\n".utf8))
      return 1
    }
  }
}
