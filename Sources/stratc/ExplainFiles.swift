import Foundation

/// The rows `stratc explain` reads from a backtest's output folder, by column name.
struct ExplainRow {
  let fields: [String: String]

  subscript(_ column: String) -> String { fields[column] ?? "" }

  /// The rows of a CSV file whose last column may be quoted (`orders.csv`'s `detail`).
  /// The rows of a CSV file that `stratc backtest` wrote with `header` (its first line, with the
  /// line break); a file with another header or a cut row is refused, with its line.
  static func read(_ path: String, header expected: String) throws(ExplainFailure) -> [ExplainRow] {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw ExplainFailure(id: "explain.missing-file", message: "cannot read `\(path)`; expected a `stratc backtest --out` folder")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    guard lines.first.map({ $0 + "\n" }) == expected else {
      throw ExplainFailure(
        id: "explain.bad-file", message: "\(path):1: expected the header `\(expected.dropLast())`; found `\(lines.first ?? "")`",
        notes: ["the folder was written by another stratc, or edited; run the backtest again"])
    }
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var rows: [ExplainRow] = []
    for (k, line) in lines.enumerated() {
      let cells = line.split(separator: ",", maxSplits: header.count - 1, omittingEmptySubsequences: false)
      guard cells.count == header.count else {
        throw ExplainFailure(
          id: "explain.bad-file", message: "\(path):\(k + 2): expected \(header.count) fields; found \(cells.count)",
          notes: ["the file is cut or edited; run the backtest again"])
      }
      rows.append(ExplainRow(fields: Dictionary(zip(header, cells.map(String.init)), uniquingKeysWith: { $1 })))
    }
    return rows
  }
}

/// Why `stratc explain` cannot explain: an id, a message and notes, exit 1.
struct ExplainFailure: Error {
  var id: String
  var message: String
  var notes: [String] = []
}
