import StratDiagnostics

/// The time-zone database's findings.
public enum ZoneDiagnostics {
  /// A zone name with no file in the database.
  public static func unknownZone(_ name: String, directory: String, suggestions: [String]) -> Diagnostic {
    var notes = ["zones are read from \(directory) (set TZDIR to use another copy; Debian: apt-get install tzdata)"]
    if !suggestions.isEmpty { notes.append("did you mean \(suggestions.map { "\"\($0)\"" }.joined(separator: " or "))?") }
    return Diagnostic(
      id: "tz.unknown-zone", message: "no time zone named \"\(name)\" in the system's time-zone database",
      at: DataLocation(path: directory), notes: notes)
  }

  /// A zone file that is not a usable TZif file.
  public static func badZoneFile(path: String, byteOffset: Int?, _ message: String) -> Diagnostic {
    Diagnostic(
      id: "tz.bad-file", message: "not a valid TZif zone file: \(message)",
      at: DataLocation(path: path, byteOffset: byteOffset),
      notes: ["zone files are RFC 8536 TZif files, as in Debian's tzdata package"])
  }
}
