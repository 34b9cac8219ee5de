import Foundation
import XCTest

@testable import StratHLS

/// Builds each C++ test of the shim (Tests/StratHLSTests/Shim) with g++ against the bundled
/// headers (`HLSShim.folder`) in C++14 and C++17, at -O0 and -O2 and under ASan+UBSan, and checks
/// that every build exits 0, prints its expected summary, and prints the same output as the
/// others. The hand-computed expectations live in the C++ files; scripts/hls-vendor-check runs
/// the same programs against the vendor's headers.
final class ShimTests: XCTestCase {
  /// Each program and the last line it must print.
  static let handComputed: [(file: String, summary: String)] = [
    ("quantisation.cpp", "quantisation: 171 checks, 0 failed"),
    ("overflow.cpp", "overflow: 144 checks, 0 failed"),
    ("fixed_arith.cpp", "fixed_arith: 91 checks, 0 failed"),
    ("ap_int.cpp", "ap_int: 95 checks, 0 failed"),
    ("stream.cpp", "stream: 23 checks, 0 failed"),
  ]
  /// The differential sweeps print results only (their reference is the vendor's headers); here
  /// they must build clean, run clean and agree across builds. They are slow to compile, so they
  /// take three of the five configurations.
  static let sweeps: [(file: String, summary: String)] = [
    ("int_sweep.cpp", "int_sweep: 11726 lines"),
    ("fixed_sweep.cpp", "fixed_sweep: 15264 lines"),
  ]
  static let sanitized = ["-std=c++14", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
  static let configurations: [[String]] = [
    ["-std=c++14", "-O0"], ["-std=c++14", "-O2"], ["-std=c++17", "-O0"], ["-std=c++17", "-O2"], sanitized,
  ]
  static let sweepConfigurations: [[String]] = [["-std=c++14", "-O0"], ["-std=c++17", "-O2"], sanitized]

  func testHandComputedCasesPassInEveryBuild() throws {
    for program in Self.handComputed {
      try checkProgram(program.file, summary: program.summary, configurations: Self.configurations)
    }
  }

  func testDifferentialSweepsRunCleanAndAgreeAcrossBuilds() throws {
    for program in Self.sweeps {
      try checkProgram(program.file, summary: program.summary, configurations: Self.sweepConfigurations)
    }
  }

  func testEveryShimTestIsListed() throws {
    let listed = Set((Self.handComputed + Self.sweeps).map(\.file))
    let present = try FileManager.default.contentsOfDirectory(atPath: Self.testSources.path)
      .filter { $0.hasSuffix(".cpp") }
    XCTAssertEqual(Set(present), listed)
  }

  // MARK: - Helpers

  static let testSources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Shim")

  private func checkProgram(_ file: String, summary: String, configurations: [[String]]) throws {
    let compiler = try Self.gxx()
    let shim = try XCTUnwrap(HLSShim.folder, "the bundled shim folder")
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("strat-shim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }

    var reference: String?
    for flags in configurations {
      let binary = scratch.appendingPathComponent("t")
      let source = Self.testSources.appendingPathComponent(file).path
      let build = try Self.run(compiler, flags + ["-Wall", "-Wextra", "-Werror", "-I", shim.path, source, "-o", binary.path])
      XCTAssertEqual(build.status, 0, "\(file) \(flags): g++ failed:\n\(build.output.prefix(4000))")
      guard build.status == 0 else { continue }
      let result = try Self.run(binary.path, [])
      let context = "\(file) \(flags.joined(separator: " "))"
      XCTAssertEqual(result.status, 0, "\(context) exited \(result.status):\n\(Self.failures(result.output))")
      XCTAssertEqual(Self.lastLine(result.output), summary, context)
      if let reference {
        XCTAssert(reference == result.output, "\(context): output differs from the first build's")
      } else {
        reference = result.output
      }
    }
  }

  private static func gxx() throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/g++"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw XCTSkip("g++ is not installed")
  }

  /// Runs a program to completion; stdout and stderr together.
  private static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  private static func lastLine(_ output: String) -> String {
    output.split(separator: "\n").last.map(String.init) ?? ""
  }

  private static func failures(_ output: String) -> String {
    let lines = output.split(separator: "\n")
    let failed = lines.filter { $0.hasPrefix("FAIL") || $0.contains("runtime error") || $0.contains("Sanitizer") }
    return (failed.isEmpty ? Array(lines.suffix(20)) : Array(failed.prefix(40))).joined(separator: "\n")
  }
}
