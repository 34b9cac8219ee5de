#if canImport(Glibc)
  import Glibc
#endif

/// Turns a trap inside the compiler into exit status 3 with a message, never a bare signal,
/// so that scripts can tell "the compiler has a bug" from "my strategy is wrong".
enum CrashGuard {
  static func install() {
    #if canImport(Glibc)
      for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
        signal(sig) { _ in
          let message = "stratc: internal error: the compiler crashed; please report this with the input that caused it\n"
          _ = message.withCString { write(2, $0, strlen($0)) }
          _exit(3)
        }
      }
    #endif
  }
}
