import Foundation
import StratMarket

/// Refuses, before anything is run or written, output paths that would overwrite one another or
/// an input: a report written where `--out` puts its folder or its files, or any output on top
/// of the strategy source or a data file. Paths are compared after `..`, `.` and symbolic links
/// are resolved, so two spellings of one file are one file.
enum OutputPaths {
  /// The files `backtest` writes inside `--out` (BacktestResult.write).
  static let resultFiles = ["trades.csv", "equity.csv", "summary.json"]

  static func checkBacktest(out: String, report: String?, inputs: [String]) throws {
    let folder = resolved(out)
    if let existing = kind(of: folder), existing != .typeDirectory {
      throw Arguments.Problem.usage("--out \(out): it exists and is not a folder")
    }
    var written = [(flag: "--out", path: folder)]
    written += resultFiles.map { (flag: "--out", path: folder + "/" + $0) }
    if let report {
      let file = resolved(report)
      if let clash = written.first(where: { $0.path == file }) {
        throw Arguments.Problem.usage(
          "--report \(report) is where \(clash.flag) \(out) writes (`\(clash.path)`); give the report another path")
      }
      written.append((flag: "--report", path: file))
    }
    try refuseOverwritingInputs(written, inputs: inputs)
  }

  /// `sweep --out FILE`: never one of the inputs.
  static func checkFile(flag: String, path: String, inputs: [String]) throws {
    try refuseOverwritingInputs([(flag: flag, path: resolved(path))], inputs: inputs)
  }

  /// The paths named by `--data SYMBOL=PATH` or `--data PATH`.
  static func dataPaths(_ specs: [String]) -> [String] {
    specs.map { spec in
      guard let eq = spec.firstIndex(of: "="), !spec[..<eq].contains("/") else { return spec }
      return String(spec[spec.index(after: eq)...])
    }
  }

  /// A file output (`build -o`, `data convert -o`, `data export --out`, `hls-sim -o`): never a
  /// folder, never a device or a pipe, never an input. Outputs are written to a temporary file
  /// renamed into place, and that rename would replace a device (`/dev/null` run as root).
  static func checkOutputFile(flag: String, path: String, inputs: [String]) throws {
    switch kind(of: resolved(path)) {
    case .typeDirectory?:
      throw Arguments.Problem.usage("\(flag) \(path) is a folder; give the path of the file to write")
    case let type? where type != .typeRegular:
      throw Arguments.Problem.usage(
        "\(flag) \(path) is not a regular file (a device, a pipe or a socket); stratc writes a file and "
          + "renames it into place, which would replace it; give the path of a file")
    default: break
    }
    try checkFile(flag: flag, path: path, inputs: inputs)
  }

  /// A folder output (`emit-hls -o DIR`): a folder or nothing yet, never an input.
  static func checkOutputFolder(flag: String, path: String, inputs: [String]) throws {
    if let type = kind(of: resolved(path)), type != .typeDirectory {
      throw Arguments.Problem.usage("\(flag) \(path) exists and is not a folder; give the folder to write the kernel into")
    }
    try checkFile(flag: flag, path: path, inputs: inputs)
  }

  /// Every file an input names: a folder's files, and a LOBSTER message file's orderbook file,
  /// which is read without being named.
  private static func expanded(_ input: String) -> [String] {
    if kind(of: resolved(input)) == .typeDirectory {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
      return [input] + names.map { input + "/" + $0 }
    }
    return [input] + [LOBSTERDay.companionOrderbook(of: input)].compactMap { $0 }
  }

  private static func refuseOverwritingInputs(_ written: [(flag: String, path: String)], inputs: [String]) throws {
    for input in inputs.flatMap(expanded) {
      let path = resolved(input)
      if let clash = written.first(where: { $0.path == path }) {
        throw Arguments.Problem.usage("\(clash.flag) would overwrite the input `\(input)`; give another path")
      }
    }
  }

  private static func resolved(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  private static func kind(of path: String) -> FileAttributeType? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
  }
}
