#!/usr/bin/env python3
"""Writes FIX 4.4 versions of QuickFIX's FIX 4.2 acceptance scripts.

usage: scripts/fix44-acceptance.py [--check]
  reads  Tests/StratFIXTests/Acceptance/fix42/*.def
  writes Tests/StratFIXTests/Acceptance/fix44/*.def (--check: only compares, exit 1 on a change)

Each line is translated by the rules below; then every E line that carries a BodyLength (9)
gets it recomputed, and every I and E message is checked against the FIX 4.2 and FIX 4.4
dictionaries: a 4.4 message must break exactly the rules its 4.2 original breaks (the
script's point), no more and no fewer, or the script stops.
"""
import os, re, sys, xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "Tests/StratFIXTests/Acceptance/fix42")
TARGET = os.path.join(ROOT, "Tests/StratFIXTests/Acceptance/fix44")
DICTIONARIES = os.path.join(ROOT, "Sources/StratFIX/Dictionaries")
SOH = "\x01"

# Per-script edits for fields that FIX 4.4 removed or moved: (script, kind, old, new, why).
# kind "I" or "E" limits an edit to that line kind; "*" applies it to both.
EDITS = [
    ("14b_RequiredFieldMissing", "I", SOH + "60=<TIME>" + SOH + "54=1" + SOH, SOH + "60=<TIME>" + SOH + "55=MSFT" + SOH,
     "Symbol (55) is optional in FIX 4.4's Instrument; the NewOrderSingle lacks Side (54) instead"),
    ("14b_RequiredFieldMissing", "E", SOH + "371=55" + SOH, SOH + "371=54" + SOH, None),
    ("2r_UnregisteredMsgType", "I", SOH + "20=0" + SOH, SOH,
     "ExecTransType (20) is not a FIX 4.4 field (ExecType 150 carries its meaning): dropped"),
    ("21_RepeatingGroupSpecifierWithValueOfZero", "*", SOH + "393=0" + SOH, SOH,
     "TotalNumSecurities (393) is not in a FIX 4.4 SecurityDefinition: dropped"),
    ("21_RepeatingGroupSpecifierWithValueOfZero", "I", SOH + "146=0" + SOH, SOH + "555=0" + SOH,
     "NoRelatedSym (146) is not in a FIX 4.4 SecurityDefinition; the zero-count group is NoLegs (555)"),
    ("21_RepeatingGroupSpecifierWithValueOfZero", "E", SOH + "146=0" + SOH, SOH,
     "(the echo lists body fields by tag, so 555=0 moves after 336)"),
    ("21_RepeatingGroupSpecifierWithValueOfZero", "E", SOH + "336=ONE_MAIN" + SOH,
     SOH + "336=ONE_MAIN" + SOH + "555=0" + SOH, None),
]

# Where a script's point moves to another field in FIX 4.4: the 4.2 rule break and its 4.4 one.
MOVED_POINTS = {"14b_RequiredFieldMissing": {("missing", 55): ("missing", 54)}}

# SessionRejectReason (373) values FIX 4.3 added: in FIX 4.2 a Reject for them carries only the
# text, from FIX 4.3 on it carries the reason too (QuickFIX, Session::generateReject).
NEWER_REJECT_REASONS = {
    "Tag appears more than once": 13,
    "Tag specified out of required order": 14,
    "Incorrect NumInGroup count for repeating group": 16,
}


def with_reject_reason(message, notes):
    """A 4.4 Reject for a reason FIX 4.2 lacked gets its 373, after 372 (fields go by tag)."""
    if SOH + "35=3" + SOH not in message or SOH + "373=" in message:
        return message
    text = re.search(SOH + "58=([^" + SOH + "]*)" + SOH, message)
    reason = NEWER_REJECT_REASONS.get(text.group(1)) if text else None
    ref = re.search(SOH + "372=[^" + SOH + "]*" + SOH, message)
    if reason is None or not ref:
        return message
    notes.append(f"the Reject for \"{text.group(1)}\" carries 373={reason} (a reason FIX 4.2 lacks)")
    return message[:ref.end()] + f"373={reason}" + SOH + message[ref.end():]


def translate_common(text):
    """BeginString and the client's CompID: FIX.4.2/TW42 become FIX.4.4/TW44 (same lengths)."""
    return text.replace("8=FIX.4.2" + SOH, "8=FIX.4.4" + SOH).replace("=TW42" + SOH, "=TW44" + SOH)


def body_length(message):
    """BodyLength of a complete message text: bytes after 9=…␁ up to the ␁ before 10=."""
    start = message.index(SOH + "9=") + 1
    start = message.index(SOH, start) + 1
    end = message.rindex(SOH + "10=") + 1
    return end - start


def with_body_length(old, new):
    """`new` with its 9 moved by as many bytes as its body grew or shrank from `old`'s. (Some
    scripts write 52 without the milliseconds the acceptor sends and count them in 9 anyway.)"""
    length = re.search(SOH + "9=([0-9]+)" + SOH, new)
    if not length or (SOH + "10=") not in new:
        return new
    value = int(length.group(1)) + body_length(new) - body_length(old)
    return new[:length.start(1)] + str(value) + new[length.end(1):]


