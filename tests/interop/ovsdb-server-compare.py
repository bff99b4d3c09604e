"""Runs the same JSON-RPC conversation against two OVSDB servers (ours and
OVS 3.1's, both serving a fresh Open_vSwitch database) and compares what
they answer, message by message, after replacing UUIDs by names given in
order of appearance.

    python3 ovsdb-server-compare.py OUR-SOCKET OVS-SOCKET

Deliberate differences are normalized away: transaction ids of
monitor_cond_since/update3 (OVS's standalone databases always report the
all-zeros id; ours keep a history) and the server id.  Requests that
crash OVS 3.1's server are not sent.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "func"))
import ovsdb_rpc as r                                   # noqa: E402

DB = "Open_vSwitch"


def steps():
    """The conversation: (client, method, params) or ("notify", client,
    method, params) or ("sleep", seconds)."""
    s = []

    def req(c, method, params):
        s.append((c, method, params))

    req("a", "list_dbs", [])
    req("a", "echo", ["x", 1, [True, None]])
    req("a", "set_db_change_aware", [True])
    req("a", "frob", [])
    for m in ["get_schema", "transact", "monitor", "monitor_cond",
              "monitor_cond_since"]:
        params = ["Nope", None, {}]
        if m == "monitor_cond_since":
            params.append(r.ZERO_UUID)
        req("a", m, params)
        req("a", m, [])
        req("a", m, [5])
    req("a", "get_schema", ["_Server"])
    req("a", "set_db_change_aware", [])
    req("a", "set_db_change_aware", [1])

    # Contents.
    req("b", "transact", [DB, {"op": "insert", "table": "Open_vSwitch",
                               "row": {"bridges": ["named-uuid", "br0"]}},
                          {"op": "insert", "table": "Bridge",
                           "uuid-name": "br0",
                           "row": {"name": "br0",
                                   "ports": ["named-uuid", "p0"]}},
                          {"op": "insert", "table": "Port",
                           "uuid-name": "p0",
                           "row": {"name": "br0",
                                   "interfaces": ["named-uuid", "i0"]}},
                          {"op": "insert", "table": "Interface",
                           "uuid-name": "i0",
                           "row": {"name": "br0", "type": "internal"}},
                          {"op": "comment", "comment": "setup"}])

    # Monitors.
    req("a", "monitor", [DB, "v1", {"Bridge": {"columns": ["name",
                                                           "other_config",
                                                           "fail_mode"]}}])
    req("a", "monitor", [DB, "v1", {"Bridge": {}}])
    req("a", "monitor", [DB, "x", {"Nope": {}}])
    req("a", "monitor", [DB, "x", {"Bridge": {"columns": ["nope"]}}])
    req("a", "monitor", [DB, "x", {"Bridge": {"columns": [1]}}])
    req("a", "monitor", [DB, "x", {"Bridge": {"select": {"foo": True}}}])
    req("a", "monitor", [DB, "x", {"Bridge": {"select": {"insert": 1}}}])
    req("a", "monitor", [DB, "x", {"Bridge": 5}])
    req("a", "monitor", [DB, "x", {"Bridge": {"where": []}}])
    req("a", "monitor", [DB, "x", []])
    req("a", "monitor", [DB, "x", {"Bridge": [{"columns": ["name"]},
                                              {"columns": ["name"]}]}])
    req("c", "monitor_cond", [DB, "v2",
                              {"Bridge": [{"columns": ["name", "fail_mode",
                                                       "other_config",
                                                       "flood_vlans",
                                                       "stp_enable"],
                                           "where": [["name", "==",
                                                      "br0"]]}],
                               "Interface": [{"columns": ["name", "type",
                                                          "ofport"]}]}])
    req("c", "monitor_cond", [DB, "bad", {"Bridge": [{"where": 5}]}])
    req("c", "monitor_cond", [DB, "bad", {"Bridge": [{"where":
                                                      [["nope", "==", 1]]}]}])
    req("c", "monitor_cond", [DB, "bad", {"Bridge": [{"where":
                                                      [["name", ">", "x"]]}]}])
    req("c", "monitor_cond", [DB, "bad", {"Bridge": [{"where":
                                                      [["name", "==", 1]]}]}])
    req("c", "monitor_cond", [DB, "bad", {"Bridge": [5]}])
    req("c", "monitor_cond", [DB, "bad"])
    req("c", "monitor_cond", [DB, "bad", {}, 5])

    req("b", "transact", [DB, {"op": "update", "table": "Bridge",
                               "where": [["name", "==", "br0"]],
                               "row": {"other_config":
                                       ["map", [["a", "1"], ["b", "2"]]],
                                       "fail_mode": "secure",
                                       "flood_vlans": ["set", [1, 2]]}}])
    req("b", "transact", [DB, {"op": "update", "table": "Bridge",
                               "where": [["name", "==", "br0"]],
                               "row": {"other_config":
                                       ["map", [["a", "9"]]],
                                       "fail_mode": ["set", []],
                                       "flood_vlans": ["set", [2, 3]]}}])
    req("b", "transact", [DB, {"op": "mutate", "table": "Bridge",
                               "where": [["name", "==", "br0"]],
                               "mutations": [["flood_vlans", "insert",
                                              ["set", [7]]]]}])
    req("b", "transact", [DB, {"op": "update", "table": "Interface",
                               "where": [], "row": {"ofport": 5}}])

    req("c", "monitor_cond_change", ["v2", "v2b",
                                     {"Bridge": [{"where": [["name", "==",
                                                             "zz"]]}]}])
    req("c", "monitor_cond_change", ["v2b", "v2c",
                                     {"Bridge": [{"where": [True]}]}])
    req("c", "monitor_cond_change", ["v2", "v2", {}])
    req("c", "monitor_cond_change", ["v2c", "v2c", 5])
    req("c", "monitor_cond_change", ["v2c", "v2c",
                                     {"Port": [{"where": []}]}])
    req("c", "monitor_cond_change", ["v2c", "v2c",
                                     {"Nope": [{"where": []}]}])
    req("c", "monitor_cond_change", ["v2c", "v2c",
                                     {"Bridge": {"where": []}}])
    req("c", "monitor_cond_change", ["v2c", "v2c",
                                     {"Bridge": [{"columns": ["name"],
                                                  "where": []}]}])
    req("c", "monitor_cond_change", ["v2c", "v2c",
                                     {"Bridge": [{"where": [],
                                                  "foo": 1}]}])
    req("c", "monitor_cond_change", ["v2c"])

    req("c", "monitor_cond_since", [DB, "v3", {"Port": [{"columns":
                                                         ["name", "tag"]}]},
                                    r.ZERO_UUID])
    req("c", "monitor_cond_since", [DB, "v3x", {}, "zzz"])
    req("c", "monitor_cond_since", [DB, "v3x", {}, None])
    req("b", "transact", [DB, {"op": "update", "table": "Port",
                               "where": [], "row": {"tag": 9}}])

    req("a", "monitor_cancel", ["v1"])
    req("a", "monitor_cancel", ["v1"])
    req("a", "monitor_cancel", [])
    req("b", "transact", [DB, {"op": "update", "table": "Bridge",
                               "where": [], "row": {"stp_enable": True}}])

    # Transaction errors.
    for ops in [
            [{"op": "frob"}],
            [5],
            [{"op": "select", "table": "Nope", "where": []}],
            [{"op": "select", "table": "Bridge", "where": [["nope", "==",
                                                            1]]}],
            [{"op": "insert", "table": "Bridge", "row": {"name": 5}}],
            [{"op": "insert", "table": "Bridge", "row": {"name": "br0"}}],
            [{"op": "insert", "table": "Open_vSwitch", "row": {}}],
            [{"op": "insert", "table": "Bridge", "row": {"name": "q"},
              "uuid-name": "x"},
             {"op": "insert", "table": "Bridge", "row": {"name": "r"},
              "uuid-name": "x"}],
            [{"op": "update", "table": "Open_vSwitch", "where": [],
              "row": {"bridges": ["uuid",
                                  "11111111-1111-1111-1111-111111111111"]}}],
            [{"op": "update", "table": "Bridge", "where": [],
              "row": {"name": "new"}}],
            [{"op": "mutate", "table": "Bridge", "where": [],
              "mutations": [["flood_vlans", "insert", ["set", [9999]]]]}],
            [{"op": "delete", "table": "Interface", "where": []}],
            [{"op": "wait", "table": "Bridge", "where": [],
              "columns": ["name"], "until": "==",
              "rows": [{"name": "x"}], "timeout": 0}],
            [{"op": "insert", "table": "Bridge", "row": {"name": "ab"}},
             {"op": "abort"}],
            [{"op": "assert", "lock": "nolock"}],
            [{"op": "commit", "durable": True}],
            [{"op": "comment", "comment": "hello"}]]:
        req("b", "transact", [DB] + ops)
    req("b", "transact", ["_Server", {"op": "delete", "table": "Database",
                                      "where": []}])
    req("b", "transact", ["_Server", {"op": "select", "table": "Database",
                                      "where": [["name", "==", DB]],
                                      "columns": ["name", "model",
                                                  "connected", "leader",
                                                  "schema"]}])

    # Locks.
    req("b", "lock", ["L"])
    req("c", "lock", ["L"])
    req("b", "lock", ["L"])
    req("a", "steal", ["L"])
    req("a", "unlock", ["L"])
    req("b", "unlock", ["L"])
    req("b", "unlock", ["L"])
    req("b", "lock", [])
    req("b", "lock", ["bad name"])
    req("b", "steal", [7])
    req("b", "unlock", [])
    req("c", "transact", [DB, {"op": "assert", "lock": "L"},
                          {"op": "comment", "comment": "locked"}])

    # _Server.
    req("a", "monitor_cond", ["_Server", ["monid", "_Server"],
                              {"Database": [{"columns": ["name", "model",
                                                         "connected",
                                                         "leader", "schema",
                                                         "cid", "index"]}]}])
    return s


def normalize_txn_ids(msg):
    """Replaces transaction ids (not comparable, see above)."""
    if not isinstance(msg, dict):
        return msg
    if msg.get("method") == "update3":
        msg["params"][1] = "TXN"
    res = msg.get("result")
    if (isinstance(res, list) and len(res) == 3 and isinstance(res[0], bool)
            and isinstance(res[1], str) and r.UUID_RE.fullmatch(res[1])):
        res[1] = "TXN"
    return msg


class Namer:
    """Names UUIDs <0>, <1>... in order of first appearance, visiting the
    members of objects keyed by UUIDs and the elements of UUID sets in an
    order that does not depend on the UUIDs' values."""

    def __init__(self):
        self.names = {}

    def name(self, u):
        if u == r.ZERO_UUID:
            return u
        if u not in self.names:
            self.names[u] = "<%d>" % len(self.names)
        return self.names[u]

    def shape(self, obj):
        return r.UUID_RE.sub("U", json.dumps(obj, sort_keys=True))

    def norm(self, obj):
        if isinstance(obj, str):
            if r.UUID_RE.fullmatch(obj):
                return self.name(obj)
            return r.UUID_RE.sub(lambda m: self.name(m.group(0)), obj)
        if isinstance(obj, list):
            if (len(obj) == 2 and obj[0] == "set"
                    and isinstance(obj[1], list)):
                elems = [self.norm(e) for e in obj[1]]
                return ["set", sorted(elems, key=json.dumps)]
            return [self.norm(e) for e in obj]
        if isinstance(obj, dict):
            keys = list(obj)
            if keys and all(r.UUID_RE.fullmatch(k) for k in keys):
                keys.sort(key=lambda k: (k not in self.names,
                                         self.names.get(k, ""),
                                         self.shape(obj[k])))
            else:
                keys.sort()
            return {self.norm(k): self.norm(obj[k]) for k in keys}
        return obj


