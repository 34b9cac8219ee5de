package extension Int64 {
  /// |self|, with Int64.min mapped to Int64.max.
  @inline(__always)
  var magnitudeOrMax: Int64 { self == .min ? .max : Swift.abs(self) }
}
