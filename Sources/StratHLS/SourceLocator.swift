import StratDiagnostics

/// Finds where in the source an IR value or slot comes from, so a refusal points at the line a
/// quant wrote: `%z` at `let z`, `%s.bid_size_1` at `s.bid_size_1`, `$spread.window20` at
/// `let spread`. Temporaries (`%t12`) have no name in the source; their refusals name the file.
struct SourceLocator {
  let file: SourceFile

  /// The span of the name's definition or first use, outside comments.
  func span(of irName: String) -> SourceSpan? {
    let base = Self.sourceName(irName)
    guard !base.isEmpty, !Self.isTemporary(base) else { return nil }
    let candidates = base.contains(".") ? Self.spellings(base) : ["let \(base)", "param \(base)", "var \(base)", base]
    for needle in candidates {
      if let start = find(needle) {
        let offset = needle.hasSuffix(base) ? needle.utf8.count - base.utf8.count : 0
        return SourceSpan(file: file, start: start + offset, end: start + needle.utf8.count)
      }
    }
    return nil
  }

  /// `$spread.window20` → `spread`; `%fire.1` → `fire`; `x.close` stays.
  static func sourceName(_ name: String) -> String {
    var parts = name.split(separator: ".").map(String.init)
    if let last = parts.last, parts.count > 1, last.allSatisfy(\.isNumber) || last.hasPrefix("window")
      || last.hasPrefix("ring") || last.hasPrefix("ema") || last.hasPrefix("pair")
    {
      parts.removeLast()
    }
    return parts.joined(separator: ".")
  }

  /// A field's spellings: `s.ask_price_1` is also written `s.ask_price` and `s.ask`.
  static func spellings(_ field: String) -> [String] {
    var out = [field]
    if field.hasSuffix("_1") { out.append(String(field.dropLast(2))) }
    for side in ["bid", "ask"] where field.hasSuffix(".\(side)_price_1") {
      out.append(String(field.dropLast("_price_1".count)))
    }
    // A deeper level is a function: `s.bid_price_3` is `bid_price(s, 3)`.
    let parts = field.split(separator: ".", maxSplits: 1)
    if parts.count == 2, let cut = parts[1].lastIndex(of: "_") {
      out.append("\(parts[1][..<cut])(\(parts[0]), \(parts[1][parts[1].index(after: cut)...]))")
    }
    return out
  }

  static func isTemporary(_ name: String) -> Bool {
    name.first == "t" && name.dropFirst().allSatisfy(\.isNumber) && name.count > 1
  }

  /// The byte offset of the first whole-word occurrence of `needle` in code (not in a `//` comment).
  func find(_ needle: String) -> Int? {
    let n = Array(needle.utf8)
    for line in 1...file.lineStarts.count {
      let bytes = Array(file.lineBytes(line))
      let code = bytes.firstIndex(of: UInt8(ascii: "/")).flatMap { i in
        i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/") ? i : nil
      } ?? bytes.count
      guard code >= n.count else { continue }
      for i in 0...(code - n.count) where Array(bytes[i..<i + n.count]) == n {
        let before = i == 0 ? UInt8(ascii: " ") : bytes[i - 1]
        let after = i + n.count < bytes.count ? bytes[i + n.count] : UInt8(ascii: " ")
        if !Self.isWordByte(before) && !Self.isWordByte(after) { return file.lineStarts[line - 1] + i }
      }
    }
    return nil
  }

  /// The span of a risk item `word = value…` (not a parameter of that name, `word: T = …`):
  /// the first whole-word `word` in code followed by `=` and, when given, by `value`.
  func riskItem(_ word: String, value: String? = nil) -> SourceSpan? {
    let w = Array(word.utf8)
    for line in 1...file.lineStarts.count {
      let bytes = Array(file.lineBytes(line))
      let code = bytes.firstIndex(of: UInt8(ascii: "/")).flatMap { i in
        i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "/") ? i : nil
      } ?? bytes.count
      guard code >= w.count else { continue }
      for i in 0...(code - w.count) where Array(bytes[i..<i + w.count]) == w {
        guard i == 0 || !Self.isWordByte(bytes[i - 1]) else { continue }
        var j = i + w.count
        while j < code && bytes[j] == UInt8(ascii: " ") { j += 1 }
        guard j < code, bytes[j] == UInt8(ascii: "=") else { continue }
        j += 1
        while j < code && bytes[j] == UInt8(ascii: " ") { j += 1 }
        if let value, !bytes[j..<code].starts(with: Array(value.utf8)) { continue }
        let start = file.lineStarts[line - 1] + i
        return SourceSpan(file: file, start: start, end: start + w.count)
      }
    }
    return nil
  }

  static func isWordByte(_ b: UInt8) -> Bool {
    (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2E
  }
}
