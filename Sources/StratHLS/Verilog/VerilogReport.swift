import Foundation

/// The counts of one yosys `stat`: cells by type, cells and wire bits.
public struct YosysStat: Sendable, Equatable {
  public var cells: Int
  public var wireBits: Int
  public var cellTypes: [String: Int]

  /// Parses the text `stat` prints (`Number of cells: N`, then one `TYPE COUNT` line each);
  /// nil when it has no cell count.
  public static func parse(_ text: String) -> YosysStat? {
    var cells: Int?, wireBits = 0, types: [String: Int] = [:]
    for line in text.split(separator: "\n") {
      let words = line.split(separator: " ")
      if line.contains("Number of cells:"), let n = words.last.flatMap({ Int($0) }) { cells = n }
      if line.contains("Number of wire bits:"), let n = words.last.flatMap({ Int($0) }) { wireBits = n }
      if words.count == 2, words[0].hasPrefix("$"), let n = Int(words[1]) { types[String(words[0]), default: 0] += n }
    }
    return cells.map { YosysStat(cells: $0, wireBits: wireBits, cellTypes: types) }
  }

  /// Cells whose type matches `predicate`, summed.
  public func count(_ predicate: (String) -> Bool) -> Int {
    cellTypes.filter { predicate($0.key) }.values.reduce(0, +)
  }

  /// After `synth`, one flip-flop cell per bit (`$_DFF_P_`, `$_SDFFE_…`).
  public var flipFlops: Int { count { $0.contains("DFF") } }
  /// Before techmap: `$mul` cells (constant multiplies included).
  public var multipliers: Int { count { $0 == "$mul" } }
}

/// The Verilog rendering's section of the kernel report: yosys's generic counts beside the
/// estimates of `KernelReport`. Generic cells are not Xilinx resources.
public struct VerilogReport: Sendable {
  public var coarse: YosysStat
  public var gates: YosysStat

  public init(coarse: YosysStat, gates: YosysStat) {
    self.coarse = coarse
    self.gates = gates
  }

  /// Reads `stat-coarse.txt` and `stat-gates.txt`, as `synth.ys` writes them into `directory`.
  public static func read(_ directory: URL) -> VerilogReport? {
    func stat(_ file: String) -> YosysStat? {
      (try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)).flatMap(YosysStat.parse)
    }
    guard let coarse = stat("stat-coarse.txt"), let gates = stat("stat-gates.txt") else { return nil }
    return VerilogReport(coarse: coarse, gates: gates)
  }

  public func text(_ kernel: KernelReport) -> String {
    let arithmetic = coarse.count { ["$add", "$sub", "$neg", "$alu", "$macc"].contains($0) }
    return """
      verilog (yosys generic cells, not Xilinx DSP48/LUT/FF)
        flip-flops: \(gates.flipFlops) (state estimate \(kernel.stateBits) bits, of which 64 are the HLS tick counter)
        multipliers ($mul, constant multiplies included): \(coarse.multipliers) (variable-operand estimate \(kernel.multipliers))
        adders and subtractors: \(arithmetic)
        coarse cells: \(coarse.cells), gate cells after synth: \(gates.cells)
        only Vitis csynth gives the II, the clock, and real DSP/LUT/FF counts

      """
  }
}
