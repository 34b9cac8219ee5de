/// The median of integers in linear expected time (quickselect), for the step spacing.
enum Median {
  /// Returns the median of `values` (mean of the two middle values for an even count), as a
  /// Double; reorders `values`. Pivots are chosen deterministically (median of three).
  static func of(_ values: inout [Int64]) -> Double {
    let n = values.count
    guard n > 0 else { return 0 }
    let upper = select(&values, n / 2)
    guard n % 2 == 0 else { return Double(upper) }
    var lower = Int64.min
    for k in 0..<(n / 2) where values[k] > lower { lower = values[k] }
    return (Double(lower) + Double(upper)) / 2
  }

  /// Reorders `values` so that index `k` holds the k-th smallest value, all before it ≤ it and
  /// all after it ≥ it; returns that value.
  static func select(_ values: inout [Int64], _ k: Int) -> Int64 {
    var low = 0
    var high = values.count - 1
    while low < high {
      let mid = low + (high - low) / 2
      let a = values[low]
      let b = values[mid]
      let c = values[high]
      let pivot = max(min(a, b), min(max(a, b), c))
      var i = low
      var j = high
      while i <= j {
        while values[i] < pivot { i += 1 }
        while values[j] > pivot { j -= 1 }
        if i <= j {
          values.swapAt(i, j)
          i += 1
          j -= 1
        }
      }
      if k <= j {
        high = j
      } else if k >= i {
        low = i
      } else {
        return values[k]
      }
    }
    return values[k]
  }
}
