/// The compiler's version, as `stratc --version` prints it and compiled objects record it.
public enum StratcVersion {
  public static let text = "stratc 0.2.0 (language 1, IR 1)"
}
