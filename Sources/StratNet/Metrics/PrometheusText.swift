/// The Prometheus text exposition format 0.0.4: names, escaping, numbers, one family's lines.
/// https://prometheus.io/docs/instrumenting/exposition_formats/
enum PrometheusText {
  /// Appends `# HELP`, `# TYPE` and every series of `family`.
  static func append(_ family: MetricFamily, to text: inout String) {
    text +=
      "# HELP \(family.name) \(escapeHelp(family.help))\n# TYPE \(family.name) \(family.type)\n"
    for series in family.series {
      switch series.metric {
      case .counter(let counter):
        text += "\(family.name)\(labels(series.labels)) \(counter.value)\n"
      case .gauge(let gauge):
        text += "\(family.name)\(labels(series.labels)) \(number(gauge.value))\n"
      case .histogram(let histogram): append(histogram, family.name, series.labels, to: &text)
      }
    }
  }

  /// `_bucket{…,le="…"}` cumulative counts, `+Inf`, `_sum` and `_count` (= the `+Inf` bucket).
  private static func append(
    _ histogram: Histogram,
    _ name: String,
    _ pairs: [(key: String, value: String)],
    to text: inout String
  ) {
    let (cumulative, sum) = histogram.snapshot()
    let bounds = histogram.upperBounds
    for (index, count) in cumulative.enumerated() {
      let bound =
        index < bounds.count ? number(Double(bounds[index]) / histogram.unitsPerBase) : "+Inf"
      text += "\(name)_bucket\(labels(pairs + [(key: "le", value: bound)])) \(count)\n"
    }
    text += "\(name)_sum\(labels(pairs)) \(number(Double(sum) / histogram.unitsPerBase))\n"
    text += "\(name)_count\(labels(pairs)) \(cumulative.last ?? 0)\n"
  }

  /// `{a="x",b="y"}`, or nothing without labels.
  static func labels(_ pairs: [(key: String, value: String)]) -> String {
    pairs.isEmpty
      ? ""
      : "{" + pairs.map { "\($0.key)=\"\(escapeLabelValue($0.value))\"" }.joined(separator: ",")
        + "}"
  }

  /// A label value: backslash, double quote and line feed escaped.
  static func escapeLabelValue(_ value: String) -> String {
    var out = ""
    for character in value {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n": out += "\\n"
      default: out.append(character)
      }
    }
    return out
  }

  /// HELP text: backslash and line feed escaped.
  static func escapeHelp(_ help: String) -> String {
    help.replacingOccurrences("\\", "\\\\").replacingOccurrences("\n", "\\n")
  }

  /// A sample value: integers without a fraction, `+Inf`, `-Inf`, `NaN`, else Swift's shortest
  /// round-tripping form (`1e-07`, `0.25`), which Go's ParseFloat reads.
  static func number(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// metric name := [a-zA-Z_:][a-zA-Z0-9_:]*; label name := [a-zA-Z_][a-zA-Z0-9_]*, not `__…`.
  static func check(name: String, labels: [String: String]) throws(StratNetError) {
    guard isName(name, colons: true) else {
      throw MetricsRegistry.error(
        "net.metrics.name",
        "\"\(name)\" is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)"
      )
    }
    for key in labels.keys where !isName(key, colons: false) || key.hasPrefix("__") {
      throw MetricsRegistry.error(
        "net.metrics.label-name",
        "\"\(key)\" is not a label name of \(name)"
      )
    }
  }

  private static func isName(_ text: String, colons: Bool) -> Bool {
    let bytes = Array(text.utf8)
    return !bytes.isEmpty
      && bytes.enumerated().allSatisfy { index, byte in
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"): true
        case 0x30...0x39: index > 0
        case UInt8(ascii: ":"): colons
        default: false
        }
      }
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
