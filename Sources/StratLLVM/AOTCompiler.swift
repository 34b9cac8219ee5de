internal import CLLVM
import Foundation
import StratDiagnostics
import StratIR

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
      throw .emit("cannot create \(scratch.path): \(SystemErrorText.describe(error))")
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
    try install(linked, at: path)
  }

  /// Puts the linked object at `path`: copied next to it, then renamed over it, so a reader
  /// sees the old object or the new one. rename(2) replaces only a file: a folder at `path` is
  /// refused, never removed.
  static func install(_ linked: String, at path: String) throws(NativeCompileError) {
    let folder = (path as NSString).deletingLastPathComponent
    let staging = (folder.isEmpty ? "." : folder) + "/.stratc-\(UUID().uuidString).so"
    do {
      try FileManager.default.copyItem(atPath: linked, toPath: staging)
    } catch {
      throw .emit("cannot write \(path): \(SystemErrorText.describe(error))")
    }
    guard rename(staging, path) == 0 else {
      let reason = SystemErrorText.reason(errno: errno)
      unlink(staging)
      throw .emit("cannot write \(path): \(reason)")
    }
  }

  /// `cc -shared -o OUT OBJECT -lm`; the C compiler is the one thing AOT needs besides LLVM.
  /// Spawned with posix_spawn and reaped with waitpid: Foundation's `Process` polls for the
  /// child's exit and added up to 50 ms to a 20 ms build.
  static func link(object: String, to output: String) throws(NativeCompileError) {
    let messages = output + ".cc-errors"
    defer { unlink(messages) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 2, messages, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let arguments = ["cc", "-shared", "-o", output, object, "-lm"]
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var child: pid_t = 0
    let spawned = posix_spawnp(&child, "cc", &actions, nil, &argv, environ)
    guard spawned == 0 else {
      throw .link("cannot run cc (\(String(cString: strerror(spawned)))): install a C compiler: apt-get install -y gcc")
    }
    var status: Int32 = 0
    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
    let exited = status & 0x7F == 0
    let code = (status >> 8) & 0xFF
    guard exited && code == 0 else {
      let text = (try? String(contentsOfFile: messages, encoding: .utf8)) ?? ""
      throw .link("cc " + (exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7F)") + ": \(text)")
    }
  }
}
