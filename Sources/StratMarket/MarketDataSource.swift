import Foundation
import StratDiagnostics

/// Resolves data specs from the command line into loaded bar series.
///
/// A spec is one of:
/// ```
///   SYMBOL=PATH   the CSV file PATH holds the bars of SYMBOL
///   FOLDER        every FOLDER/SYMBOL.csv (extension case-insensitive), in name order
///   FILE          a single CSV file; its symbol is the file name without extension
/// ```
/// A PATH or FILE ending in `.tick` is a tick file of bars (`stratc data import`); without
/// `SYMBOL=` its symbol is the one in its header.
/// A spec whose text before the first `=` contains a `/` is a path. A symbol given twice (by two
/// specs, or a spec and a folder) is an error, as are missing or unreadable files and folders
/// without CSV files.
public enum MarketDataSource {
  /// Where one symbol's bars come from.
  public struct Entry: Sendable, Equatable {
    /// The symbol.
    public var symbol: String
    /// The CSV file.
    public var path: String

    /// Creates an entry.
    public init(symbol: String, path: String) {
      self.symbol = symbol
      self.path = path
    }
  }

  /// Loads every series the specs name, in spec order (folders in file-name order).
  public static func load(specs: [String]) throws(MarketDataError) -> [BarSeries] {
    let entries = try resolve(specs: specs)
    // The files are read at the same time; results and problems are taken in spec order. A
    // pipe or device is one shared `StreamedInput` source that two specs may name: then one by one.
    let streams = entries.contains { StreamedInput.isStream($0.path) }
    let loaded = streams ? entries.map(load) : ParallelLoad.map(entries.count) { k in load(entries[k]) }
    var series: [BarSeries] = []
    var problems: [Diagnostic] = []
    for result in loaded {
      switch result {
      case .success(let s): series.append(s)
      case .failure(let error): problems += error.diagnostics
      }
    }
    if !problems.isEmpty { throw MarketDataError(diagnostics: problems) }
    return series
  }

  /// Reads one entry's bars: a tick file of bars or a CSV file.
  static func load(_ entry: Entry) -> Result<BarSeries, MarketDataError> {
    if entry.path.lowercased().hasSuffix(".tick") {
      do throws(MarketDataError) {
        let file = try TickFile(path: entry.path)
        let named = entry.symbol == stem(of: entry.path) ? nil : entry.symbol
        return .success(try file.barSeries(symbol: named))
      } catch {
        return .failure(error)
      }
    }
    do throws(Diagnostic) {
      return .success(try BarCSVReader.read(path: entry.path, symbol: entry.symbol))
    } catch {
      return .failure(MarketDataError(diagnostics: [error]))
    }
  }

  /// True for `SYMBOL=PATH` (no `/` before the first `=`): bars named by the user.
  public static func isSymbolSpec(_ spec: String) -> Bool {
    guard let equals = spec.firstIndex(of: "=") else { return false }
    return !spec[..<equals].contains("/")
  }

  /// Turns specs into (symbol, file) entries without reading the files.
  public static func resolve(specs: [String]) throws(MarketDataError) -> [Entry] {
    var entries: [Entry] = []
    var problems: [Diagnostic] = []
    var seen: [String: String] = [:]
    for spec in specs {
      for entry in expand(spec, problems: &problems) {
        if let first = seen[entry.symbol] {
          problems.append(
            CSVDiagnostics.duplicateSymbol(entry.symbol, first: first, second: entry.path)
          )
          continue
        }
        seen[entry.symbol] = entry.path
        entries.append(entry)
      }
    }
    if !problems.isEmpty { throw MarketDataError(diagnostics: problems) }
    return entries
  }

  /// Returns the entries of one spec, appending any problem.
  static func expand(_ spec: String, problems: inout [Diagnostic]) -> [Entry] {
    if let equals = spec.firstIndex(of: "="), !spec[..<equals].contains("/") {
      let symbol = String(spec[..<equals])
      let path = String(spec[spec.index(after: equals)...])
      guard !symbol.isEmpty, !path.isEmpty else {
        problems.append(CSVDiagnostics.badSpec(spec))
        return []
      }
      if let problem = MarketSymbol.check(symbol, from: "--data \(symbol)=PATH") {
        problems.append(problem)
        return []
      }
      return [Entry(symbol: symbol, path: path)]
    }
    var isFolder: ObjCBool = false
    guard !spec.isEmpty, FileManager.default.fileExists(atPath: spec, isDirectory: &isFolder) else {
      problems.append(
        spec.isEmpty
          ? CSVDiagnostics.badSpec(spec) : CSVDiagnostics.missingFile(path: spec, symbol: nil)
      )
      return []
    }
    if !isFolder.boolValue { return [Entry(symbol: stem(of: spec), path: spec)] }
    return folderEntries(spec, problems: &problems)
  }

  /// Returns one entry per `*.csv` file of a folder, sorted by file name.
  static func folderEntries(_ folder: String, problems: inout [Diagnostic]) -> [Entry] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder)
    } catch {
      problems.append(
        CSVDiagnostics.unreadable(path: folder, reason: "the folder cannot be listed")
      )
      return []
    }
    let csvs = names.filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }.sorted()
    guard !csvs.isEmpty else {
      problems.append(CSVDiagnostics.emptyFolder(path: folder))
      return []
    }
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    return csvs.map { Entry(symbol: stem(of: $0), path: base + $0) }
  }

  /// The file name of `path` without folders and extension: `data/KO.csv` → `KO`.
  static func stem(of path: String) -> String {
    let name =
      path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}
