// libFuzzer entry point: journal recovery (segment header, records, torn tail, reopen and append).
// The work is JournalFuzzTarget (in StratJournal), which the corpus replay test calls too.
// Typed errors are the expected outcome for bad input; any trap or sanitizer report is a bug.
@testable import StratJournal

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let ids = JournalFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
  // An internal error is the journal's bug, not the input's: report it as a crash.
  if let bug = ids.first(where: { $0.hasPrefix("internal.") }) {
    fatalError("internal error: \(bug)")
  }
  return 0
}
