import Foundation
import StratABI
import StratDiagnostics
import StratIR
import StratInterpreter
import StratLLVM
import StratNative
import StratSema

/// strat-bench --models: nanoseconds per event of Examples/ml's XGBoost model compiled by
/// stratc (the step with the model, less the same step without it), beside the same model file
/// compiled to C by Treelite/TL2cgen (the peer) and timed in a C loop, in one run. Also counts
/// the held-out rows where each matches XGBoost's own margin bit for bit (parity.csv).
struct ModelBench {
  let root: String
  let dataDir: String
  let runs: Int
  let events: Int

  /// Three features from three instruments' closes (open = 1), the model's margin as a target.
  static func source(withModel: Bool) -> String {
    """
    strategy bench
    instrument a = "A"
    instrument b = "B"
    instrument c = "C"
    instrument d = "D"
    param unit: Qty = 1
    let r1 = a.close / a.open
    let r5 = b.close / b.open
    let rng = c.close / c.open
    \(withModel ? "model m = xgboost(\"gbt.json\", r1, r5, rng) margin" : "let m = r1 + r5 + rng")
    when d.close > 0 { target d = m * unit }

    """
  }

  func rows() throws -> [[Double]] {
    let text = try String(contentsOfFile: root + "/Examples/ml/parity.csv", encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
      line.split(separator: ",").map { $0 == "nan" ? Double.nan : strtod(String($0), nil) }
    }
  }

  func module(withModel: Bool) throws -> IRModule {
    let path = root + "/Examples/ml/bench.strat"
    let result = Compiler.compile(SourceFile(path: path, text: Self.source(withModel: withModel)))
    guard let module = result.module else { throw BenchFailure("bench strategy: \(result.diagnostics.map(\.message))") }
    return module
  }

