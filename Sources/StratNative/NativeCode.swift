internal import CStratc
import StratABI

/// A strategy's native code, loaded and checked: the descriptor of `include/stratc.h` read into
/// Swift values, plus its init and step functions. The JIT and `StrategyObject` (AOT) both make
/// one; `NativeExecutor` runs it. It is immutable and may serve any number of executors on any
/// threads; it keeps whatever owns the code (the JIT, the dlopen handle) alive.
public final class NativeCode: @unchecked Sendable {
  /// What the descriptor declares: instruments, parameters as built, state size, risk limits.
  public let interface: StrategyInterface
  /// The metadata the code was built with.
  public let metadata: ObjectMetadata
  /// The slots of the state record, in layout order.
  public let slots: [NativeSlot]
  /// Alignment of the state record.
  public let stateAlignment: Int
  /// The most decisions one step can write.
  public let maxDecisions: Int
  /// Steps, once every instrument is seen, before all its values are defined (the descriptor's
  /// `warmup_steps`): how many recent observations a warm-up must replay.
  public let warmupSteps: Int
  /// SHA-256 of every byte of the object the code was loaded from (nil for the JIT): the
  /// bytes that were validated, hashed and mapped are one buffer.
  public let objectSHA256: String?

  typealias Init = @convention(c) (UnsafeMutableRawPointer?) -> Void
  @usableFromInline typealias Step = @convention(c) (
    UnsafeMutableRawPointer?, UnsafeRawPointer?, UnsafePointer<Double>?,
    UnsafePointer<UInt64>?, Int64, UnsafeMutableRawPointer?
  ) -> Int64

  let initialize: Init
  @usableFromInline let step: Step
  /// Whatever must live as long as the code: the JIT instance or the dlopen handle.
  private let owner: AnyObject

  /// Reads and checks the descriptor returned by `entry` (the `stratc_strategy_v1` function).
  /// `owner` keeps the code mapped. Throws when the descriptor is from another ABI version or
  /// inconsistent; nothing of the object runs but `entry` itself.
  public init(entry: UnsafeRawPointer, owner: AnyObject, objectSHA256: String? = nil) throws(NativeCodeError) {
    let entryFunction = unsafeBitCast(entry, to: stratc_entry_fn.self)
    guard let descriptor = entryFunction() else { throw .badDescriptor("the entry function returned no descriptor") }
    let d = descriptor.pointee
    guard d.abi_version == STRATC_ABI_VERSION else {
      throw .abiVersion(found: Int(d.abi_version), expected: Int(STRATC_ABI_VERSION))
    }
    guard Int(d.descriptor_size) == MemoryLayout<stratc_strategy>.size else {
      throw .badDescriptor("descriptor of \(d.descriptor_size) bytes; ABI 1 has \(MemoryLayout<stratc_strategy>.size)")
    }
    let reader = try DescriptorReader(d)
    guard let initialize = d.`init`, let step = d.step else {
      throw .badDescriptor("the init or step function is missing")
    }
    self.initialize = initialize
    self.step = unsafeBitCast(step, to: Step.self)
    interface = reader.interface
    metadata = reader.metadata
    slots = reader.slots
    stateAlignment = Int(d.state_align)
    maxDecisions = Int(d.max_decisions)
    warmupSteps = Int(d.warmup_steps)
    self.objectSHA256 = objectSHA256
    self.owner = owner
  }
}

/// One slot of the state record as the descriptor lists it.
public struct NativeSlot: Sendable, Equatable {
  public var name: String
  /// 0 scalar, 1 ring, 2 window, 3 pair window, 4 ema (`enum stratc_slot_kind`).
  public var kind: Int
  public var capacity: Int
  public var offset: Int
  public var size: Int
}

/// Why native code was refused.
public enum NativeCodeError: Error, Equatable, CustomStringConvertible {
  case abiVersion(found: Int, expected: Int)
  case badDescriptor(String)

  public var description: String {
    switch self {
    case .abiVersion(let found, let expected):
      "the object was built for stratc ABI version \(found); this stratc loads version \(expected): rebuild it with `stratc build`"
    case .badDescriptor(let why): "the object's strategy descriptor is invalid: \(why)"
    }
  }
}
