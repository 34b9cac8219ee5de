/// StratFIX: FIX 4.2 and 4.4 over TCP.
///
///   FIX44.xml ─▶ FIXDictionary ─▶ FIXValidator
///   bytes ─▶ FIXFramer ─▶ FIXMessageView (no copy) ─▶ FIXSession ─▶ application
///   application ─▶ FIXEncoder (preallocated buffer) ─▶ FIXMessageStore (fsynced) ─▶ socket
public enum StratFIX {}
