import StratFIX

/// `|`-separated text as FIX bytes.
func fix(_ text: String) -> [UInt8] { Array(text.utf8).map { $0 == UInt8(ascii: "|") ? 1 : $0 } }

/// A message from `|`-separated body fields (from 35 on), with BeginString, BodyLength and
/// CheckSum computed.
func framed(_ body: String, begin: String = "FIX.4.4") -> [UInt8] {
  let bodyBytes = fix(body)
  var bytes = fix("8=\(begin)|9=\(bodyBytes.count)|") + bodyBytes
  let sum = bytes.reduce(0) { ($0 + Int($1)) % 256 }
  bytes += fix("10=\(String(format: "%03d", sum))|")
  return bytes
}

import Foundation

/// Parses `bytes` as one message and hands the view to `body`.
func withView<T>(_ bytes: [UInt8], dictionary: FIXDictionary? = nil, _ body: (Result<FIXMessageView, FIXGarble>) -> T) -> T {
  let table = FIXFieldTable()
  return bytes.withUnsafeBytes { raw in body(table.parse(raw, dataFields: dictionary?.dataFields ?? .none)) }
}
