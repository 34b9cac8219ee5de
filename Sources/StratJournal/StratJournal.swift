/// StratJournal: the engine's durable append-only log (Docs/JOURNAL.md): checksummed framing,
/// group commit with fsync off the hot thread, and a reader that cuts a torn last record.
package enum StratJournal {}
