/// Renders raw bytes from a data file for a message: at most `limit` bytes, invalid UTF-8
/// repaired, control characters escaped, so that no input can break a diagnostic line.
enum ByteText {
  /// Returns the bytes `start..<end` of `p` quoted in backticks, e.g. `` `null` ``.
  static func quoted(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, limit: Int = 40) -> String
  {
    guard end > start else { return "an empty field" }
    let stop = min(end, start + limit)
    let text = String(
      decoding: UnsafeBufferPointer(start: p + start, count: stop - start),
      as: UTF8.self
    )
    var out = "`"
    for scalar in text.unicodeScalars {
      if scalar.value < 0x20 || scalar.value == 0x7F {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    out += stop < end ? "…`" : "`"
    return out
  }
}
