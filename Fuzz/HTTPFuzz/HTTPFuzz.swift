// libFuzzer entry point: the control server's HTTP/1.1 request parser and the client's response
// parser. The work is HTTPFuzzTarget (in StratNet), which the corpus replay test calls too.
// Refusals (4xx ids) are the expected outcome for bad input; any trap or sanitizer report is a bug.
@testable import StratNet

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let ids = HTTPFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
  if let bug = ids.first(where: { $0.hasPrefix("internal.") }) {
    fatalError("internal error: \(bug)")
  }
  return 0
}
