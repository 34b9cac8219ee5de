import StratDiagnostics

/// The one definition of what a symbol may be, wherever it comes from (`--data SYMBOL=`, a file
/// name imported, a CSV symbol column, an ITCH stock directory, a tick-file header): 1 to 32 bytes of
/// ASCII letters, digits and `. - _ ^ + = * # $ @ & % ~ :`, not starting with `.`.
///
/// The punctuation covers NASDAQ's suffixes (`- . * + = ^` all occur in the stock directory of
/// the real ITCH sample, e.g. `ALL-A*`) and vendor forms (`BTC-USD`, `^GSPC`, `BINANCE:BTCUSDT`).
/// A symbol names a folder of the tick store (`STORE/SYMBOL/DAY.tick`), so it must never be
/// able to climb out of it (`../x`, `/etc`), hide (`.x`), or carry spaces, commas or controls
/// into a path or a CSV row.
public enum MarketSymbol {
  /// The longest symbol in bytes (the tick header's symbol field).
  public static let maximumLength = 32
  /// The punctuation allowed besides letters and digits.
  public static let punctuation = Set(".-_^+=*#$@&%~:".utf8)
  /// The rule in words, for messages and documentation.
  public static let rule =
    "1 to 32 ASCII letters, digits or `. - _ ^ + = * # $ @ & % ~ :`, not starting with `.`"

  /// True when `symbol` follows the rule.
  public static func isValid(_ symbol: String) -> Bool {
    let bytes = symbol.utf8
    guard let first = bytes.first, first != 0x2E, bytes.count <= maximumLength else { return false }
    return bytes.allSatisfy(isAllowed)
  }

  /// True for one byte the rule allows.
  @inline(__always)
  static func isAllowed(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    default: return punctuation.contains(byte)
    }
  }

  /// Nil when `symbol` is valid, else the `data.source.bad-symbol` diagnostic; `from` says where
  /// the symbol came from ("the symbol column", "--data").
  public static func check(_ symbol: String, from: String, at location: DataLocation? = nil)
    -> Diagnostic?
  {
    guard !isValid(symbol) else { return nil }
    let bytes = Array(symbol.utf8)
    let shown =
      bytes.isEmpty
      ? "an empty symbol" : bytes.withUnsafeBufferPointer { ByteText.quoted($0.baseAddress!, 0, $0.count) }
    let message = "expected a symbol of \(rule) in \(from); found \(shown)"
    let notes = ["a symbol names a folder of the tick store, so it may never be a path"]
    guard let location else { return Diagnostic(id: "data.source.bad-symbol", message: message, notes: notes) }
    return Diagnostic(id: "data.source.bad-symbol", message: message, at: location, notes: notes)
  }
}
