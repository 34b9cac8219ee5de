/// StratNet: POSIX sockets for the engine and the venue (UDP unicast and multicast, TCP) and a
/// small HTTP/1.1 server. It knows nothing of trading.
public enum StratNet {}
