/// The symbol implied by a CSV file name: `AAPL.csv`, `AAPL-trades.csv`, `aapl_quotes.csv.gz`
/// give `AAPL`/`aapl` (the name up to its extensions, less a `-trades`, `_quotes`, `-bars` or
/// `-orders` suffix).
public enum TickCSVFileName {
  /// Returns the symbol for `path` (never empty: `UNKNOWN` for a name with nothing left).
  public static func symbol(path: String) -> String {
    var name = Substring(path.split(separator: "/").last ?? "")
    for ext in [".gz", ".csv", ".txt"] where name.lowercased().hasSuffix(ext) {
      name = name.dropLast(ext.count)
    }
    let lower = name.lowercased()
    for word in ["trades", "quotes", "bars", "orders", "trade", "quote", "tick", "ticks"] {
      for separator in ["-", "_", "."] where lower.hasSuffix(separator + word) {
        name = name.dropLast(word.count + 1)
        return name.isEmpty ? "UNKNOWN" : String(name)
      }
    }
    return name.isEmpty ? "UNKNOWN" : String(name)
  }
}
