#!/usr/bin/env python3
"""A QuickFIX initiator (FIX 4.4, TW44 -> ISLD) against `strat-venue --acceptance`.

Logs on, sends orders and expects each echoed back field for field, asks a TestRequest and
waits out a silence of 2.5 heartbeats, drops the connection mid-run and logs on again (sequence
numbers reset at each Logon on both sides), sends the rest, logs out. Exit 0 only when every
order came back, no session-level Reject arrived, and the Logout was answered.

    qf_initiator.py HOST PORT [--orders N] [--work DIR]
"""
import argparse
import sys
import threading
import time

import quickfix as fix

from qf_common import make_settings

def transact_time():
    """Now as a FIX UTCTimestamp with milliseconds (YYYYMMDD-HH:MM:SS.sss)."""
    now = time.time()
    return time.strftime("%Y%m%d-%H:%M:%S", time.gmtime(now)) + f".{int(now * 1000) % 1000:03d}"


# The body of each NewOrderSingle we send: tag -> value (the echo must carry each unchanged).
def order_fields(number):
    return [
        (11, f"QF{number:04d}"), (21, "1"), (38, str(100 + number)), (40, "2"),
        (44, f"{100 + number % 7}.25"), (54, "1" if number % 2 == 0 else "2"), (55, "GOOG"),
        (59, "0"), (60, transact_time()),
    ]


class Client(fix.Application):
    """Records what the acceptor sends: logons, echoes by ClOrdID, admin types, rejects."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()
        self.logons = 0
        self.logged_on = threading.Event()
        self.logged_out = threading.Event()
        self.echoes = {}
        self.admin = []
        self.rejects = []
        self.problems = []

    def onCreate(self, session_id): self.session_id = session_id
    def onLogon(self, session_id):
        with self.lock: self.logons += 1
        self.logged_out.clear()
        self.logged_on.set()
    def onLogout(self, session_id):
        self.logged_on.clear()
        self.logged_out.set()
    def toAdmin(self, message, session_id): pass
    def toApp(self, message, session_id): pass

    def fromAdmin(self, message, session_id):
        try:
            kind = message.getHeader().getField(35)
            with self.lock:
                self.admin.append((kind, message.toString().replace("\x01", "|")))
                if kind == "3": self.rejects.append(message.toString().replace("\x01", "|"))
        except Exception as error:  # a callback must not raise into QuickFIX
            self.problems.append(f"fromAdmin: {error}")

    def fromApp(self, message, session_id):
        try:
            if message.getHeader().getField(35) != "D":
                self.problems.append("unexpected " + message.toString().replace("\x01", "|"))
                return
            with self.lock:
                # QuickFIX frees `message` after the callback: keep its fields, not it.
                fields = dict(field.split("=", 1) for field in message.toString().split("\x01") if field)
                self.echoes[message.getField(11)] = fields
        except Exception as error:
            self.problems.append(f"fromApp: {error}")


def send_order(client, fields):
    message = fix.Message()
    message.getHeader().setField(fix.MsgType("D"))
    for tag, value in fields:
        message.setField(tag, value)
    fix.Session.sendToTarget(message, client.session_id)


def wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition(): return True
        time.sleep(0.02)
    return condition()


def check_echoes(client, sent):
    """The problems with the echoes of `sent` (a dict ClOrdID -> fields)."""
    problems = []
    for clordid, fields in sent.items():
        echo = client.echoes.get(clordid)
        if echo is None:
            problems.append(f"{clordid}: no echo"); continue
        for tag, value in fields:
            found = echo.get(str(tag))
            if found != value: problems.append(f"{clordid}: tag {tag} is {found!r}, sent {value!r}")
        if echo.get("49") != "ISLD": problems.append(f"{clordid}: SenderCompID not ISLD")
    return problems


def send_batch(client, sent, numbers):
    for number in numbers:
        fields = order_fields(number)
        sent[fields[0][1]] = fields
        send_order(client, fields)
    return wait(lambda: all(key in client.echoes for key in sent), 10)


def test_request(client):
    """Sends TestRequest QFTEST1 and waits for the Heartbeat that names it."""
    message = fix.Message()
    message.getHeader().setField(fix.MsgType("1"))
    message.setField(112, "QFTEST1")
    fix.Session.sendToTarget(message, client.session_id)
    return wait(lambda: any(kind == "0" and "|112=QFTEST1|" in text for kind, text in client.admin), 5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host"); parser.add_argument("port", type=int)
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--work")
    args = parser.parse_args()
    heartbeat = 1
    settings, work = make_settings(fix, "initiator", "TW44", "ISLD", {
        "SocketConnectHost": args.host, "SocketConnectPort": args.port, "HeartBtInt": heartbeat,
        "ReconnectInterval": 1, "ResetOnLogon": "Y", "ResetOnDisconnect": "Y",
    }, args.work)
    client = Client()
    initiator = fix.SocketInitiator(client, fix.FileStoreFactory(settings), settings, fix.FileLogFactory(settings))
    failures, sent = [], {}
    initiator.start()
    try:
        if not client.logged_on.wait(10): failures.append("no Logon")
        half = args.orders // 2
        if not failures and not send_batch(client, sent, range(half)): failures.append("first half not all echoed")
        if not failures and not test_request(client): failures.append("no Heartbeat for TestRequest QFTEST1")
        if not failures:
            time.sleep(2.5 * heartbeat)  # silence: each side's heartbeat clock must fire, nobody drops
            if client.logons != 1 or not client.logged_on.is_set(): failures.append("dropped during the silence")
        if not failures:
            fix.Session.lookupSession(client.session_id).disconnect()  # the cable pulled
            if not wait(lambda: client.logons == 2 and client.logged_on.is_set(), 15): failures.append("no second Logon")
        if not failures and not send_batch(client, sent, range(half, args.orders)): failures.append("second half not all echoed")
    finally:
        initiator.stop()  # sends Logout, waits for the acceptor's
    failures += check_echoes(client, sent) + client.problems
    heartbeats = sum(1 for kind, _ in client.admin if kind == "0")
    logout_answered = any(kind == "5" for kind, _ in client.admin)
    if not logout_answered: failures.append("Logout not answered")
    failures += [f"session Reject from the acceptor: {text}" for text in client.rejects]
    for failure in failures: print("qf_initiator: " + failure, file=sys.stderr)
    verdict = "PASS" if not failures else "FAIL"
    print(f"qf_initiator: {verdict}: {len(client.echoes)}/{args.orders} orders echoed, {client.logons} logons, "
          f"{heartbeats} heartbeats, {len(client.rejects)} rejects, logout answered: {logout_answered}; logs in {work}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