  /// Median seconds of `events` steps cycling through `rows`; the margins of the first pass.
  func time(_ executor: any StrategyExecutor, _ rows: [[Double]]) -> (seconds: Double, margins: [Double]) {
    var margins: [Double] = []
    var times: [Double] = []
    for run in 0..<runs {
      executor.reset()
      let start = DispatchTime.now().uptimeNanoseconds
      for e in 0..<events {
        let row = rows[e % rows.count]
        for f in 0..<3 { executor.setBar(instrument: f, bar: Bar(open: 1, high: 1, low: 1, close: row[f], volume: 1)) }
        executor.setBar(instrument: 3, bar: Bar(open: 1, high: 1, low: 1, close: 1, volume: 1))
        let n = executor.step(timeNanos: Int64(e))
        if run == 0, e < rows.count { margins.append(n > 0 ? executor.decisions[0].quantity : .nan) }
      }
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (median(times), margins)
  }

  func run() throws {
    let rows = try self.rows()
    print("strat-bench --models: Examples/ml/gbt.json (XGBoost, \(try gbtTrees()) trees), \(events) events × median of \(runs) runs")
    print("")
    print("| what | ns per event | vs TL2cgen | equal to XGBoost (of \(rows.count) held-out rows) |")
    print("|---|---|---|---|")
    let peer = try? tl2cgen(rows)
    var figures: [(String, Double, Int)] = []
    for backend in ["interpreter", "JIT", "AOT"] {
      let make = { (m: IRModule) throws -> any StrategyExecutor in
        switch backend {
        case "interpreter": try Interpreter(module: m)
        case "JIT": try NativeExecutor(code: NativeBackend.jit(m))
        default: try NativeExecutor(code: NativeBackend.aot(m, cpu: .host))
        }
      }
      let with = time(try make(module(withModel: true)), rows)
      let without = time(try make(module(withModel: false)), rows)
      let ns = (with.seconds - without.seconds) / Double(events) * 1e9
      let equal = zip(with.margins, rows).filter { $0.bitPattern == $1[3].bitPattern }.count
      figures.append(("stratc \(backend): the step with the model less the step without (\(String(format: "%.0f", without.seconds / Double(events) * 1e9)) ns)", ns, equal))
    }
    for (what, ns, equal) in figures {
      let ratio = peer.map { String(format: "%.2f×", $0.ns / ns) } ?? "—"
      print("| \(what) | \(String(format: "%.1f", ns)) | \(ratio) | \(equal) |")
    }
    if let peer {
      print("| TL2cgen 1.0 C (cc -O2), predict(margin) in a C loop | \(String(format: "%.1f", peer.ns)) | 1 | \(peer.equal) |")
    } else {
      print("| TL2cgen (peer) | not installed: python3 -m pip install treelite tl2cgen | | |")
    }
  }

  func gbtTrees() throws -> Int {
    let text = try String(contentsOfFile: root + "/Examples/ml/gbt.json", encoding: .utf8)
    return text.components(separatedBy: "\"split_conditions\"").count - 1
  }

  /// Generates TL2cgen's C for the model, compiles it with a timing loop, runs it.
  func tl2cgen(_ rows: [[Double]]) throws -> (ns: Double, equal: Int) {
    let dir = dataDir + "/tl2cgen"
    try? FileManager.default.removeItem(atPath: dir)
    guard try shell("python3", [root + "/Benchmarks/tl2cgen-model.py", root + "/Examples/ml/gbt.json", dir]) == 0 else {
      throw BenchFailure("tl2cgen")
    }
    let input = rows.map { $0[0..<3].map { $0.isNaN ? "nan" : String($0) }.joined(separator: " ") }.joined(separator: "\n")
    try (input + "\n").write(toFile: dir + "/rows.txt", atomically: true, encoding: .utf8)
    try Self.harness(events: events, runs: runs).write(toFile: dir + "/bench.c", atomically: true, encoding: .utf8)
    guard try shell("cc", ["-O2", "-o", dir + "/bench", dir + "/main.c", dir + "/bench.c", "-lm"]) == 0 else {
      throw BenchFailure("cc")
    }
    let out = dir + "/out.txt"
    guard try shell(dir + "/bench", [dir + "/rows.txt", out]) == 0 else { throw BenchFailure("tl2cgen bench") }
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    let ns = Double(lines[0]) ?? .nan
    let margins = lines.dropFirst().map { strtod(String($0), nil) }
    let equal = zip(margins, rows).filter { $0.bitPattern == $1[3].bitPattern }.count
    return (ns, equal)
  }

  /// The C timing loop around TL2cgen's `predict`: rows read with strtof (as XGBoost's float32
  /// features), NaN as missing; prints the median ns per event, then each row's margin.
  static func harness(events: Int, runs: Int) -> String {
    """
    #include <math.h>
    #include <stdio.h>
    #include <stdlib.h>
    #include <string.h>
    #include <time.h>
    #include "header.h"
    static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
    static int cmp(const void* a, const void* b) { double x = *(const double*)a, y = *(const double*)b; return (x > y) - (x < y); }
    int main(int argc, char** argv) {
      FILE* in = fopen(argv[1], "r");
      static union Entry rows[4096][3];
      int n = 0;
      char w[64];
      while (n < 4096) {
        int f;
        for (f = 0; f < 3 && fscanf(in, "%63s", w) == 1; f++) {
          if (strcmp(w, "nan") == 0) rows[n][f].missing = -1; else rows[n][f].fvalue = (float)strtod(w, NULL);
        }
        if (f < 3) break;
        n++;
      }
      fclose(in);
      double times[\(runs)];
      volatile float sink = 0;
      for (int r = 0; r < \(runs); r++) {
        double t0 = now();
        for (long e = 0; e < \(events); e++) { float out = 0; predict(rows[e % n], 1, &out); sink += out; }
        times[r] = now() - t0;
      }
      qsort(times, \(runs), sizeof(double), cmp);
      FILE* out = fopen(argv[2], "w");
      fprintf(out, "%.3f\\n", times[\(runs) / 2] / \(events) * 1e9);
      for (int i = 0; i < n; i++) { float m = 0; predict(rows[i], 1, &m); fprintf(out, "%a\\n", (double)m); }
      fclose(out);
      return 0;
    }

    """
  }

  struct BenchFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
  }

  func shell(_ tool: String, _ args: [String]) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [tool] + args
    p.standardError = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }
}
