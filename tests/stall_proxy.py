#!/usr/bin/env python3
"""A TCP proxy in front of xapian-tcpsrv that stalls in the middle of a query, for the tests.

    stall_proxy.py SERVER_PORT STALL_ON [--action stall|close|modified] [--times N]
                   [--then-refuse] [--lifetime SECONDS] [--log]

Listens on a free port of 127.0.0.1 and prints it on stdout, one line, once it listens. Each
connection is forwarded to 127.0.0.1:SERVER_PORT both ways, message by message, until the client
sends a message whose type is one of STALL_ON (comma-separated numbers of Xapian's remote
protocol, e.g. 8, MSG_QUERY, what Enquire::get_mset sends, or 2, MSG_DOCUMENT,
get_document's). What happens then is --action's:
  stall     (the default) that message and everything after it are read and dropped, and the
            sockets stay open, so the client waits for an answer that never comes (a server hung
            mid-query);
  close     both sockets of the connection are closed (a server that died mid-query);
  modified  the message is answered with Xapian's DatabaseModifiedError, as a server whose
            database was re-indexed meanwhile answers, and the connection goes on.
--times N acts on the first N such messages only, counted over all connections; later ones (on a
new connection, once a connection has stalled) go through: a server that answers again.
--then-refuse stops listening once it has acted, so that new connections are refused: a server
that is gone. The greeting and every message before it (opening the database, its metadata) go through, so the
action happens after the database opened.

A message of the protocol is a type byte, a length (one byte below 255; else 255 followed by the
length minus 255 in 7-bit groups, lowest first, the last with its top bit set) and that many
bytes. The proxy stops by itself after --lifetime seconds (default 60), or on SIGTERM. Standard
library only.
"""

import argparse
import os
import signal
import socket
import sys
import threading


def message_length(buf, at):
    """(length, header size) of the message starting at buf[at], or None when incomplete."""
    if at + 2 > len(buf):
        return None
    first = buf[at + 1]
    if first != 0xFF:
        return first, 2
    length, shift, i = 0, 0, at + 2
    while True:
        if i >= len(buf):
            return None
        ch = buf[i]
        length |= (ch & 0x7F) << shift
        shift += 7
        i += 1
        if ch & 0x80:
            return length + 255, i - at


def log(enabled, text):
    if enabled:
        print(text, file=sys.stderr, flush=True)


# Xapian 1.4's remote protocol: the reply type of an exception, and the type code of
# DatabaseModifiedError (the byte before its name in xapian/error.h: "\010DatabaseModifiedError").
REPLY_EXCEPTION = 1
DATABASE_MODIFIED_ERROR = 8


def encode_length(n):
    """Xapian's encode_length: one byte below 255, else 255 then 7-bit groups of n - 255."""
    if n < 255:
        return bytes([n])
    out, n = bytearray([255]), n - 255
    while n >= 128:
        out.append(n & 0x7F)
        n >>= 7
    out.append(n | 0x80)
    return bytes(out)


def modified_reply():
    """The server's answer that makes the client throw Xapian::DatabaseModifiedError."""
    context, msg = b"", b"The revision being read has been discarded - you should call Xapian::Database::reopen() and retry the operation"
    error = bytes([DATABASE_MODIFIED_ERROR]) + encode_length(len(context)) + context + encode_length(len(msg)) + msg
    return bytes([REPLY_EXCEPTION]) + encode_length(len(error)) + error


class Budget:
    """How many more messages the action applies to (None: all), over all connections; with
    `listener` (--then-refuse), it stops listening at the first."""

    def __init__(self, times, listener):
        self.left = times
        self.listener = listener
        self.lock = threading.Lock()

    def take(self):
        with self.lock:
            if self.left is not None:
                if self.left <= 0:
                    return False
                self.left -= 1
            if self.listener is not None:
                try:
                    self.listener.shutdown(socket.SHUT_RDWR)  # Linux: stops listening, wakes accept()
                except OSError:
                    pass
                self.listener = None
            return True


def client_to_server(client, server, to_client, stall_on, action, budget, verbose, name):
    """Forwards whole messages until one of a type in stall_on, then does `action` with it."""
    buf = bytearray()
    stalled = False
    try:
        while True:
            data = client.recv(65536)
            if not data:
                break
            if stalled:
                continue
            buf += data
            at = 0
            while True:
                parsed = message_length(buf, at)
                if parsed is None or at + parsed[1] + parsed[0] > len(buf):
                    break
                kind = buf[at]
                end = at + parsed[1] + parsed[0]
                log(verbose, f"{name}: client message type {kind}, {parsed[0]} bytes")
                if kind in stall_on and budget.take():
                    server.sendall(bytes(buf[:at]))
                    del buf[:end]
                    at = 0
                    if action == "modified":
                        log(verbose, f"{name}: answering DatabaseModifiedError")
                        to_client(modified_reply())
                        continue
                    if action == "close":
                        log(verbose, f"{name}: closing")
                        for s in (client, server):
                            try:
                                s.shutdown(socket.SHUT_RDWR)
                            except OSError:
                                pass
                            s.close()
                        return
                    log(verbose, f"{name}: stalling")
                    stalled = True
                    break
                at = end
            if stalled:
                buf.clear()
                continue
            server.sendall(bytes(buf[:at]))
            del buf[:at]
    except OSError:
        pass


def server_to_client(server, to_client):
    try:
        while True:
            data = server.recv(65536)
            if not data:
                break
            to_client(data)
    except OSError:
        pass


def serve(listener, server_port, stall_on, action, budget, verbose):
    n = 0
    while True:
        try:
            client, _ = listener.accept()
        except OSError:  # no longer listening (--then-refuse)
            return
        n += 1
        server = socket.create_connection(("127.0.0.1", server_port))
        name = f"connection {n}"
        log(verbose, f"{name}: open")
        lock = threading.Lock()  # one thread at a time writes to the client

        def to_client(data, client=client, lock=lock):
            with lock:
                client.sendall(data)

        for target, args in ((client_to_server, (client, server, to_client, stall_on, action, budget, verbose, name)),
                             (server_to_client, (server, to_client))):
            threading.Thread(target=target, args=args, daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("server_port", type=int)
    parser.add_argument("stall_on", help="comma-separated message types, e.g. 8 (MSG_QUERY)")
    parser.add_argument("--action", choices=("stall", "close", "modified"), default="stall",
                        help="what a message of STALL_ON gets (see above)")
    parser.add_argument("--times", type=int, default=None, help="act on the first N such messages only")
    parser.add_argument("--then-refuse", action="store_true", help="stop listening once it has acted")
    parser.add_argument("--lifetime", type=float, default=60.0, help="seconds before it stops by itself")
    parser.add_argument("--log", action="store_true", help="say on stderr what each connection sends")
    args = parser.parse_args()
    stall_on = {int(t) for t in args.stall_on.split(",")}
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    threading.Thread(target=serve, args=(listener, args.server_port, stall_on, args.action, Budget(args.times, listener if args.then_refuse else None), args.log), daemon=True).start()
    threading.Event().wait(args.lifetime)
    os._exit(0)


if __name__ == "__main__":
    main()
