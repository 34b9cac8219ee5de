import Foundation
import StratDiagnostics

/// Where diagnostics go and in which form.
struct Output {
  enum Format { case text, json }
  var format: Format = .text

  init() {}

  /// The form `--diagnostics` asks for, read leniently: for errors met before the command line
  /// is parsed (a bad `--diagnostics` value itself is reported by the parser).
  init(arguments: [String]) {
    let json = arguments.contains("--diagnostics=json")
      || zip(arguments, arguments.dropFirst()).contains { $0 == ("--diagnostics", "json") }
    format = json ? .json : .text
  }

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

  /// The largest source file stratc reads (a strategy is a page or two; this only bounds memory).
  static let sourceLimit = 64 << 20

  /// Reads a source file once, as a stream (so a FIFO or `<(…)` works), or returns the
  /// diagnostic that says why not.
  static func readSource(_ path: String) -> Result<SourceFile, Diagnostic> {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return .failure(cannotRead(path, SystemErrorText.reason(errno: errno))) }
    defer { close(fd) }
    var info = stat()
    if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return .failure(cannotRead(path, "it is a directory")) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else { return .failure(cannotRead(path, SystemErrorText.reason(errno: errno))) }
      if count == 0 { break }
      bytes += chunk[..<count]
      guard bytes.count <= sourceLimit else {
        return .failure(Diagnostic(
          id: "io.source-too-large", message: "\(path) is larger than \(sourceLimit >> 20) MiB, the most stratc reads as a source",
          notes: ["a strategy source is text of a few kilobytes; is this the right file?"]))
      }
    }
    return .success(SourceFile(path: path, bytes: bytes))
  }

  private static func cannotRead(_ path: String, _ why: String) -> Diagnostic {
    Diagnostic(id: "io.cannot-read", message: "cannot read \(path): \(why)")
  }
}

/// Exit statuses of every subcommand.
enum ExitCode: Int32, Error {
  case success = 0
  case userError = 1
  case usage = 2
  case internalError = 3
}
