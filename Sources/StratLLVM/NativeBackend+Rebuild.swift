internal import CLLVM
import Foundation
import StratABI
import StratIR
import StratNative

extension NativeBackend {
  /// The bytes `stratc build` writes for `module` with the values an object records (its
  /// parameter values and instrument symbols, which the code reads at run time) for the CPU it
  /// records: builds are reproducible, so a genuine object of this source equals them byte for
  /// byte. Nil when this machine cannot build for that CPU (a host build from another machine).
  public static func rebuild(_ module: IRModule, like object: ObjectDescription, sourceHash: String)
    throws(NativeCompileError) -> [UInt8]?
  {
    guard let cpu = recordedCPU(object.metadata.cpu) else { return nil }
    var module = module
    for (index, param) in module.params.enumerated() {
      guard let recorded = object.interface.params.first(where: { $0.name == param.name }) else {
        continue
      }
      module.params[index].value = recorded.constant(like: param.value)
    }
    for (index, instrument) in module.instruments.enumerated() {
      if let recorded = object.interface.instruments.first(where: { $0.name == instrument.name }) {
        module.instruments[index].symbol = recorded.symbol
      }
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "stratc-rebuild-\(UUID().uuidString)"
    )
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw .emit("cannot create \(directory.path): \(error.localizedDescription)")
    }
    let path = directory.appendingPathComponent("\(module.name).so").path
    try buildObject(module, sourceHash: sourceHash, cpu: cpu, to: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .emit("cannot read back \(path)")
    }
    return [UInt8](data)
  }

  /// The `--cpu` choice that records `name`: generic, a named level, or this machine's CPU.
  static func recordedCPU(_ name: String) -> TargetCPU? {
    if let choice = TargetCPU(name), choice != .host { return choice }
    if name == "generic" { return .generic }
    let host = LLVMGetHostCPUName()!
    defer { LLVMDisposeMessage(host) }
    return String(cString: host) == name ? .host : nil
  }
}

extension ParameterInfo {
  /// This value as a constant of `model`'s type.
  func constant(like model: IRConstant) -> IRConstant {
    switch model {
    case .i64: .i64(integer ?? Int64(value))
    case .f64: .f64(value)
    case .bool: .bool(value != 0)
    }
  }
}
