// libFuzzer entry point: FIX bytes as a TCP stream into an acceptor session (framer, parser,
// dictionary validation, session layer). The work is FIXFuzzTarget (in StratFIX), which the
// corpus replay test calls too. Any trap or sanitizer report is a bug.
@testable import StratFIX

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = FIXFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}
