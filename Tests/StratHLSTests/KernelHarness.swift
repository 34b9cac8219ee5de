import Foundation
import StratDiagnostics
import StratHLS
import StratIR
import StratSema

/// Compiles strategies, writes their kernel directories and builds each with g++, as a new user
/// would by the README's commands; then runs the testbench on the directory's ticks.
enum KernelHarness {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The IR of a source text, optimised as `stratc emit-hls` compiles it.
  static func module(_ text: String, path: String = "test.strat") throws -> IRModule {
    let result = Compiler.compile(SourceFile(path: path, text: text))
    guard let module = result.module, !result.hasErrors else {
      throw Failure(description: "\(path) does not compile: \(result.diagnostics.map(\.message))")
    }
    return module
  }

  static func plan(_ module: IRModule, path: String = "test.strat") throws -> KernelPlan {
    switch KernelPlanner.plan(module, path: path) {
    case .success(let plan): return plan
    case .failure(let refusal): throw Failure(description: "refused: \(refusal.diagnostics.map(\.message))")
    }
  }

  /// A fresh directory under the system's temporary folder.
  static func scratch(_ tag: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratc-hls-\(tag)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  static var hasCompiler: Bool { run("/usr/bin/env", ["g++", "--version"], in: nil).status == 0 }

  /// Builds the kernel in `dir` with `flags` against `includes` (the shim unless given) and
  /// runs its testbench on ticks.csv; returns what it wrote.
  static func build(_ dir: URL, name: String, flags: [String], includes: String = "shim") throws -> String {
    let exe = "tb-" + flags.joined().filter { $0.isLetter || $0.isNumber }
    let compile = run(
      "/usr/bin/env", ["g++"] + flags + ["-Wall", "-I", includes, "\(name).cpp", "\(name)_tb.cpp", "-o", exe], in: dir)
    guard compile.status == 0 else { throw Failure(description: "g++ \(flags) failed:\n\(compile.output.prefix(4000))") }
    let out = "out-\(exe).txt"
    let tb = run(dir.appendingPathComponent(exe).path, ["ticks.csv", out], in: dir)
    guard tb.status == 0 else { throw Failure(description: "./\(exe) failed: \(tb.output.prefix(2000))") }
    return try String(contentsOf: dir.appendingPathComponent(out), encoding: .utf8)
  }

  static func run(_ tool: String, _ arguments: [String], in dir: URL?) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    if let dir { process.currentDirectoryURL = dir }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
