/// The numbers of `include/stratc.h` that the object writer (StratLLVM) and the loader
/// (StratNative) must agree on, written once. StratABI cannot see the C header, so
/// ABILayoutTests checks every one of them against it.
public enum ObjectABI {
  /// `STRATC_ABI_VERSION`.
  public static let version = 1
  /// `STRATC_ENTRY_SYMBOL`: the one symbol a stratc object exports.
  public static let entrySymbol = "stratc_strategy_v1"
  /// `STRATC_METADATA_SECTION`: the ELF section holding the metadata text.
  public static let metadataSection = ".stratc"
  /// `sizeof(stratc_strategy)` on a 64-bit target.
  public static let descriptorSize = 144
  /// `stratc_strategy.state_align`: the state record's alignment.
  public static let stateAlignment = 8
  /// `sizeof(stratc_value)`: one entry of the parameter buffer a step reads.
  public static let parameterBytes = 8
  /// `sizeof(stratc_decision)`, and its fields' offsets.
  public static let decisionBytes = 24
  public static let decisionKindOffset = 0
  public static let decisionInstrumentOffset = 4
  public static let decisionQuantityOffset = 8
  public static let decisionPriceOffset = 16

  /// `enum stratc_slot_kind` of a slot.
  public static func slotKind(_ shape: SlotShape) -> Int {
    switch shape {
    case .scalar: 0
    case .ring: 1
    case .window: 2
    case .pairWindow: 3
    case .ema: 4
    }
  }

  /// `enum stratc_value_kind` of a parameter.
  public static func valueKind(_ kind: ParameterInfo.Kind) -> Int {
    switch kind {
    case .int: 0
    case .float: 1
    case .bool: 2
    }
  }
}
