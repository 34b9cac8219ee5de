/// StratEngine: the live engine. It hosts compiled strategies (through StratABI and StratNative,
/// never the IR), runs them on one hot thread with the feed, books, risk and OMS, and journals,
/// serves control and metrics off that thread.
public enum StratEngine {}
