/// The cartesian product of a sweep's axes, enumerated lazily in a fixed order: the last axis
/// varies fastest, like nested loops written in `--param` order. Point k is computed from k
/// alone (mixed-radix digits), so workers can take indices without sharing an iterator and the
/// grid is never held in memory.
public struct SweepGrid: Sendable, Sequence {
  /// Most runs a sweep may have.
  public static let defaultLimit = 10_000_000

  /// The axes in `--param` order.
  public let axes: [SweepAxis]
  /// The number of points (product of the axis counts).
  public let count: Int

  /// Builds the grid; rejects repeated names and grids with more than `limit` points.
  public init(axes: [SweepAxis], limit: Int = SweepGrid.defaultLimit) throws(SweepError) {
    var seen: Set<String> = []
    for axis in axes where !seen.insert(axis.name).inserted {
      throw SweepError(
        id: "sweep.repeated-param",
        message: "--param \(axis.spec): `\(axis.name)` is swept more than once",
        notes: ["give every value of one parameter in a single --param"],
        subject: axis.name)
    }
    var count = 1
    for axis in axes {
      let (product, overflow) = count.multipliedReportingOverflow(by: axis.count)
      guard !overflow, product <= limit else {
        throw .tooLarge(count: Self.describe(axes), limit: limit)
      }
      count = product
    }
    self.axes = axes
    self.count = count
  }

  /// The parameter names, in column order.
  public var names: [String] { axes.map(\.name) }

  /// The values of point `index` (0..<count), one per axis.
  public func point(at index: Int) -> [SweepValue] {
    var values = [SweepValue](repeating: .bool(false), count: axes.count)
    var rest = index
    for a in stride(from: axes.count - 1, through: 0, by: -1) {
      let n = axes[a].count
      values[a] = axes[a].value(at: rest % n)
      rest /= n
    }
    return values
  }

  /// `n₁ × n₂ × … runs` for a message.
  static func describe(_ axes: [SweepAxis]) -> String {
    axes.map { String($0.count) }.joined(separator: " × ") + " runs"
  }

  /// Iterates the points in index order.
  public struct Iterator: IteratorProtocol {
    let grid: SweepGrid
    var index = 0

    /// The next point with its index, or nil after the last.
    public mutating func next() -> (index: Int, values: [SweepValue])? {
      guard index < grid.count else { return nil }
      defer { index += 1 }
      return (index, grid.point(at: index))
    }
  }

  /// An iterator from point 0.
  public func makeIterator() -> Iterator { Iterator(grid: self) }
}
