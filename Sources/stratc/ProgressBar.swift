import Foundation

/// A one-line progress bar on stderr for long runs. It exists only when stderr is a terminal
/// and `--quiet` is not given, so logs and pipes never receive carriage returns; it redraws at
/// most ten times a second, and `finish()` erases it.
final class ProgressBar {
  private let label: String
  private var lastDraw: UInt64 = 0
  private var drawn = false
  /// Shortest time between two redraws.
  private static let interval: UInt64 = 100_000_000

  /// A bar, or nil when stderr is not a terminal or the user asked for quiet.
  init?(label: String, quiet: Bool) {
    guard !quiet, isatty(2) == 1 else { return nil }
    self.label = label
  }

  /// Redraws with `fraction` (0...1) and an optional detail, if 0.1 s has passed since the last
  /// redraw.
  func update(_ fraction: Double, detail: String = "") {
    let now = DispatchTime.now().uptimeNanoseconds
    guard !drawn || now &- lastDraw >= Self.interval else { return }
    lastDraw = now
    drawn = true
    let clamped = max(0, min(1, fraction.isFinite ? fraction : 0))
    let width = 30
    let filled = Int(clamped * Double(width))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let percent = Int(clamped * 100)
    Output.standardError("\r\u{1B}[2K\(label) \(bar) \(percent)%\(detail.isEmpty ? "" : " " + detail)")
  }

  /// Erases the bar, leaving the cursor at the start of an empty line.
  func finish() {
    guard drawn else { return }
    Output.standardError("\r\u{1B}[2K")
    drawn = false
  }
}
