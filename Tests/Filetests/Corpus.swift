import Foundation
import StratDiagnostics
import StratSema
import Testing

/// One case file of the file-driven corpus: `cases/<stage>/<name>.strat`.
struct Filetest: Sendable, CustomStringConvertible, CustomTestStringConvertible {
  /// The directory under `cases/` that names the stage (`lex`, `parse`, `check`, …).
  let stage: String
  /// The path below the stage directory, such as `invalid/let_cycle.strat`.
  let name: String

  /// The case file on disk.
  var url: URL { Corpus.casesDirectory.appendingPathComponent(stage).appendingPathComponent(name) }

  /// The path shown in test names and failure messages.
  var testDescription: String { "\(stage)/\(name)" }

  var description: String { testDescription }

  /// A file beside the case with the same base name and another extension (`.ir`, `.expected`).
  func companion(_ pathExtension: String) -> URL {
    url.deletingPathExtension().appendingPathExtension(pathExtension)
  }

  /// The raw bytes of the case (cases may hold invalid UTF-8 on purpose).
  func bytes() throws -> [UInt8] { Array(try Data(contentsOf: url)) }

  /// The case as a source file whose path is `stage/name`, so rendered output is stable.
  func sourceFile() throws -> SourceFile {
    SourceFile(path: testDescription, bytes: try bytes())
  }

  /// Model files (`xgboost("…", …)`) are named from the case's folder.
  var models: ModelFileReader { .relative(to: url.path) }

  /// The case's text, with invalid UTF-8 repaired (for reading comments and directives).
  func text() throws -> String { String(decoding: try bytes(), as: UTF8.self) }
}

/// Finds the corpus on disk next to this source file and lists the cases of each stage.
enum Corpus {
  /// `Tests/Filetests`, found from this file's path.
  static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

  /// `Tests/Filetests/cases`.
  static let casesDirectory = testsDirectory.appendingPathComponent("cases")

  /// The package root (two levels above `Tests/Filetests`).
  static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

  /// The `.strat` cases under `cases/<stage>/`, recursively, sorted by path. `subdirectory`
  /// restricts the listing to one folder (`invalid`); `topLevelOnly` skips every subfolder.
  static func cases(_ stage: String, subdirectory: String? = nil, topLevelOnly: Bool = false)
    -> [Filetest]
  {
    let stageDirectory = casesDirectory.appendingPathComponent(stage)
    let root = subdirectory.map { stageDirectory.appendingPathComponent($0) } ?? stageDirectory
    guard
      let enumerator = FileManager.default.enumerator(
        at: root,
        includingPropertiesForKeys: nil,
        options: [.skipsHiddenFiles]
      )
    else { return [] }
    var names: [String] = []
    let prefix = stageDirectory.standardizedFileURL.path + "/"
    for case let url as URL in enumerator where url.pathExtension == "strat" {
      let relative = String(url.standardizedFileURL.path.dropFirst(prefix.count))
      if topLevelOnly, relative.contains("/") { continue }
      names.append(relative)
    }
    return names.sorted().map { Filetest(stage: stage, name: $0) }
  }

  /// Reads a file of the package (documentation, grammar, sources) as text.
  static func packageFile(_ relativePath: String) throws -> String {
    try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
  }
}
