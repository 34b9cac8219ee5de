import StratDiagnostics

/// A message a book could not apply as written: the book stays consistent and says why, instead
/// of trapping. Feeds that start mid-day (LOBSTER samples) refer to orders the book never saw,
/// so these are expected there and counted rather than fatal.
public struct BookIssue: Sendable, Hashable {
  /// What went wrong.
  public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
    /// A cancel, delete, execute or replace named an order that is not resting.
    case unknownOrder
    /// An add (or a replace's new id) reused the id of a resting order; the message was ignored.
    case duplicateOrder
    /// A cancel took more than the order had left; the order was removed.
    case overCancel
    /// An execution took more than the order had left; the order was removed.
    case overExecute
    /// An add or replace with a quantity of 0 or less; the message was ignored.
    case nonPositiveQuantity

    /// The stable diagnostic id suffix.
    public var name: String {
      switch self {
      case .unknownOrder: return "unknown-order"
      case .duplicateOrder: return "duplicate-order"
      case .overCancel: return "over-cancel"
      case .overExecute: return "over-execute"
      case .nonPositiveQuantity: return "non-positive-quantity"
      }
    }
  }

  /// What went wrong.
  public var kind: Kind
  /// The order the message named.
  public var orderID: UInt64
  /// The quantity the message asked for.
  public var requested: Int64
  /// What the order had left (0 when unknown).
  public var remaining: Int64

  /// Creates an issue.
  public init(kind: Kind, orderID: UInt64, requested: Int64 = 0, remaining: Int64 = 0) {
    self.kind = kind
    self.orderID = orderID
    self.requested = requested
    self.remaining = remaining
  }

  /// A warning diagnostic (`data.book.*`) for this issue at the message's location.
  public func diagnostic(at location: DataLocation) -> Diagnostic {
    let message: String
    switch kind {
    case .unknownOrder:
      message = "expected order \(orderID) to be resting; found no such order"
    case .duplicateOrder:
      message = "expected a new order id; found \(orderID), which is already resting"
    case .overCancel:
      message = "expected to cancel at most \(remaining) of order \(orderID); found \(requested)"
    case .overExecute:
      message = "expected to execute at most \(remaining) of order \(orderID); found \(requested)"
    case .nonPositiveQuantity:
      message = "expected a quantity above 0 for order \(orderID); found \(requested)"
    }
    return Diagnostic(
      id: "data.book." + kind.name,
      severity: .warning,
      message: message,
      at: location
    )
  }
}

/// How many messages of each `BookIssue.Kind` a book has seen.
public struct BookIssueCounts: Sendable, Hashable {
  /// Counts indexed by `BookIssue.Kind.rawValue`.
  public private(set) var counts = [Int](repeating: 0, count: BookIssue.Kind.allCases.count)

  /// Creates zero counts.
  public init() {}

  /// The count of `kind`.
  public subscript(kind: BookIssue.Kind) -> Int { counts[Int(kind.rawValue)] }

  /// All issues counted.
  public var total: Int { counts.reduce(0, +) }

  @usableFromInline
  mutating func record(_ kind: BookIssue.Kind) { counts[Int(kind.rawValue)] += 1 }
}
