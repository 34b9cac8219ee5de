import Foundation
import StratMarket

/// How to run a backtest again, written into `summary.json` as `"recipe"` so that `stratc
/// explain` can re-run it in the interpreter: the strategy file, the `--data` specs, the other
/// options that change results, and a stamp (size, modification time) of every input file so
/// that a changed input is refused rather than explained.
public struct BacktestRecipe: Sendable, Equatable {
  /// One input file as it was when the backtest ran.
  public struct Input: Sendable, Equatable {
    public var path: String
    public var bytes: Int64
    public var modifiedNanos: Int64

    public init(path: String, bytes: Int64, modifiedNanos: Int64) {
      self.path = path
      self.bytes = bytes
      self.modifiedNanos = modifiedNanos
    }

    /// The stamp of the file at `path` now, nil when it cannot be read.
    public static func stamp(_ path: String) -> Input? {
      var info = stat()
      guard stat(path, &info) == 0 else { return nil }
      let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
      return Input(path: path, bytes: Int64(info.st_size), modifiedNanos: nanos)
    }
  }

  /// The working directory the paths are relative to.
  public var directory: String
  public var strategy: String
  public var data: [String]
  /// Options as `--name=value` words (not the output, report, backend or display flags).
  public var options: [String]
  public var inputs: [Input]

  public init(directory: String, strategy: String, data: [String], options: [String], inputs: [Input]) {
    self.directory = directory
    self.strategy = strategy
    self.data = data
    self.options = options
    self.inputs = inputs
  }

  /// The files a run reads: the strategy, each data file (a folder's files, a LOBSTER message
  /// file's orderbook file beside it), in a fixed order.
  public static func inputFiles(strategy: String, dataPaths: [String]) -> [String] {
    var files = [strategy]
    for path in dataPaths {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.sorted().map { (path.hasSuffix("/") ? path : path + "/") + $0 }
        continue
      }
      files.append(path)
      let book = path.replacingOccurrences(of: "_message_", with: "_orderbook_")
      if book != path, FileManager.default.fileExists(atPath: book) { files.append(book) }
    }
    return files
  }

  /// Appends the recipe as a one-line JSON object.
  func appendJSON(to out: inout TextBuffer) {
    out.append("{\"directory\": ")
    out.appendJSONString(directory)
    out.append(", \"strategy\": ")
    out.appendJSONString(strategy)
    out.append(", \"data\": ")
    Self.appendArray(data, to: &out)
    out.append(", \"options\": ")
    Self.appendArray(options, to: &out)
    out.append(", \"inputs\": [")
    for (k, input) in inputs.enumerated() {
      out.append(k == 0 ? "{\"path\": " : ", {\"path\": ")
      out.appendJSONString(input.path)
      out.append(", \"bytes\": ")
      out.append(input.bytes)
      out.append(", \"modified_ns\": ")
      out.append(input.modifiedNanos)
      out.append("}")
    }
    out.append("]}")
  }

  static func appendArray(_ words: [String], to out: inout TextBuffer) {
    out.append("[")
    for (k, word) in words.enumerated() {
      if k > 0 { out.append(", ") }
      out.appendJSONString(word)
    }
    out.append("]")
  }
}
