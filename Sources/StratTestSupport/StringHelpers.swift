// Small text helpers the run cases' parsers and the filetests share.

extension StringProtocol {
  /// The text after `prefix`, or nil when it does not start with it.
  public func dropPrefix(_ prefix: String) -> String? {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
  }

  /// The text without a trailing carriage return.
  public func trimmingTrailingCarriageReturn() -> String {
    hasSuffix("\r") ? String(dropLast()) : String(self)
  }

  /// The text without leading and trailing characters from `set`.
  public func trimming(_ set: String) -> String {
    let characters = Set(set)
    var slice = Substring(self)
    while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
    return String(slice)
  }
}
