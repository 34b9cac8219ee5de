internal import CLLVM

/// Which CPU native code is compiled for: `generic` runs on any x86-64 (or AArch64) machine,
/// `host` uses every feature of this one; any LLVM CPU name (`x86-64-v3`) is also accepted.
/// Results are identical either way: no fast-math and no FMA contraction are ever allowed.
public enum TargetCPU: Sendable, Equatable {
  case generic, host
  case named(String)

  /// The CPU names `--cpu` accepts besides `generic` and `host`.
  public static let levels = ["x86-64-v2", "x86-64-v3", "x86-64-v4"]

  /// `generic`, `host` or one of `levels`; nil otherwise (LLVM would only warn and ignore it).
  public init?(_ text: String) {
    switch text {
    case "generic", "x86-64": self = .generic
    case "host", "native": self = .host
    case let level where Self.levels.contains(level): self = .named(level)
    default: return nil
    }
  }
}

/// An LLVM target machine for the host's triple and a chosen CPU, position-independent (so the
/// same code can go into a shared object).
final class TargetMachine {
  let machine: LLVMTargetMachineRef
  let triple: String
  /// The CPU name, as recorded in an object's metadata.
  let cpu: String

  init(_ choice: TargetCPU) throws(NativeCompileError) {
    LLVMTargets.initialize()
    let tripleText = LLVMGetDefaultTargetTriple()!
    defer { LLVMDisposeMessage(tripleText) }
    triple = String(cString: tripleText)
    var features = ""
    switch choice {
    case .generic: cpu = triple.hasPrefix("x86_64") ? "x86-64" : "generic"
    case .named(let name): cpu = name
    case .host:
      let name = LLVMGetHostCPUName()!, hostFeatures = LLVMGetHostCPUFeatures()!
      cpu = String(cString: name)
      features = String(cString: hostFeatures)
      LLVMDisposeMessage(name)
      LLVMDisposeMessage(hostFeatures)
    }
    var target: LLVMTargetRef?
    var message: UnsafeMutablePointer<CChar>?
    if LLVMGetTargetFromTriple(triple, &target, &message) != 0 {
      defer { LLVMDisposeMessage(message) }
      throw .emit(message.map { String(cString: $0) } ?? "no target for \(triple)")
    }
    guard let made = LLVMCreateTargetMachine(
      target, triple, cpu, features, LLVMCodeGenLevelDefault, LLVMRelocPIC, LLVMCodeModelDefault)
    else { throw .emit("LLVM cannot make a target machine for \(triple), CPU \(cpu)") }
    machine = made
  }

  deinit { LLVMDisposeTargetMachine(machine) }
}
