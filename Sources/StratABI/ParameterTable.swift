/// What a strategy declares of its parameters, the one table every executor, emitter and sweep
/// reads: each parameter's name, how its value is stored, its declared type and unit, its
/// declared range and whether its value sizes the state record. Values are not in it: they are
/// `ParameterInfo`s, one 8-byte entry each in the parameter buffer a step reads.
public struct ParameterTable: Sendable, Equatable {
  /// In declaration order: entry k describes entry k of the parameter buffer.
  public var entries: [ParameterSpec]

  public init(_ entries: [ParameterSpec]) { self.entries = entries }

  /// What can be said from values alone (an IR file, an object's descriptor): names and kinds,
  /// no type, unit or range, and nothing marked as sizing the state or folded.
  public init(derivedFrom params: [ParameterInfo]) {
    entries = params.map { ParameterSpec(name: $0.name, kind: $0.kind) }
  }

  /// The index of the parameter called `name`.
  public func index(of name: String) -> Int? { entries.firstIndex { $0.name == name } }

  /// Why `value` may not replace a parameter of a built strategy at run time, or its index.
  public func slot(for value: ParameterInfo) -> Result<Int, ParameterRefusal> {
    guard let i = index(of: value.name) else { return .failure(.unknown(value.name)) }
    let spec = entries[i]
    guard spec.kind == value.kind else {
      return .failure(.kind(value.name, declared: spec.kind, given: value.kind))
    }
    guard !spec.sizesState else { return .failure(.sizesState(value.name)) }
    guard !spec.foldedAtBuild else { return .failure(.foldedAtBuild(value.name)) }
    return .success(i)
  }
}

/// One parameter's declaration.
public struct ParameterSpec: Sendable, Equatable {
  public var name: String
  /// How the value is stored in the parameter buffer.
  public var kind: ParameterInfo.Kind
  /// The declared type as written (`Int`, `Float`, `Price`, `Qty`, `Money`, `Duration`,
  /// `Bool`); empty when unknown.
  public var type: String
  /// The value's unit: `price`, `qty`, `money`, `ns` (a Duration), or empty for a plain number.
  public var unit: String
  /// `in LOW..HIGH step STEP`, when declared.
  public var range: ParameterRange?
  /// True when the value sizes a window, lag or average: a change needs a new build (a new
  /// layout), never a new value in the buffer.
  public var sizesState: Bool
  /// True when the front end folded the value into a constant of the build (a risk limit, a
  /// model weight, a book level, another parameter's value): the step never reads it.
  public var foldedAtBuild: Bool

  public init(
    name: String, kind: ParameterInfo.Kind, type: String = "", unit: String = "", range: ParameterRange? = nil,
    sizesState: Bool = false, foldedAtBuild: Bool = false
  ) {
    self.name = name
    self.kind = kind
    self.type = type
    self.unit = unit
    self.range = range
    self.sizesState = sizesState
    self.foldedAtBuild = foldedAtBuild
  }
}

/// A declared range, in the value's unit (a Duration in nanoseconds), with the source's exact
/// spelling of each bound that is a number literal (`0.25` stays `0.25`, not its binary double).
public struct ParameterRange: Sendable, Equatable {
  public var low: Double
  public var high: Double
  public var step: Double?
  public var lowText: String?
  public var highText: String?
  public var stepText: String?

  public init(
    low: Double, high: Double, step: Double? = nil, lowText: String? = nil, highText: String? = nil,
    stepText: String? = nil
  ) {
    self.low = low
    self.high = high
    self.step = step
    self.lowText = lowText
    self.highText = highText
    self.stepText = stepText
  }
}

/// Why a parameter value was refused at run time.
public enum ParameterRefusal: Error, Equatable, CustomStringConvertible {
  case unknown(String)
  case kind(String, declared: ParameterInfo.Kind, given: ParameterInfo.Kind)
  case sizesState(String)
  case foldedAtBuild(String)

  public var description: String {
    switch self {
    case .unknown(let name): "the strategy has no parameter `\(name)`"
    case .kind(let name, let declared, let given):
      "parameter `\(name)` is \(declared.rawValue), given \(given.rawValue)"
    case .sizesState(let name):
      "parameter `\(name)` sizes the state (a window, lag or average); changing it needs a new build"
    case .foldedAtBuild(let name):
      "parameter `\(name)` was folded into the build (a risk limit, weight, book level or default); changing it needs a new build"
    }
  }
}

extension ParameterInfo {
  /// The value as the step reads it from the parameter buffer: f64 bits, or an i64 (a Bool as 0/1).
  public var bufferBits: UInt64 {
    switch kind {
    case .float: value.bitPattern
    case .int: UInt64(bitPattern: integer ?? Int64(exactly: value.rounded(.towardZero)) ?? 0)
    case .bool: value != 0 ? 1 : 0
    }
  }
}
