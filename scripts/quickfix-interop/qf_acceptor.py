#!/usr/bin/env python3
"""A QuickFIX acceptor (FIX 4.4, VENUE <- CLIENT1) for our initiator to trade with.

NewOrderSingle: ExecutionReport New, then Fill at the order's limit price. OrderCancelRequest:
Canceled if the order is open, else OrderCancelReject. OrderStatusRequest: a status report.
Prints "listening on PORT" once it accepts; runs until killed.

    qf_acceptor.py PORT [--work DIR]
"""
import argparse
import sys
import threading
import time

import quickfix as fix

from qf_common import make_settings


class Venue(fix.Application):
    """Answers orders; keeps each order's fields and state by ClOrdID."""

    def __init__(self):
        super().__init__()
        self.orders = {}
        self.next_id = 0

    def onCreate(self, session_id): pass
    def onLogon(self, session_id): print("qf_acceptor: logon", session_id.toString(), flush=True)
    def onLogout(self, session_id): print("qf_acceptor: logout", flush=True)
    def toAdmin(self, message, session_id): pass
    def fromAdmin(self, message, session_id): pass
    def toApp(self, message, session_id): pass

    def fromApp(self, message, session_id):
        kind = message.getHeader().getField(35)
        fields = dict(f.split("=", 1) for f in message.toString().split("\x01") if f)
        try:
            if kind == "D": self.new_order(fields, session_id)
            elif kind == "F": self.cancel(fields, session_id)
            elif kind == "H": self.status(fields, session_id)
        except Exception as error:  # never raise into QuickFIX
            print(f"qf_acceptor: {error}", file=sys.stderr, flush=True)

    def report(self, order, exec_type, status, cum, session_id, clordid=None, orig=None):
        self.next_id += 1
        message = fix.Message()
        message.getHeader().setField(fix.MsgType("8"))
        quantity = int(float(order["38"]))
        price = order.get("44", "0")
        values = [(37, order["order_id"]), (11, clordid or order["11"]), (17, f"QE{self.next_id}"),
                  (150, exec_type), (39, status), (55, order["55"]), (54, order["54"]),
                  (38, order["38"]), (151, str(0 if status in "248" else quantity - cum)),
                  (14, str(cum)), (6, price if cum else "0")]
        if orig: values.append((41, orig))
        if exec_type == "F": values += [(32, str(quantity)), (31, price)]
        for tag, value in values: message.setField(tag, value)
        fix.Session.sendToTarget(message, session_id)

    def new_order(self, fields, session_id):
        fields["order_id"] = f"QO{len(self.orders) + 1}"
        fields["state"] = "0"
        self.orders[fields["11"]] = fields
        self.report(fields, "0", "0", 0, session_id)
        if fields.get("40") == "2":  # a limit order fills at once at its limit price
            fields["state"] = "2"
            self.report(fields, "F", "2", int(float(fields["38"])), session_id)

    def cancel(self, fields, session_id):
        order = self.orders.get(fields.get("41", ""))
        if order is None or order["state"] != "0":
            message = fix.Message()
            message.getHeader().setField(fix.MsgType("9"))
            for tag, value in [(37, order["order_id"] if order else "NONE"), (11, fields["11"]),
                               (41, fields.get("41", "")), (39, order["state"] if order else "8"),
                               (434, "1"), (102, "0" if order else "1")]:
                message.setField(tag, value)
            fix.Session.sendToTarget(message, session_id)
            return
        order["state"] = "4"
        self.report(order, "4", "4", 0, session_id, clordid=fields["11"], orig=fields["41"])

    def status(self, fields, session_id):
        order = self.orders.get(fields.get("11", ""))
        if order is None: return
        cum = int(float(order["38"])) if order["state"] == "2" else 0
        self.report(order, "I", order["state"], cum, session_id)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int); parser.add_argument("--work")
    args = parser.parse_args()
    settings, work = make_settings(fix, "acceptor", "VENUE", "CLIENT1", {
        "SocketAcceptPort": args.port, "HeartBtInt": 30, "ResetOnLogon": "Y",
    }, args.work)
    venue = Venue()
    acceptor = fix.SocketAcceptor(venue, fix.FileStoreFactory(settings), settings, fix.FileLogFactory(settings))
    acceptor.start()
    print(f"qf_acceptor: listening on {args.port}; logs in {work}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        acceptor.stop()


if __name__ == "__main__":
    sys.exit(main())
