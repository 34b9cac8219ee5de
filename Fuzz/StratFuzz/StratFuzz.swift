// libFuzzer entry point: the .strat front end: lex, parse, check, lower, verify, optimise.
// The work is StratFuzzTarget (in StratSema), which the corpus replay test calls too.
// Thrown diagnostics are the expected outcome for bad input; any trap or sanitizer report is a bug.
@testable import StratSema

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let ids = StratFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
  // An internal error is the compiler's bug (exit 3), not the input's: report it as a crash.
  if let bug = ids.first(where: { $0.hasPrefix("internal.") }) {
    fatalError("internal error: \(bug)")
  }
  return 0
}
