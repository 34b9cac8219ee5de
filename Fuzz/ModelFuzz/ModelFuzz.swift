// libFuzzer entry point: the XGBoost JSON and LightGBM text model readers.
// The work is ModelFuzzTarget (in StratModels), which the corpus replay test calls too.
// A refused file is the expected outcome for bad input; any trap or sanitizer report is a bug.
@testable import StratModels

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = ModelFuzzTarget.run(UnsafeRawBufferPointer(start: data, count: size))
  return 0
}
