/// Walks several time-sorted series together, one distinct timestamp at a time: a k-way merge
/// with one cursor per series and no allocation per group.
///
/// ```
///   var merge = TimeMerge(series: [ko, pep])
///   while merge.next() {
///     for i in 0..<merge.count { let m = merge[i]   /* (series, row) at merge.time */ }
///   }
/// ```
/// Members of a group are in increasing series order. Each `next()` costs O(k) for k series.
/// The merge owns its cursors outright (it is noncopyable), so advancing it touches no
/// reference counts and makes no uniqueness checks.
public struct TimeMerge: ~Copyable {
  /// One bar of the current group: which series and which row of it.
  public struct Member: Sendable, Equatable {
    /// Index of the series in the merge's input.
    public var series: Int
    /// Row of that series.
    public var row: Int

    /// Creates a member.
    @inlinable
    public init(series: Int, row: Int) {
      self.series = series
      self.row = row
    }
  }

  @usableFromInline let times: [[Int64]]
  @usableFromInline let cursors: UnsafeMutablePointer<Int>
  @usableFromInline let members: UnsafeMutablePointer<Member>
  @usableFromInline var groupCount = 0
  @usableFromInline var groupTime = Int64.min

  /// Creates a merge over the time columns of several series (each strictly increasing).
  public init(times: [[Int64]]) {
    self.times = times
    cursors = .allocate(capacity: max(times.count, 1))
    cursors.initialize(repeating: 0, count: max(times.count, 1))
    members = .allocate(capacity: max(times.count, 1))
    members.initialize(repeating: Member(series: 0, row: 0), count: max(times.count, 1))
  }

  /// Creates a merge over several bar series.
  public init(series: [BarSeries]) {
    self.init(times: series.map(\.times))
  }

  deinit {
    cursors.deallocate()
    members.deallocate()
  }

  /// The number of members in the current group.
  @inlinable
  public var count: Int { groupCount }

  /// The time of the current group (valid after `next()` returned true).
  @inlinable
  public var time: Int64 { groupTime }

  /// An upper bound of the number of groups: the total number of rows.
  public var maximumGroupCount: Int { times.reduce(0) { $0 + $1.count } }

  /// Advances to the next timestamp group; returns false when every series is exhausted.
  @inlinable @inline(__always)
  public mutating func next() -> Bool {
    var earliest = Int64.max
    var found = false
    for s in 0..<times.count {
      let c = cursors[s]
      if c < times[s].count {
        let t = times[s][c]
        if !found || t < earliest {
          earliest = t
          found = true
        }
      }
    }
    guard found else {
      groupCount = 0
      return false
    }
    var n = 0
    for s in 0..<times.count {
      let c = cursors[s]
      if c < times[s].count && times[s][c] == earliest {
        members[n] = Member(series: s, row: c)
        cursors[s] = c + 1
        n += 1
      }
    }
    groupCount = n
    groupTime = earliest
    return true
  }

  /// Member `index` (0 ..< `count`) of the current group.
  @inlinable @inline(__always)
  public subscript(index: Int) -> Member {
    precondition(index >= 0 && index < groupCount, "member index out of range")
    return members[index]
  }

  /// Returns every group as (time, members), for tests and small data; allocates.
  public static func groups(of series: [BarSeries]) -> [(time: Int64, members: [Member])] {
    var merge = TimeMerge(series: series)
    var out: [(time: Int64, members: [Member])] = []
    while merge.next() {
      out.append((merge.time, (0..<merge.count).map { merge[$0] }))
    }
    return out
  }
}