class Dictionary:
    """Field sets of one QuickFIX dictionary: per message type, tags allowed and required."""

    def __init__(self, path):
        root = ET.parse(path).getroot()
        self.tags = {f.get("name"): int(f.get("number")) for f in root.find("fields")}
        self.enums = {int(f.get("number")): {v.get("enum") for v in f.findall("value")}
                      for f in root.find("fields")}
        components = root.find("components")
        self.components = {c.get("name"): c for c in components} if components is not None else {}
        self.header = self.collect(root.find("header"), True)
        self.trailer = self.collect(root.find("trailer"), True)
        self.messages = {m.get("msgtype"): self.collect(m, True) for m in root.find("messages")}

    def collect(self, node, required_here):
        allowed, required = set(), set()
        for item in node:
            must = required_here and item.get("required") == "Y"
            if item.tag == "component":
                a, r = self.collect(self.components[item.get("name")], must)
            elif item.tag == "group":
                a, _ = self.collect(item, False)
                r = set()
                a.add(self.tags[item.get("name")])
                if must:
                    r.add(self.tags[item.get("name")])
            else:
                a, r = {self.tags[item.get("name")]}, ({self.tags[item.get("name")]} if must else set())
            allowed |= a
            required |= r
        return allowed, required

    def problems(self, message):
        """Rule breaks of one I message, by kind and tag (for comparing 4.2 with 4.4)."""
        fields = [f.split("=", 1) for f in message.split(SOH) if f]
        tags = []
        found = set()
        for field in fields:
            if len(field) != 2 or not field[0].isdigit():
                found.add(("not tag=value", field[0]))
                continue
            tags.append(int(field[0]))
        msgtype = dict(f for f in fields if len(f) == 2).get("35")
        if msgtype not in self.messages:
            return found | {("unknown msgtype", msgtype)}
        allowed, required = (set().union(*(p[0] for p in (self.header, self.trailer, self.messages[msgtype]))),
                             set().union(*(p[1] for p in (self.header, self.messages[msgtype]))))
        required -= {9, 10, 8, 35}
        for tag, value in ((int(f[0]), f[1]) for f in fields if len(f) == 2 and f[0].isdigit()):
            if tag not in allowed:
                found.add(("not in message", tag))
            elif self.enums.get(tag) and value and value not in self.enums[tag]:
                found.add(("bad enum", tag))
        found |= {("missing", tag) for tag in required if tag not in tags}
        found |= {("repeated", tag) for tag in tags if tags.count(tag) > 1}
        return found


def message_of(line):
    match = re.match(r"^[IE](?:\d,)?(8=.*)$", line)
    return match.group(1) if match else None


def translate(name, text, notes):
    out = []
    for line in text.split("\n"):
        new = translate_common(line)
        kind = line[:1]
        for script, edit_kind, old, replacement, why in EDITS:
            if script == name and edit_kind in ("*", kind) and old in new:
                new = new.replace(old, replacement, 1)
                if why:
                    notes.append(why)
        if kind == "E" and message_of(new):
            new = with_body_length(line, with_reject_reason(new, notes))
        out.append(new)
    return "\n".join(out)


def check(name, old, new, d42, d44):
    for before, after in zip(old.split("\n"), new.split("\n")):
        m42, m44 = message_of(before), message_of(after)
        if not m42 or not before.startswith("I"):
            continue
        moved = MOVED_POINTS.get(name, {})
        p42 = {moved.get(p, p) for p in d42.problems(m42)}
        p44 = d44.problems(m44)
        if p42 != p44:
            sys.exit(f"{name}: the 4.4 message breaks {sorted(p44, key=str)}, the 4.2 one {sorted(p42, key=str)}\n  {after!r}")


def main():
    only_check = "--check" in sys.argv
    d42 = Dictionary(os.path.join(DICTIONARIES, "FIX42.xml"))
    d44 = Dictionary(os.path.join(DICTIONARIES, "FIX44.xml"))
    changed = False
    for file in sorted(f for f in os.listdir(SOURCE) if f.endswith(".def")):
        name = file[:-4]
        old = open(os.path.join(SOURCE, file), encoding="latin-1", newline="").read()
        notes = []
        new = translate(name, old, notes)
        check(name, old, new, d42, d44)
        path = os.path.join(TARGET, file)
        current = open(path, encoding="latin-1", newline="").read() if os.path.exists(path) else None
        if current != new:
            changed = True
            if not only_check:
                open(path, "w", encoding="latin-1", newline="").write(new)
        if notes:
            print(f"{name}: " + "; ".join(dict.fromkeys(notes)))
    if only_check and changed:
        sys.exit("the FIX 4.4 scripts are not what scripts/fix44-acceptance.py writes")


if __name__ == "__main__":
    main()
