import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratSema

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path

/// Compiles `Strategies/NAME.strat`, optimised, with `params`.
func referenceModule(_ name: String, params: [String: String] = [:]) throws -> (module: IRModule, sourceHash: String) {
  let path = packageRoot + "/Strategies/\(name).strat"
  let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  let result = Compiler.compile(SourceFile(path: path, bytes: bytes), params: params, optimize: true)
  guard let module = result.module, !result.hasErrors else { throw TestFailure("\(name) does not compile") }
  return (module, SHA256.hex(bytes))
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// A fresh path under the temporary directory.
func temporaryPath(_ suffix: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("stratc-native-\(UUID().uuidString)\(suffix)").path
}

/// Runs a program; its status and standard output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [executable] + arguments
  process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
  let (out, err) = (temporaryPath(".out"), temporaryPath(".err"))
  FileManager.default.createFile(atPath: out, contents: nil)
  FileManager.default.createFile(atPath: err, contents: nil)
  defer {
    try? FileManager.default.removeItem(atPath: out)
    try? FileManager.default.removeItem(atPath: err)
  }
  process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
  process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
  try process.run()
  process.waitUntilExit()
  return (
    process.terminationStatus, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
    (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
  )
}
