// libFuzzer entry point: feeds each input to the ITCH framing reader (both policies), the
// MoldUDP64 packet decoder and capture reader, and the gzip inflater. Any trap is a bug; thrown
// MarketDataErrors are the expected outcome for bad input.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func itchFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let input = UnsafeRawBufferPointer(start: data, count: size)
  ITCHFuzzTarget.run(input)
  return 0
}
