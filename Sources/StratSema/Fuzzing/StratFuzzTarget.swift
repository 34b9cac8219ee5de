// What Fuzz/StratFuzz drives, and the strat corpus replay test replays: one code path for both.

import StratABI
import StratDiagnostics
import StratIR
import StratModels

/// Runs one input through the front end as `stratc check`, `ir` and `report` do: lex, parse,
/// check, lower, verify, optimise, verify; then prints the IR, parses it back and prints it again
/// (the text must round-trip), and computes the static report. Lines `// param NAME=VALUE`
/// bind parameters, so the fuzzer reaches the command-line values too.
/// Returns the ids of the diagnostics; ids starting `internal.` are bugs (the harness traps).
enum StratFuzzTarget {
  static func run(_ input: UnsafeRawBufferPointer) -> [String] {
    let file = SourceFile(path: "fuzz.strat", bytes: Array(input))
    // Model files are the model harness's; this one reads nothing from the disk.
    let noFiles = ModelFileReader { (_: String) throws(ModelFileError) -> [UInt8] in throw ModelFileError("no files in fuzzing") }
    let result = Compiler.compile(file, params: overrides(in: file), optimize: true, models: noFiles)
    var ids = result.diagnostics.map(\.id) + result.internalErrors.map(\.id)
    guard let module = result.module, result.internalErrors.isEmpty else { return ids }
    let text = IRPrinter.print(module)
    switch IRParser.parse(text, path: "fuzz.ir") {
    case .success(let parsed):
      if IRPrinter.print(parsed) != text { ids.append("internal.ir-round-trip") }
    case .failure(let error):
      ids.append("internal.ir-round-trip." + error.id)
    }
    _ = StaticReport(module: module)
    return ids
  }

  /// The `// param NAME=VALUE` lines of `file` (as in Tests/Filetests), as `--param` options.
  static func overrides(in file: SourceFile) -> [String: String] {
    let marker = Array("// param ".utf8)
    var params: [String: String] = [:]
    for line in file.bytes.split(separator: 0x0A) where line.starts(with: marker) {
      let text = String(decoding: line.dropFirst(marker.count), as: UTF8.self)
      if let pair = ParameterAssignment(text) { params[pair.name] = pair.value }
    }
    return params
  }
}
