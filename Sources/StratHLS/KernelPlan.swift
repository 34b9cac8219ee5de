import StratABI
import StratFixed
import StratIR

/// Everything the kernel and `hls-sim` share: the type of every IR value, the format of every
/// state field, every constant as raw bits and every table. The C++ emitter and the fixed-point
/// executor both read only this, so they quantise at the same points with the same constants.
public struct KernelPlan: Sendable {
  /// The module the kernel computes (`KernelPlanner.widened`: no float32 rounding).
  public var module: IRModule
  /// The module as compiled, float32 included: what the double-precision comparison runs.
  public var reference: IRModule
  public var options: KernelOptions
  /// The type of each instruction's result; nil for effects.
  public var types: [KernelType?]
  /// The range and error bound the analysis found for each instruction's result.
  public var ranges: [Interval?]
  /// Raw bits of each f64 `const` and `param` (parameters are compile-time constants).
  public var constants: [Int: Int128]
  /// `fdiv` by a constant, rewritten as a multiplication: the reciprocal's raw bits.
  public var reciprocals: [Int: Int128]
  /// Each state slot's fixed-point plan, indexed like `module.slots`.
  public var slots: [SlotPlan]
  /// The bar fields the step reads, one input column each, in tick-file order.
  public var inputs: [KernelInput]
  /// One output slot per decision effect, in program order.
  public var outputs: [KernelOutput]
  public var tables: KernelTables
  /// The `risk` block's checks, run on each decision after the step; nil without a block.
  public var risk: KernelRiskPlan?
  /// Each `feq x, x` of a book field, by instruction: the input column whose valid bit it reads.
  public var validity: [Int: Int] = [:]
  /// Comparisons of d ÷ √v with a constant, decided on squares (KernelPlanner+Squares).
  public var squared: [Int: SquaredComparison] = [:]
  /// Pure instructions nothing live reads (a division and square root the squares replaced):
  /// neither the kernel nor hls-sim computes them.
  public var unused: Set<Int> = []

  /// True for a kernel of the top of book: one step per book event (an ITCH front end's tick).
  public var readsBook: Bool { inputs.contains(where: \.mayBeUndefined) }

  /// The reciprocal format: 1 ÷ c for a constant divisor, and 1 ÷ n for a window's count.
  public static let reciprocalFormat = FixedFormat(width: 63, integerBits: 2, quantization: .AP_RND_CONV)
}

/// How the kernel represents an IR value.
public enum KernelType: Sendable, Equatable, CustomStringConvertible {
  case fixed(FixedFormat)
  /// `ap_int<64>`, wrapping, as the IR's i64.
  case int
  case bool

  public var format: FixedFormat? {
    if case .fixed(let f) = self { return f }
    return nil
  }

  public var description: String {
    switch self {
    case .fixed(let f): f.description
    case .int: "ap_int<64>"
    case .bool: "bool"
    }
  }
}

/// The declared input ranges and the format choices of `stratc emit-hls` and `stratc hls-sim`.
public struct KernelOptions: Sendable, Equatable {
  /// The widest format; each value gets the integer bits its range needs and the rest as fraction.
  public var width = 63
  /// The format of a value the range analysis cannot bound (`--fixed W,I` sets width and this).
  public var fallbackIntegerBits = 24
  /// Prices once an instrument is seen lie in this range (`--price-range LO,HI`).
  public var priceRange: ClosedRange<Double> = 0.01...100_000
  /// Sizes (volume) lie in 0…this (`--max-size`).
  public var maxSize: Double = 1_099_511_627_776  // 2^40
  /// Tick files carry prices in units of 1 ÷ this (1e-4: NASDAQ's price resolution).
  public var priceScale: Int64 = 10_000
  /// log and exp interpolate in tables of 2^this + 1 entries.
  public var tableBits = 10

  public init() {}

  /// The format of an unbounded value; it saturates rather than wraps.
  public var fallback: FixedFormat {
    FixedFormat(width: width, integerBits: fallbackIntegerBits, overflow: .AP_SAT)
  }
}

/// One input column of the tick file: an instrument's bar field, its scale and kernel format.
public struct KernelInput: Sendable, Equatable {
  public var instrument: Int
  public var field: InputField
  /// Tick-file units per 1.0 of the value (the price scale, or 1 for sizes).
  public var scale: Int64
  public var format: FixedFormat
  /// The kernel multiplies the integer column by this raw constant (1 ÷ scale) to get the value.
  public var unitRaw: Int128
  public var unitFormat: FixedFormat

  /// Sizes (volume, a level's size) count units; the rest are prices.
  public var isSize: Bool { Self.isSize(field) }
  /// A book field is undefined while its side is empty: −1 in a tick file, a valid bit in the kernel.
  public var mayBeUndefined: Bool { field.isBookField }

  static func isSize(_ field: InputField) -> Bool { field == .volume || field == .bidSize(1) || field == .askSize(1) }
}

/// One decision effect of the step: its kind, instrument, and the formats of what it carries.
public struct KernelOutput: Sendable, Equatable {
  public var instruction: Int
  public var kind: DecisionKind
  public var instrument: Int
  public var quantity: FixedFormat
  /// nil for target, market and cancel, which carry no price.
  public var price: FixedFormat?
}

/// The fixed-point layout of one state slot.
public enum SlotPlan: Sendable, Equatable {
  case scalar(KernelType)
  /// The last N values, newest first (a shift register), and the count held.
  case ring(values: FixedFormat, capacity: Int)
  /// A ring plus exact running sums of the values and of their squares.
  case window(WindowPlan)
  /// An EMA's value, its constant alpha and the count of pushes.
  case ema(value: FixedFormat, alphaRaw: Int128, period: Int)

  public static let alphaFormat = FixedFormat(width: 63, integerBits: 2, quantization: .AP_RND_CONV)
}

/// A window's formats: each value as pushed, the sum of values and the sum of their squares,
/// each quantised into its own format before it is added, so the sums never drift.
public struct WindowPlan: Sendable, Equatable {
  public var capacity: Int
  public var values: FixedFormat
  public var sum: FixedFormat
  public var sumsq: FixedFormat
  /// The intermediate formats of the reads: E[v] and E[v²].
  public var mean: FixedFormat
  public var meanSquare: FixedFormat
  /// varp, before the sample factor n ÷ (n − 1).
  public var variance: FixedFormat
}
