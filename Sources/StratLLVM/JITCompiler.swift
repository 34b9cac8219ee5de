internal import CLLVM
import Foundation
import StratIR

/// Compiles LLVM IR text in process with ORC LLJIT: parse, verify, optimise with the new pass
/// manager (`default<O2>`), add to a fresh LLJIT, and look up the step function. One instance per
/// compiled strategy; it owns the JIT, which owns the code, so the code lives as long as it does.
final class JITCompiler {
  typealias Step = @convention(c) (
    UnsafeMutableRawPointer, UnsafePointer<Double>, UnsafePointer<UInt64>, Int64,
    UnsafeMutableRawPointer
  ) -> Int64

  private let jit: LLVMOrcLLJITRef
  let step: Step

  /// Compiles `text`; throws `JITError` with LLVM's message when any stage refuses it.
  init(text: String, name: String, pipeline: String = "default<O2>") throws(JITError) {
    Self.initializeTarget()
    let context = LLVMOrcCreateNewThreadSafeContext()!
    defer { LLVMOrcDisposeThreadSafeContext(context) }
    let module = try Self.parse(text, name: name, in: LLVMOrcThreadSafeContextGetContext(context))
    var message: UnsafeMutablePointer<CChar>?
    if LLVMVerifyModule(module, LLVMReturnStatusAction, &message) != 0 {
      defer { LLVMDisposeMessage(message) }
      LLVMDisposeModule(module)
      throw .verifier(message.map { String(cString: $0) } ?? "")
    }
    LLVMDisposeMessage(message)
    let options = LLVMCreatePassBuilderOptions()
    defer { LLVMDisposePassBuilderOptions(options) }
    if let error = LLVMRunPasses(module, pipeline, nil, options) {
      LLVMDisposeModule(module)
      throw .passes(Self.consume(error))
    }
    var created: LLVMOrcLLJITRef?
    if let error = LLVMOrcCreateLLJIT(&created, nil) {
      LLVMDisposeModule(module)
      throw .jit(Self.consume(error))
    }
    jit = created!
    let dylib = LLVMOrcLLJITGetMainJITDylib(jit)
    var generator: LLVMOrcDefinitionGeneratorRef?
    if let error = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
      &generator, LLVMOrcLLJITGetGlobalPrefix(jit), nil, nil)
    {
      LLVMDisposeModule(module)
      LLVMOrcDisposeLLJIT(jit)
      throw .jit(Self.consume(error))
    }
    LLVMOrcJITDylibAddGenerator(dylib, generator)
    let threadSafe = LLVMOrcCreateNewThreadSafeModule(module, context)
    if let error = LLVMOrcLLJITAddLLVMIRModule(jit, dylib, threadSafe) {
      LLVMOrcDisposeThreadSafeModule(threadSafe)
      LLVMOrcDisposeLLJIT(jit)
      throw .jit(Self.consume(error))
    }
    var address: LLVMOrcExecutorAddress = 0
    if let error = LLVMOrcLLJITLookup(jit, &address, "stratc_step") {
      LLVMOrcDisposeLLJIT(jit)
      throw .jit(Self.consume(error))
    }
    step = unsafeBitCast(UnsafeRawPointer(bitPattern: UInt(address))!, to: Step.self)
  }

  deinit { LLVMOrcDisposeLLJIT(jit) }

  private static func parse(_ text: String, name: String, in context: LLVMContextRef?)
    throws(JITError) -> LLVMModuleRef
  {
    let bytes = Array(text.utf8)
    let buffer = bytes.withUnsafeBufferPointer { b in
      b.withMemoryRebound(to: CChar.self) {
        LLVMCreateMemoryBufferWithMemoryRangeCopy($0.baseAddress, $0.count, name)
      }
    }
    var module: LLVMModuleRef?
    var message: UnsafeMutablePointer<CChar>?
    // LLVMParseIRInContext takes ownership of the buffer.
    if LLVMParseIRInContext(context, buffer, &module, &message) != 0 {
      defer { LLVMDisposeMessage(message) }
      throw .parse(message.map { String(cString: $0) } ?? "")
    }
    return module!
  }

  private static func consume(_ error: LLVMErrorRef) -> String {
    let message = LLVMGetErrorMessage(error)
    defer { LLVMDisposeErrorMessage(message) }
    return message.map { String(cString: $0) } ?? "unknown LLVM error"
  }

  private static let targetReady: Bool = {
    LLVMInitializeNativeTarget()
    LLVMInitializeNativeAsmPrinter()
    return true
  }()

  private static func initializeTarget() { _ = targetReady }
}

/// Why LLVM refused a module: a compiler bug when it happens, reported with LLVM's own words.
public enum JITError: Error, CustomStringConvertible {
  case parse(String), verifier(String), passes(String), jit(String)

  public var description: String {
    switch self {
    case .parse(let m): "LLVM could not parse the generated IR: \(m)"
    case .verifier(let m): "LLVM's verifier rejected the generated IR: \(m)"
    case .passes(let m): "LLVM's optimiser failed: \(m)"
    case .jit(let m): "the LLVM JIT failed: \(m)"
    }
  }
}
