/// The values one parameter takes in a sweep: an arithmetic range `LO:HI:STEP` or a list
/// `A,B,C`. A range is never materialised: value k is `LO + k × STEP`, computed exactly.
public struct SweepAxis: Sendable, Equatable {
  /// How the values are stored.
  enum Values: Sendable, Equatable {
    /// `start + k × step` (integers at `scale`) for k in 0..<count.
    case range(start: Int64, step: Int64, scale: Int, count: Int)
    /// Explicit values in the order given.
    case list([SweepValue])
  }

  /// The parameter's name.
  public let name: String
  /// The specification as given, for messages.
  public let spec: String
  let values: Values

  /// The number of values.
  public var count: Int {
    switch values {
    case .range(_, _, _, let count): count
    case .list(let list): list.count
    }
  }

  /// The value at `index` (0..<count).
  public func value(at index: Int) -> SweepValue {
    switch values {
    case .range(let start, let step, let scale, _):
      // Cannot overflow: parse checked that the last value fits.
      return .number(SweepDecimal(significand: start + Int64(index) * step, scale: scale))
    case .list(let list):
      return list[index]
    }
  }

  /// Parses `NAME=LO:HI:STEP` (HI included and reached exactly from LO), `NAME=A,B,C` or
  /// `NAME=V`.
  public static func parse(_ spec: String) throws(SweepError) -> SweepAxis {
    guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
      throw .malformed(spec, "expected NAME=VALUES")
    }
    let name = String(spec[..<eq])
    let body = String(spec[spec.index(after: eq)...])
    if body.contains(":") {
      return SweepAxis(name: name, spec: spec, values: try range(body, spec: spec))
    }
    let items = body.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var list: [SweepValue] = []
    for item in items {
      guard let value = SweepValue(item) else {
        throw .malformed(spec, "expected a decimal number, true or false; found `\(item)`")
      }
      if list.contains(value) { throw .malformed(spec, "the value \(item) is listed twice") }
      list.append(value)
    }
    return SweepAxis(name: name, spec: spec, values: .list(list))
  }

  /// Parses `LO:HI:STEP` into integers at the finest scale of the three.
  static func range(_ body: String, spec: String) throws(SweepError) -> Values {
    let parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 3 else {
      throw .malformed(spec, "expected three parts LO:HI:STEP; found \(parts.count)")
    }
    var numbers: [SweepDecimal] = []
    for part in parts {
      guard let number = SweepDecimal(part) else {
        throw .malformed(spec, "expected an exact decimal number; found `\(part)`")
      }
      numbers.append(number)
    }
    let scale = numbers.map(\.scale).max() ?? 0
    let scaled = numbers.compactMap { $0.significand(atScale: scale) }
    guard scaled.count == 3 else { throw .malformed(spec, "a number has too many digits") }
    let (low, high, step) = (scaled[0], scaled[1], scaled[2])
    guard step > 0 else { throw .emptyRange(spec, "expected a positive STEP; found \(parts[2])") }
    guard low <= high else {
      throw .emptyRange(spec, "the range is empty: LO \(parts[0]) is above HI \(parts[1])")
    }
    let (span, overflow) = high.subtractingReportingOverflow(low)
    guard !overflow else { throw .malformed(spec, "the range is too wide") }
    guard span % step == 0 else {
      let last = SweepDecimal(significand: low + span / step * step, scale: scale)
      throw .malformed(
        spec, "HI \(parts[1]) is not reached from \(parts[0]) in steps of \(parts[2]) "
          + "(the last value would be \(last)); make HI a multiple of STEP from LO")
    }
    let steps = span / step
    guard steps < Int64(Int.max) else { throw .malformed(spec, "the range is too long") }
    return .range(start: low, step: step, scale: scale, count: Int(steps) + 1)
  }
}
