#if canImport(Glibc)
  import Glibc
#endif
import StratDiagnostics

/// Turns a trap inside the compiler into exit status 3 with a message, never a bare signal,
/// so that scripts can tell "the compiler has a bug" from "my strategy is wrong". The message
/// names the signal and what usually raises it, in the form `--diagnostics` asked for. The
/// handler runs on its own stack, so that even a stack overflow is reported this way; it only
/// writes bytes rendered before anything could crash (nothing else is safe in a handler).
enum CrashGuard {
  static let signals: [(number: Int32, cause: String)] = [
    (SIGILL, "SIGILL: a Swift runtime check failed (arithmetic overflow, an index out of range or a broken precondition)"),
    (SIGTRAP, "SIGTRAP: a Swift runtime check failed (arithmetic overflow, an index out of range or a broken precondition)"),
    (SIGSEGV, "SIGSEGV: an invalid memory access, or a stack overflow"),
    (SIGBUS, "SIGBUS: an invalid memory access (a memory-mapped file shrank or a misaligned access)"),
    (SIGFPE, "SIGFPE: an integer division by zero or overflow"),
    (SIGABRT, "SIGABRT: the process aborted (a fatal error in the Swift runtime or a library)"),
  ]

  static func install(arguments: [String]) {
    #if canImport(Glibc)
      let json = Output(arguments: arguments).format == .json
      for (number, cause) in signals {
        crashMessages[Int(number)] = strdup(render(cause, json: json))
      }
      let size = 1 << 16
      var alternate = stack_t()
      alternate.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
      alternate.ss_size = size
      alternate.ss_flags = 0
      sigaltstack(&alternate, nil)
      for (number, _) in signals {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { number in
          let index = Int(number)
          if index >= 0, index < crashMessages.count, let message = crashMessages[index] {
            _ = write(2, message, strlen(message))
          }
          _exit(3)
        }
        action.sa_flags = Int32(SA_ONSTACK)
        sigaction(number, &action, nil)
      }
    #endif
  }

  /// The whole message for one cause, as text or as one JSON diagnostic line.
  static func render(_ cause: String, json: Bool) -> String {
    let diagnostic = Diagnostic(
      id: "internal.crash", message: "stratc crashed (\(cause))",
      notes: ["this is a bug in stratc, not in your input; please report it with the input that caused it"])
    return json ? DiagnosticRenderer.json(diagnostic) + "\n" : DiagnosticRenderer.text(diagnostic)
  }
}

/// Messages by signal number, written once before any handler can run.
nonisolated(unsafe) private var crashMessages = [UnsafeMutablePointer<CChar>?](repeating: nil, count: 65)
