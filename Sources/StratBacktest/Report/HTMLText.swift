import StratRuntime
import StratMarket

/// Escaping and number text for the HTML report. Every piece of text that comes from a user
/// (strategy, instrument and symbol names, paths) goes through `escaped`, so a name such as
/// `<script>` shows as text and never becomes markup.
enum HTMLText {
  /// `text` with `& < > " '` replaced by entities, safe in element content and quoted attributes.
  static func escaped(_ text: String) -> String {
    guard text.utf8.contains(where: { isSpecial($0) }) else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// True for the bytes that `escaped` replaces.
  private static func isSpecial(_ byte: UInt8) -> Bool {
    byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
  }

  /// `value` with one decimal (an SVG coordinate), without Foundation's locale-dependent
  /// formatting: the same Double always gives the same text.
  static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let tenths = Int64((value * 10).rounded(.toNearestOrAwayFromZero))
    let sign = tenths < 0 ? "-" : ""
    let magnitude = tenths.magnitude
    let fraction = magnitude % 10
    return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
  }

  /// A tick label: `value` rounded to `decimals` places (`-1500`, `0.25`).
  static func number(_ value: Double, decimals: Int) -> String {
    var buffer = TextBuffer(capacity: 24)
    buffer.append(value, decimals: decimals)
    return buffer.text
  }
}
