import StratDiagnostics
import StratMarket
import Testing

/// The reader may reject any input but must never trap: random bytes, mutated and truncated
/// files, huge lines. Seeds are fixed so that failures reproduce.
@Suite struct BarCSVFuzzTests {
  static let sample = Array(
    ("Date,Open,High,Low,Close,Adj Close,Volume\r\n"
      + "2020-07-27 04:00:00+00:00,181.875,182.77,181.565,182.23,182.23,129744.0\r\n"
      + "2020-07-28 04:00:00+00:00,181.93,184.235,181.45,183.89,183.89,133111.0\r\n"
      + "2020-07-29 04:00:00+00:00,184.035,186.07,182.48,185.095,185.095,156620.0\r\n").utf8
  )

  /// Parses and, on success, checks the invariants the reader promises.
  static func parseChecked(_ bytes: [UInt8]) {
    do throws(Diagnostic) {
      let series = try BarCSVReader.parse(bytes, path: "fuzz.csv", symbol: "F")
      #expect(series.count > 0)
      for i in 0..<series.count {
        #expect(series.low[i] <= series.open[i] && series.open[i] <= series.high[i])
        if i > 0 { #expect(series.times[i - 1] < series.times[i]) }
      }
    } catch {
      #expect(!error.message.isEmpty)
      _ = DiagnosticRenderer.text(error)
    }
  }

  @Test func survivesRandomBytes() {
    var rng = SplitMix64(seed: 0x5EED)
    for _ in 0..<3_000 {
      let length = Int(rng.next() % 300)
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      Self.parseChecked(bytes)
      Self.parseChecked(Array("Date,Open,High,Low,Close\n".utf8) + bytes)
      Self.parseChecked(Array("ts,open,high,low,close,volume\n".utf8) + bytes)
    }
  }

  @Test func survivesEveryTruncation() {
    for length in 0...Self.sample.count {
      Self.parseChecked(Array(Self.sample[0..<length]))
    }
  }

  @Test func survivesMutations() {
    var rng = SplitMix64(seed: 42)
    let alphabet = Array("0123456789.,-+:TZ \r\n\u{0}eE".utf8) + [0xFF, 0xC3, 0xEF, 0xBB, 0xBF]
    for _ in 0..<5_000 {
      var bytes = Self.sample
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: at)
        default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
        }
      }
      Self.parseChecked(bytes)
    }
  }

  @Test func survivesHugeLinesAndInvalidUTF8() {
    let long = [UInt8](repeating: 0x39, count: 200_000)
    Self.parseChecked(Array("Date,Open,High,Low,Close\n2020-01-01,".utf8) + long + [0x0A])
    Self.parseChecked(Array("Date,Open,High,Low,Close\n2020-01-01,1.".utf8) + long + [0x0A])
    Self.parseChecked([0xFF, 0xFE] + Array("Date\n".utf8))
    Self.parseChecked(Array("Da\u{0}te,Open,High,Low,Close\n".utf8) + [0xC3, 0x28])
    Self.parseChecked([UInt8](repeating: 0x2C, count: 100_000))
  }
}
