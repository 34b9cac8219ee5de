/// StratVenue: one venue in one process, for paper trading, demos and end-to-end tests. A FIX
/// acceptor in front of a price-time-priority matching engine per instrument, publishing its own
/// book as ITCH 5.0 over MoldUDP64.
public enum StratVenue {}
