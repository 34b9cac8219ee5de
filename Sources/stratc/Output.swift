import Foundation
import StratDiagnostics

/// Where diagnostics go and in which form.
struct Output {
  enum Format { case text, json }
  var format: Format = .text

  /// Writes diagnostics to stderr in the chosen form.
  func report(_ diagnostics: [Diagnostic]) {
    for d in diagnostics {
      switch format {
      case .text: Output.standardError(DiagnosticRenderer.text(d))
      case .json: Output.standardError(DiagnosticRenderer.json(d) + "\n")
      }
    }
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Reads a source file, or returns the diagnostic that says why not.
  static func readSource(_ path: String) -> Result<SourceFile, Diagnostic> {
    guard let data = FileManager.default.contents(atPath: path) else {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let why = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "it cannot be read"
      return .failure(Diagnostic(id: "io.cannot-read", message: "cannot read \(path): \(why)"))
    }
    return .success(SourceFile(path: path, bytes: [UInt8](data)))
  }
}

/// Exit statuses of every subcommand.
enum ExitCode: Int32, Error {
  case success = 0
  case userError = 1
  case usage = 2
  case internalError = 3
}
