/// Name suggestions by edit distance, for "unknown name" diagnostics.
public enum Suggestions {
  /// Returns the candidates closest to `name`, best first, within a distance that scales with length.
  public static func closest(to name: String, among candidates: [String], limit: Int = 2) -> [String] {
    let threshold = max(1, name.count / 3)
    let scored = candidates.compactMap { candidate -> (String, Int)? in
      let d = distance(name.lowercased(), candidate.lowercased())
      return d <= threshold ? (candidate, d) : nil
    }
    return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
  }

  /// Levenshtein distance over Unicode scalars.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = previous
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }
}
