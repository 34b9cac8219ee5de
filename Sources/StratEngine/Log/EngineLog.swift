import Foundation
import StratDiagnostics
import Synchronization

/// The engine's log: one JSON object per line (`ts`, `level`, `event`, then the fields), to
/// stderr or a file. Lines come from the engine's lifecycle (start, loads, kill, stop), never
/// from the per-event path; a mutex keeps lines whole when two threads log at once.
package final class EngineLog: Sendable {
  private let handle: Mutex<FileHandle>

  package init(handle: FileHandle = .standardError) { self.handle = Mutex(handle) }

  package func info(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { write("info", event, fields) }
  package func warning(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { write("warning", event, fields) }
  package func error(_ event: String, _ fields: KeyValuePairs<String, JSONValue> = [:]) { write("error", event, fields) }

  private func write(_ level: String, _ event: String, _ fields: KeyValuePairs<String, JSONValue>) {
    var line = "{\"ts\":\(JSONValue.string(Self.now()).text),\"level\":\"\(level)\",\"event\":\(JSONValue.string(event).text)"
    for (key, value) in fields { line += ",\(JSONValue.string(key).text):\(value.text)" }
    line += "}\n"
    handle.withLock { $0.write(Data(line.utf8)) }
  }

  static func now() -> String {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    let date = Date(timeIntervalSince1970: TimeInterval(spec.tv_sec))
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    let micros = String(format: "%06d", Int(spec.tv_nsec) / 1000)
    return formatter.string(from: date).replacingOccurrences(of: "Z", with: ".\(micros)Z")
  }
}

/// A JSON value for log fields and the control API, written with exact escaping.
package enum JSONValue: Sendable, Equatable {
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case null
  case raw(String)

  /// The value as JSON text.
  package var text: String {
    switch self {
    case .string(let s): return Self.quoted(s)
    case .int(let n): return String(n)
    case .double(let d): return d.isFinite ? String(d) : "null"
    case .bool(let b): return b ? "true" : "false"
    case .null: return "null"
    case .raw(let text): return text
    }
  }

  /// A JSON string literal (the diagnostics' one escaper).
  static func quoted(_ s: String) -> String { DiagnosticRenderer.quote(s) }

}
