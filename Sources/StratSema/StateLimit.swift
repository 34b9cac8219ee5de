import StratDiagnostics
import StratIR

/// Refuses a module whose state record is larger than `Limits.maximumStateBytes`, naming the
/// largest slots where the source creates them: the same refusal on every backend, at check
/// time, instead of a failure (or a minute of allocation) when the run starts.
enum StateLimit {
  /// How many of the largest slots the diagnostic names.
  static let slotsNamed = 3

  static func diagnostics(_ module: IRModule, slotSpans: [Int: SourceSpan]) -> [Diagnostic] {
    let total = module.stateBytes
    guard total > Limits.maximumStateBytes else { return [] }
    let largest = module.slots.indices
      .filter { slotSpans[$0] != nil }
      .sorted { module.slots[$0].kind.byteSize > module.slots[$1].kind.byteSize || (module.slots[$0].kind.byteSize == module.slots[$1].kind.byteSize && $0 < $1) }
      .prefix(slotsNamed)
    let labels = largest.map { slot in
      Label(slotSpans[slot]!, "\(module.slots[slot].kind.byteSize) bytes")
    }
    let message = "the strategy's state needs \(total) bytes; the limit is \(Limits.maximumStateBytes) (1 GiB)"
    let notes = [
      "a window of N steps keeps N values (8 bytes each; 16 for corr, cov, slope and intercept)",
      "the largest: " + largest.map { "`\(module.slots[$0].name)` (\(module.slots[$0].kind.byteSize) bytes)" }.joined(separator: ", "),
    ]
    guard let primary = labels.first else {
      return [Diagnostic(id: "limits.state-size", message: message, notes: notes)]
    }
    return [
      Diagnostic(
        id: "limits.state-size", message: message, primary: primary, secondary: Array(labels.dropFirst()),
        notes: notes)
    ]
  }
}
