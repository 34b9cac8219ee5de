import Foundation

/// The rows `stratc explain` reads from a backtest's output folder, by column name.
struct ExplainRow {
  let fields: [String: String]

  subscript(_ column: String) -> String { fields[column] ?? "" }

  /// The rows of a CSV file whose last column may be quoted (`orders.csv`'s `detail`).
  static func read(_ path: String) throws(ExplainFailure) -> [ExplainRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ExplainFailure(id: "explain.missing-file", message: "cannot read `\(path)`; expected a `stratc backtest --out` folder")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    guard !lines.isEmpty else { return [] }
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.map { line in
      let cells = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false)
      return ExplainRow(fields: Dictionary(zip(header, cells.map(String.init)), uniquingKeysWith: { $1 }))
    }
  }
}

/// Why `stratc explain` cannot explain: an id, a message and notes, exit 1.
struct ExplainFailure: Error {
  var id: String
  var message: String
  var notes: [String] = []
}
