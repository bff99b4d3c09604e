#!/usr/bin/env python3
"""Prints the contents of an OVSDB database in a canonical text form that
does not depend on row UUIDs, so that two databases built by the same
commands (e.g. once by Debian's ovs-vsctl, once by ours) can be compared
with diff.

    ovs-vsctl-dbcmp.py SOCKET [DATABASE]

Each row is named by its content: a reference to another row is replaced
by that row's name, iterating until the names are stable, so that rows in
non-root tables reachable in the same way get the same names.  _uuid and
_version are left out.  Output: one line per row, sorted."""
import hashlib
import json
import socket
import sys


def rpc(sock, method, params, rid=[0]):
    rid[0] += 1
    sock.sendall(json.dumps({"method": method, "params": params,
                             "id": rid[0]}).encode())
    buf = b""
    dec = json.JSONDecoder()
    while True:
        data = sock.recv(1 << 20)
        if not data:
            raise SystemExit("connection closed")
        buf += data
        try:
            msg, _ = dec.raw_decode(buf.decode())
        except ValueError:
            continue
        if msg.get("id") == rid[0]:
            if msg.get("error"):
                raise SystemExit("error: %r" % msg["error"])
            return msg["result"]
        buf = b""


def main():
    path = sys.argv[1]
    db = sys.argv[2] if len(sys.argv) > 2 else "Open_vSwitch"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    schema = rpc(sock, "get_schema", [db])
    tables = sorted(schema["tables"])
    ops = [{"op": "select", "table": t, "where": []} for t in tables]
    result = rpc(sock, "transact", [db] + ops)

    rows = {}                   # uuid -> (table, row)
    for t, r in zip(tables, result):
        for row in r["rows"]:
            rows[row["_uuid"][1]] = (t, row)

    names = {u: t for u, (t, _) in rows.items()}

    def render(value):
        if isinstance(value, list) and len(value) == 2:
            if value[0] == "uuid":
                return ["ref", names.get(value[1], "dangling")]
            if value[0] == "set":
                return ["set", sorted((render(v) for v in value[1]),
                                      key=json.dumps)]
            if value[0] == "map":
                return ["map", sorted(([render(k), render(v)]
                                       for k, v in value[1]),
                                      key=json.dumps)]
        return value

    def content(u):
        t, row = rows[u]
        cols = {c: render(v) for c, v in row.items()
                if c not in ("_uuid", "_version")}
        return t + " " + json.dumps(cols, sort_keys=True)

    for _ in range(8):
        names = {u: rows[u][0] + ":" + hashlib.sha1(
            content(u).encode()).hexdigest()[:12] for u in rows}
    for line in sorted(content(u) for u in rows):
        print(line)


if __name__ == "__main__":
    main()
