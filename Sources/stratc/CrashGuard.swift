#if canImport(Glibc)
  import Glibc
#endif

/// Turns a trap inside the compiler into exit status 3 with a message, never a bare signal,
/// so that scripts can tell "the compiler has a bug" from "my strategy is wrong". The handler
/// runs on its own stack, so that even a stack overflow is reported this way.
enum CrashGuard {
  static func install() {
    #if canImport(Glibc)
      let size = 1 << 16
      var alternate = stack_t()
      alternate.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
      alternate.ss_size = size
      alternate.ss_flags = 0
      sigaltstack(&alternate, nil)
      for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
          let message =
            "stratc: internal error: the compiler crashed; please report this with the input that caused it\n"
          _ = message.withCString { write(2, $0, strlen($0)) }
          _exit(3)
        }
        action.sa_flags = Int32(SA_ONSTACK)
        sigaction(sig, &action, nil)
      }
    #endif
  }
}
