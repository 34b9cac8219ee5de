import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratNative

/// What the rest of stratc uses of LLVM: a strategy's IR to native code, in process (JIT) or as
/// a shared object (AOT), both from one LLVM module text so that they compute the same thing.
public enum NativeBackend {
  /// The new pass manager's pipeline every compile uses.
  public static let defaultPipeline = "default<O2>"

  /// The compiler version recorded in objects: stratc's and LLVM's.
  public static var compilerVersion: String {
    String(StratcVersion.text.dropLast()) + ", LLVM \(LLVMSupport.version))"
  }

  /// The metadata a compile of `module` records.
  public static func metadata(_ module: IRModule, sourceHash: String, cpu: String) -> ObjectMetadata {
    ObjectMetadata(
      abiVersion: ObjectMetadata.abiVersion, name: module.name, compiler: compilerVersion,
      sourceHash: sourceHash, codeHash: module.codeHash, cpu: cpu)
  }

  /// The LLVM module text of `module`, as the JIT and AOT compile it (`stratc ir --llvm`).
  public static func llvmText(_ module: IRModule, sourceHash: String = "", cpu: String = "host") throws(NativeCompileError) -> String {
    try check(module)
    return LLVMText.module(module, metadata: metadata(module, sourceHash: sourceHash, cpu: cpu))
  }

  /// Compiles `module` in process for this CPU.
  public static func jit(_ module: IRModule, sourceHash: String = "", pipeline: String = defaultPipeline) throws(NativeCompileError) -> NativeCode {
    try JITCompiler.compile(text: llvmText(module, sourceHash: sourceHash, cpu: "host"), name: module.name, pipeline: pipeline)
  }

  /// Compiles `module` into a shared object at `path`; returns the metadata it carries.
  @discardableResult
  public static func buildObject(
    _ module: IRModule, sourceHash: String, cpu: TargetCPU, to path: String, pipeline: String = defaultPipeline
  ) throws(NativeCompileError) -> ObjectMetadata {
    let machine = try TargetMachine(cpu)
    try check(module)
    let metadata = metadata(module, sourceHash: sourceHash, cpu: machine.cpu)
    try AOTCompiler.build(
      text: LLVMText.module(module, metadata: metadata), name: module.name, target: machine, pipeline: pipeline, to: path)
    return metadata
  }

  /// Compiles `module` ahead of time and loads the object as `stratc backtest --backend aot`
  /// does: built into a private directory, checked and loaded like any object, then deleted
  /// (the mapping stays).
  public static func aot(_ module: IRModule, sourceHash: String = "", cpu: TargetCPU = .host) throws -> NativeCode {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratc-aot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("\(module.name).so").path
    try buildObject(module, sourceHash: sourceHash, cpu: cpu, to: path)
    return try StrategyObject.load(path: path, expecting: .init(sourceHash: sourceHash, codeHash: module.codeHash))
  }

  /// The text writer trusts the IR; anything the verifier rejects is refused here first.
  static func check(_ module: IRModule) throws(NativeCompileError) {
    let errors = IRVerifier.verify(module).filter { $0.severity == .error }
    guard errors.isEmpty else {
      throw .invalidIR(errors.prefix(3).map(\.message).joined(separator: "; "))
    }
  }
}
