import Foundation
import StratDiagnostics
import StratHLS
import Testing

/// The reference strategies as kernels: emitted, built with g++ against the shim in both
/// language standards and optimisation levels (and under ASan and UBSan), and run on the
/// directory's ticks. The testbench must print exactly what `hls-sim` computes, and the
/// decisions must stay those of the double interpreter.
@Suite(.serialized) struct KernelReferenceTests {
  /// The reference strategies, pairs with every risk limit the kernel checks, and a
  /// top-of-book strategy (its synthetic ticks empty a side now and then).
  static let strategies = ["pairs", "bollinger", "logistic", "hls_risk", "hls_book"]

  static func source(_ name: String) -> String {
    name.hasPrefix("hls_") ? "Tests/EndToEnd/strategies/\(name).strat" : "Strategies/\(name).strat"
  }

  static func kernel(_ name: String) throws -> (KernelPlan, URL) {
    let path = KernelHarness.repository.appendingPathComponent(source(name)).path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let plan = try KernelHarness.plan(try KernelHarness.module(text, path: path), path: path)
    let dir = try KernelHarness.scratch(name)
    try KernelDirectory.write(plan, source: source(name), ticks: TickFile.synthetic(plan), into: dir)
    return (plan, dir)
  }

  @Test(arguments: strategies)
  func testbenchPrintsWhatHLSSimComputes(name: String) throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    let (plan, dir) = try Self.kernel(name)
    defer { try? FileManager.default.removeItem(at: dir) }
    let expected = try String(contentsOf: dir.appendingPathComponent("expected.out"), encoding: .utf8)
    #expect(expected.split(separator: "\n").count >= 5, "the ticks must make decisions, or the check proves nothing")
    #expect(expected == KernelOutputFile.simulate(plan, TickFile.synthetic(plan)))
    for flags in [["-std=c++14", "-O0"], ["-std=c++17", "-O2"]] {
      let out = try KernelHarness.build(dir, name: name, flags: flags)
      #expect(out == expected, "\(name) built with \(flags) differs from hls-sim")
    }
  }

  @Test(arguments: strategies)
  func kernelIsCleanUnderAddressAndUndefinedBehaviourSanitizers(name: String) throws {
    try #require(KernelHarness.hasCompiler, "g++ is needed to build the kernel")
    let (_, dir) = try Self.kernel(name)
    defer { try? FileManager.default.removeItem(at: dir) }
    let expected = try String(contentsOf: dir.appendingPathComponent("expected.out"), encoding: .utf8)
    let out = try KernelHarness.build(
      dir, name: name, flags: ["-std=c++17", "-O1", "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"])
    #expect(out == expected)
  }

  @Test(arguments: strategies)
  func decisionsStayThoseOfTheDoubleInterpreter(name: String) throws {
    let (plan, dir) = try Self.kernel(name)
    try? FileManager.default.removeItem(at: dir)
    let comparison = HLSComparison.run(plan, TickFile.synthetic(plan))
    #expect(comparison.doubleDecisions > 0)
    #expect(comparison.differingSteps.isEmpty, "\(comparison.text)")
  }

  @Test func theKernelFollowsVitisConventions() throws {
    let (_, dir) = try Self.kernel("pairs")
    defer { try? FileManager.default.removeItem(at: dir) }
    let cpp = try String(contentsOf: dir.appendingPathComponent("pairs.cpp"), encoding: .utf8)
    let h = try String(contentsOf: dir.appendingPathComponent("pairs.h"), encoding: .utf8)
    for pragma in ["INTERFACE axis port=in", "INTERFACE axis port=out", "INTERFACE ap_ctrl_none port=return", "PIPELINE II=1"] {
      #expect(cpp.contains("#pragma HLS \(pragma)"))
    }
    #expect(cpp.contains("ARRAY_PARTITION"))
    for banned in ["double", "float", "new ", "malloc", "std::", "#include <"] {
      #expect(!cpp.contains(banned) && !h.contains(banned), "the kernel must not use `\(banned)`")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(files == ["README.md", "expected.out", "pairs.cpp", "pairs.h", "pairs_tb.cpp", "report.txt", "shim", "ticks.csv"])
  }
}
