import StratHLS
import StratSema
import Testing

/// `cases/hls/*.strat`: the HLS kernel stratc emits (Docs/HLS.md), against goldens beside the
/// case: `NAME.h` (ports, slot table, the math helpers), `NAME.cpp` (the kernel), `NAME.tb.cpp`
/// (the testbench) and `NAME.report` (formats, state, error bounds). That the kernel builds
/// and prints hls-sim's output is StratHLSTests'; this pins what the emitter writes.
@Suite struct HLSFiletests {
  static let cases = Corpus.cases("hls")

  @Test(arguments: cases)
  func kernelMatchesGolden(_ test: Filetest) throws {
    let directives = CaseDirectives(text: try test.text())
    directives.requireStage("hls", in: test)
    let source = try test.sourceFile()
    let result = Compiler.compile(source, params: directives.params, optimize: true)
    guard let module = result.module, !result.hasErrors else {
      Issue.record("\(test): does not compile")
      return
    }
    let plan: KernelPlan
    switch KernelPlanner.plan(module, path: test.testDescription, source: source) {
    case .success(let p): plan = p
    case .failure(let refusal):
      Issue.record("\(test): refused: \(refusal.diagnostics.map(\.message))")
      return
    }
    let emitter = KernelEmitter(plan: plan)
    Golden.check(emitter.header(source: test.testDescription), against: test.companion("h"), for: test)
    Golden.check(emitter.kernel(), against: test.companion("cpp"), for: test)
    Golden.check(emitter.testbench(), against: test.companion("tb.cpp"), for: test)
    Golden.check(KernelReport(plan: plan).text, against: test.companion("report"), for: test)
  }
}
