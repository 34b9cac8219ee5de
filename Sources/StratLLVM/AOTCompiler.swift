internal import CLLVM
import Foundation
import StratIR
import StratNative

/// Compiles a strategy ahead of time into a shared object implementing `include/stratc.h`: the
/// module of `LLVMText`, optimised for the chosen CPU, emitted as a position-independent object
/// file and linked by the system's C compiler (`cc -shared`, against libm only).
enum AOTCompiler {
  /// Writes the shared object to `path` (atomically: a temporary file, then a rename).
  static func build(text: String, name: String, target: TargetMachine, pipeline: String, to path: String) throws(NativeCompileError) {
    let builder = try LLVMModuleBuilder(text: text, name: name, target: target, pipeline: pipeline)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stratc-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    } catch {
      throw .emit("cannot create \(scratch.path): \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: scratch) }
    let object = scratch.appendingPathComponent("\(name).o").path
    var message: UnsafeMutablePointer<CChar>?
    if LLVMTargetMachineEmitToFile(target.machine, builder.module, object, LLVMObjectFile, &message) != 0 {
      defer { LLVMDisposeMessage(message) }
      throw .emit(message.map { String(cString: $0) } ?? object)
    }
    let linked = scratch.appendingPathComponent("\(name).so").path
    try link(object: object, to: linked)
    do {
      if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
      try FileManager.default.moveItem(atPath: linked, toPath: path)
    } catch {
      throw .emit("cannot write \(path): \(error.localizedDescription)")
    }
  }

  /// `cc -shared -o OUT OBJECT -lm`; the C compiler is the one thing AOT needs besides LLVM.
  static func link(object: String, to output: String) throws(NativeCompileError) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["cc", "-shared", "-o", output, object, "-lm"]
    let errors = Pipe()
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw .link("cannot run cc (install a C compiler: apt-get install -y gcc): \(error.localizedDescription)")
    }
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let hint = process.terminationStatus == 127 ? " (no C compiler found: apt-get install -y gcc)" : ""
      throw .link("cc exited with status \(process.terminationStatus)\(hint): \(text)")
    }
  }
}
