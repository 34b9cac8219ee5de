// libFuzzer entry point: the engine's configuration file (TOML subset, then the schema).
// The work is ConfigFuzzTarget (in StratEngine/Config), which the corpus replay test calls too.
// Diagnostics are the expected outcome for bad input; any trap or sanitizer report is a bug.
@testable import StratEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let ids = ConfigFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
  if let bug = ids.first(where: { $0.hasPrefix("internal.") }) {
    fatalError("internal error: \(bug)")
  }
  return 0
}
