import Foundation
import StratDiagnostics
import StratSema
import Testing

/// Mutates the reference strategies token by token (seeded) and compiles each mutant: every
/// input must end in a module or in diagnostics; a trap would crash the test process.
@Suite struct MutationFuzzTests {
  static let vocabulary = [
    "strategy", "instrument", "param", "let", "state", "fn", "model", "when", "target", "flat",
    "buy", "sell", "risk", "schedule", "if", "then", "else", "and", "or", "not", "true", "in",
    "a", "b", "x", "z", "close", "volume", "sma", "zscore", "ema", "corr", "slope", "lowest", "ret",
    "crosses_above", "log", "sqrt", "clamp", "time", "Price", "Qty", "Int", "Float", "Duration",
    "0", "1", "-1", "2.5", "1e308", "99999999999999999999", "5m", "09:30", "\"GLD\"", "(", ")",
    "{", "}", "[", "]", ",", ":", ".", "..", "->", "=", "+", "-", "*", "/", "<", "<=", "==", "!=",
    "weights", "bias", "limit", "per", "hours", "to", "max_position", "\u{FF}", "//",
  ]

  /// SplitMix64: a tiny seeded generator, so that a failure names its seed.
  struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: ["pairs", "bollinger", "logistic", "pairs_bench"])
  func mutantsNeverCrashTheCompiler(strategy: String) throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("Strategies/\(strategy).strat"), encoding: .utf8)
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    let failures = runWithLargeStack { () -> [String] in
      var failures: [String] = []
      for seed in UInt64(1)...2000 {
        var rng = SplitMix64(state: seed &* 7919)
        var mutant = words
        for _ in 0..<(1 + rng.below(4)) {
          let at = rng.below(mutant.count)
          switch rng.below(3) {
          case 0: mutant.remove(at: at)
          case 1: mutant.insert(Self.vocabulary[rng.below(Self.vocabulary.count)], at: at)
          default: mutant[at] = Self.vocabulary[rng.below(Self.vocabulary.count)]
          }
          if mutant.isEmpty { break }
        }
        let result = Compiler.compile(SourceFile(path: "mutant-\(seed).strat", text: mutant.joined(separator: " ")))
        if !result.internalErrors.isEmpty {
          failures.append("seed \(seed): internal error \(result.internalErrors[0].message)")
        }
        if result.module == nil && !result.hasErrors {
          failures.append("seed \(seed): no module and no error")
        }
      }
      return failures
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
  }

  /// Runs `body` on a thread with a 64 MiB stack (test threads have small stacks).
  func runWithLargeStack<T>(_ body: @escaping @Sendable () -> T) -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      box.value = body()
      done.signal()
    }
    thread.stackSize = 64 << 20
    thread.start()
    done.wait()
    return box.value!
  }
}

/// Carries a result out of the large-stack thread; the semaphore orders the accesses.
final class ResultBox<T>: @unchecked Sendable {
  var value: T?
}
