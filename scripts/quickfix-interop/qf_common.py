"""What both QuickFIX sides share: the session settings file, the log folders, the dictionary."""
import os
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def dictionary_path():
    """QuickFIX's own FIX44.xml from the shared data if present, else the project's copy."""
    shared = os.path.join(REPO, "..", "shared", "data", "quickfix-dictionaries", "FIX44.xml")
    if os.path.exists(shared):
        return os.path.abspath(shared)
    return os.path.join(REPO, "Sources", "StratFIX", "Dictionaries", "FIX44.xml")


def settings_text(work, connection, sender, target, extra):
    """A QuickFIX settings file: store and logs in `work`, the session's own keys in `extra`."""
    lines = [
        "[DEFAULT]",
        f"ConnectionType={connection}",
        f"FileStorePath={os.path.join(work, 'store')}",
        f"FileLogPath={os.path.join(work, 'log')}",
        "StartTime=00:00:00",
        "EndTime=00:00:00",
        "UseDataDictionary=Y",
        f"DataDictionary={dictionary_path()}",
        "ValidateUserDefinedFields=N",
        "",
        "[SESSION]",
        "BeginString=FIX.4.4",
        f"SenderCompID={sender}",
        f"TargetCompID={target}",
    ]
    lines += [f"{key}={value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def make_settings(quickfix, connection, sender, target, extra, work=None):
    """Writes the settings into a work folder (a new temporary one unless given)."""
    work = work or tempfile.mkdtemp(prefix=f"qf-{sender.lower()}-")
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "session.cfg")
    with open(path, "w") as handle:
        handle.write(settings_text(work, connection, sender, target, extra))
    return quickfix.SessionSettings(path), work