def converse(sock):
    clients = {n: r.Client(sock) for n in "abc"}
    namer = Namer()
    transcript = []
    for step in steps():
        c, method, params = step
        client = clients[c]
        reply = client.call(method, params, timeout=3)
        # Notifications to other clients leave the server in the same
        # main loop iteration as the reply: a short pause catches them.
        time.sleep(0.03)
        notes = []
        for n, other in sorted(clients.items()):
            while True:
                msg = other.notification(timeout=0.002)
                if msg is None:
                    break
                notes.append((n, msg))
        notes.sort(key=lambda x: (x[0], json.dumps(x[1], sort_keys=True)))
        if method == "get_server_id" and isinstance(reply, dict):
            reply["result"] = "SERVER-ID"
        transcript.append({
            "request": [c, method, params],
            "reply": namer.norm(normalize_txn_ids(reply)),
            "notifications": [[n, namer.norm(normalize_txn_ids(m))]
                              for n, m in notes]})
    return transcript


# Differences that belong to other modules and are reported to their
# owners: (request, what OVS says, what we say).
KNOWN = [
    # ovsdb/execution.c words read-only refusals the same way for the
    # reserved _Server database as for read-only remotes.
    ("delete operation not allowed on table in reserved database _Server",
     "delete operation not allowed when database server is in read only "
     "mode"),
]


def known_difference(mine, ref):
    a = json.dumps(ref, sort_keys=True)
    b = json.dumps(mine, sort_keys=True)
    for theirs_text, ours_text in KNOWN:
        if a.replace(theirs_text, ours_text) == b:
            return True
    return False


def main():
    ours = converse(sys.argv[1])
    theirs = converse(sys.argv[2])
    bad = 0
    for mine, ref in zip(ours, theirs):
        if mine != ref and known_difference(mine, ref):
            print("known difference for %s" % json.dumps(ref["request"]))
        elif mine != ref:
            bad += 1
            print("DIFFERENT for %s:" % json.dumps(ref["request"]))
            print("  OVS:  %s" % json.dumps(ref, sort_keys=True))
            print("  ours: %s" % json.dumps(mine, sort_keys=True))
    print("%d of %d exchanges differ" % (bad, len(ours)))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
