"""A JSON-RPC proxy that makes a modern ovsdb-server look older, for
tests/func/ovsdb-idl.sh: the IDL must fall back from monitor_cond_since to
monitor_cond and to plain monitor, and work without a _Server database.

    ovsdb_idl_proxy.py LISTEN-SOCKET SERVER-SOCKET [--block METHOD]...
                       [--no-server-db]

Every connection accepted on LISTEN-SOCKET (a unix socket) is relayed to
SERVER-SOCKET, except that requests for a blocked METHOD get the error
"unknown method" and, with --no-server-db, requests naming the _Server
database get "unknown database" -- the replies of a server that lacks
them.  Python 3 standard library only.
"""
import json
import os
import selectors
import socket
import sys


class Conn:
    def __init__(self, client, server):
        self.client = client
        self.server = server
        self.from_client = b""


def main():
    args = sys.argv[1:]
    listen_path, server_path = args[0], args[1]
    blocked = set()
    no_server_db = False
    i = 2
    while i < len(args):
        if args[i] == "--block":
            blocked.add(args[i + 1])
            i += 2
        elif args[i] == "--no-server-db":
            no_server_db = True
            i += 1
        else:
            sys.exit("unknown option " + args[i])

    if os.path.exists(listen_path):
        os.unlink(listen_path)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(listen_path)
    listener.listen(16)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, None)
    decoder = json.JSONDecoder()

    def close(conn):
        for s in (conn.client, conn.server):
            try:
                sel.unregister(s)
            except (KeyError, ValueError):
                pass
            s.close()

    def refused(msg):
        method = msg.get("method")
        params = msg.get("params") or []
        if method in blocked:
            return "unknown method"
        if (no_server_db and method in ("get_schema", "monitor",
                                        "monitor_cond",
                                        "monitor_cond_since", "transact")
                and params and params[0] == "_Server"):
            return {"error": "unknown database",
                    "details": "unknown database _Server"}
        return None

    def relay_client(conn, data):
        conn.from_client += data
        while True:
            text = conn.from_client.decode("utf-8", "replace").lstrip()
            if not text:
                conn.from_client = b""
                return
            try:
                msg, end = decoder.raw_decode(text)
            except ValueError:
                return
            conn.from_client = text[end:].encode()
            error = refused(msg) if isinstance(msg, dict) else None
            if error is not None and msg.get("id") is not None:
                reply = {"id": msg["id"], "result": None, "error": error}
                conn.client.sendall(json.dumps(reply).encode())
            else:
                conn.server.sendall(json.dumps(msg).encode())

    while True:
        for key, _ in sel.select():
            if key.data is None:
                client, _ = listener.accept()
                server = socket.socket(socket.AF_UNIX)
                try:
                    server.connect(server_path)
                except OSError:
                    client.close()
                    continue
                conn = Conn(client, server)
                sel.register(client, selectors.EVENT_READ, (conn, True))
                sel.register(server, selectors.EVENT_READ, (conn, False))
                continue
            conn, is_client = key.data
            try:
                data = key.fileobj.recv(65536)
            except OSError:
                data = b""
            if not data:
                close(conn)
            elif is_client:
                relay_client(conn, data)
            else:
                try:
                    conn.client.sendall(data)
                except OSError:
                    close(conn)


if __name__ == "__main__":
    main()
