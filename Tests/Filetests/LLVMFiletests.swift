import StratABI
import StratIR
import StratLLVM
import StratNative
import StratSema
import Testing

/// `cases/llvm/*.strat`: the LLVM module the JIT and AOT compile (`stratc ir --llvm`), for the
/// optimised IR, against the golden `NAME.ll` beside the case. The metadata is fixed here, so
/// that the golden does not change with the LLVM version or the source's hash.
@Suite struct LLVMFiletests {
  static let cases = Corpus.cases("llvm")

  @Test(arguments: cases)
  func llvmModuleMatchesGolden(_ test: Filetest) throws {
    let directives = CaseDirectives(text: try test.text())
    directives.requireStage("llvm", in: test)
    let result = Compiler.compile(try test.sourceFile(), params: directives.params, optimize: true)
    guard let module = result.module, !result.hasErrors else {
      Issue.record("\(test): does not compile")
      return
    }
    let metadata = ObjectMetadata(
      abiVersion: ObjectMetadata.abiVersion, name: module.name, compiler: "stratc (golden)",
      sourceHash: "", codeHash: module.codeHash, cpu: "generic")
    Golden.check(LLVMText.module(module, metadata: metadata), against: test.companion("ll"), for: test)
  }
}
