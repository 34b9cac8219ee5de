internal import CLLVM
import StratABI
import StratIR
import StratNative

/// Compiles a strategy in process with ORC LLJIT, for the host CPU: the module of `LLVMText`,
/// optimised by `LLVMModuleBuilder`, added to a fresh LLJIT; its descriptor read through
/// `stratc_strategy_v1` exactly as a loaded object's is. The instance owns the JIT, which owns
/// the code; `NativeCode` keeps it alive.
final class JITCompiler {
  private let jit: LLVMOrcLLJITRef

  /// Compiles `text` and returns its code; throws with LLVM's message when any stage refuses it.
  static func compile(text: String, name: String, pipeline: String) throws(NativeCompileError) -> NativeCode {
    let compiler = try JITCompiler(text: text, name: name, pipeline: pipeline)
    var address: LLVMOrcExecutorAddress = 0
    if let error = LLVMOrcLLJITLookup(compiler.jit, &address, ObjectMetadata.entrySymbol) {
      throw .jit(LLVMSupport.consume(error))
    }
    do {
      return try NativeCode(entry: UnsafeRawPointer(bitPattern: UInt(address))!, owner: compiler)
    } catch {
      throw .jit(error.description)
    }
  }

  private init(text: String, name: String, pipeline: String) throws(NativeCompileError) {
    let builder = try LLVMModuleBuilder(text: text, name: name, target: try TargetMachine(.host), pipeline: pipeline)
    var created: LLVMOrcLLJITRef?
    if let error = LLVMOrcCreateLLJIT(&created, nil) { throw .jit(LLVMSupport.consume(error)) }
    jit = created!
    var generator: LLVMOrcDefinitionGeneratorRef?
    // libm's log and exp resolve to the process's own, the interpreter's.
    if let error = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
      &generator, LLVMOrcLLJITGetGlobalPrefix(jit), nil, nil)
    {
      LLVMOrcDisposeLLJIT(jit)
      throw .jit(LLVMSupport.consume(error))
    }
    let dylib = LLVMOrcLLJITGetMainJITDylib(jit)
    LLVMOrcJITDylibAddGenerator(dylib, generator)
    let threadSafe = LLVMOrcCreateNewThreadSafeModule(builder.take(), builder.context)
    if let error = LLVMOrcLLJITAddLLVMIRModule(jit, dylib, threadSafe) {
      LLVMOrcDisposeLLJIT(jit)
      throw .jit(LLVMSupport.consume(error))
    }
  }

  deinit { LLVMOrcDisposeLLJIT(jit) }
}
