internal import CLLVM
import StratIR

/// The steps JIT and AOT share: parse the generated text, verify it, optimise it with the new
/// pass manager for the chosen target. Owns the context and module until `take()` hands them on.
final class LLVMModuleBuilder {
  let context: LLVMOrcThreadSafeContextRef
  private(set) var module: LLVMModuleRef?

  /// Parses, verifies and optimises `text` for `target`.
  init(text: String, name: String, target: TargetMachine, pipeline: String) throws(NativeCompileError) {
    LLVMTargets.initialize()
    context = LLVMOrcCreateNewThreadSafeContext()
    let parsed = try Self.parse(text, name: name, in: LLVMOrcThreadSafeContextGetContext(context))
    module = parsed
    var message: UnsafeMutablePointer<CChar>?
    if LLVMVerifyModule(parsed, LLVMReturnStatusAction, &message) != 0 {
      defer { LLVMDisposeMessage(message) }
      throw .verifier(message.map { String(cString: $0) } ?? "")
    }
    LLVMDisposeMessage(message)
    LLVMSetTarget(parsed, target.triple)
    let layout = LLVMCreateTargetDataLayout(target.machine)
    LLVMSetModuleDataLayout(parsed, layout)
    LLVMDisposeTargetData(layout)
    let options = LLVMCreatePassBuilderOptions()
    defer { LLVMDisposePassBuilderOptions(options) }
    if let error = LLVMRunPasses(parsed, pipeline, target.machine, options) {
      throw .passes(LLVMSupport.consume(error))
    }
  }

  /// Hands the module to a new owner (ORC); the builder then disposes only the context handle.
  func take() -> LLVMModuleRef? {
    defer { module = nil }
    return module
  }

  deinit {
    if let module { LLVMDisposeModule(module) }
    LLVMOrcDisposeThreadSafeContext(context)
  }

  private static func parse(_ text: String, name: String, in context: LLVMContextRef?)
    throws(NativeCompileError) -> LLVMModuleRef
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
}

/// LLVM error text and the library version.
enum LLVMSupport {
  static func consume(_ error: LLVMErrorRef) -> String {
    let message = LLVMGetErrorMessage(error)
    defer { LLVMDisposeErrorMessage(message) }
    return message.map { String(cString: $0) } ?? "unknown LLVM error"
  }

  /// The LLVM library's version, "19.1.7".
  static var version: String {
    var (major, minor, patch): (UInt32, UInt32, UInt32) = (0, 0, 0)
    LLVMGetVersion(&major, &minor, &patch)
    return "\(major).\(minor).\(patch)"
  }
}

enum LLVMTargets {
  private static let ready: Bool = {
    LLVMInitializeNativeTarget()
    LLVMInitializeNativeAsmPrinter()
    return true
  }()

  static func initialize() { _ = ready }
}

/// Why LLVM refused a module, or the object could not be written: a compiler bug for the first
/// five (reported with LLVM's own words), a missing tool or a full disk for the last two.
public enum NativeCompileError: Error, CustomStringConvertible {
  case invalidIR(String), parse(String), verifier(String), passes(String), jit(String)
  case emit(String), link(String)

  /// True when stratc itself is at fault (exit 3); false for the machine's (exit 1).
  public var isCompilerBug: Bool {
    switch self {
    case .emit, .link: false
    default: true
    }
  }

  public var description: String {
    switch self {
    case .invalidIR(let m): "the IR given to the LLVM backend is invalid: \(m)"
    case .parse(let m): "LLVM could not parse the generated IR: \(m)"
    case .verifier(let m): "LLVM's verifier rejected the generated IR: \(m)"
    case .passes(let m): "LLVM's optimiser failed: \(m)"
    case .jit(let m): "the LLVM JIT failed: \(m)"
    case .emit(let m): "could not write the object file: \(m)"
    case .link(let m): "could not link the shared object: \(m)"
    }
  }
}
