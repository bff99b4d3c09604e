"""Protocol cases for tests/func/ovsdb-server.sh: each function drives a
running ovsdb-server through raw JSON-RPC on $SOCK and raises
ovsdb_rpc.Failure when the server does not answer as OVS 3.1 does.

Environment: SOCK (the server's punix socket), CTL (its unixctl socket),
APPCTL (ovs-appctl to use), TDIR (the test directory), DB (database name of
the test schema, "T").

    python3 ovsdb_server_cases.py CASE...
"""

import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ovsdb_rpc as r                               # noqa: E402
from ovsdb_rpc import check, check_eq, fail         # noqa: E402

SOCK = os.environ.get("SOCK", "")
CTL = os.environ.get("CTL", "")
APPCTL = os.environ.get("APPCTL", "ovs-appctl")
TDIR = os.environ.get("TDIR", "/tmp")
DB = "T"


def client():
    return r.Client(SOCK)


def appctl(*args):
    p = subprocess.run([APPCTL, "-t", CTL] + list(args),
                       capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def uuid_of(result):
    return result["uuid"][1]


def server_alive():
    """A fresh client gets an answer: the server survived."""
    c = client()
    check_eq(["T", "_Server"], c.result("list_dbs", []), "list_dbs")
    c.close()


# ---------------------------------------------------------------------------

def case_simple_methods():
    c = client()
    check_eq(["T", "_Server"], c.result("list_dbs", []), "list_dbs")
    schema = c.result("get_schema", [DB])
    check_eq("T", schema["name"], "schema name")
    check(set(schema["tables"]) == {"Root", "Item", "Manager"},
          "schema tables")
    sid = c.result("get_server_id", [])
    check(r.UUID_RE.fullmatch(sid) is not None, "server id is a UUID")
    check_eq(sid, c.result("get_server_id", []), "server id stable")
    check_eq([1, "a", {"b": None}], c.result("echo", [1, "a", {"b": None}]),
             "echo")
    check_eq({}, c.result("set_db_change_aware", [True]), "aware")

    reply = c.call("frobnicate", [], id=17)
    check_eq({"id": 17, "error": "unknown method"},
             {k: v for k, v in reply.items() if v is not None},
             "unknown method")
    check_eq({"error": "unknown database",
              "details": "get_schema request specifies unknown database "
                         "nope",
              "syntax": '["nope"]'},
             c.call("get_schema", ["nope"])["error"], "unknown database")
    check_eq({"error": "syntax error",
              "details": "get_schema request params must begin with "
                         "<db-name>",
              "syntax": "[]"},
             c.call("get_schema", [])["error"], "get_schema []")
    check_eq({"error": "unknown database",
              "details": "transact request specifies unknown database x",
              "syntax": '["x"]'},
             c.call("transact", ["x"])["error"], "transact unknown db")
    check_eq({"error": "syntax error",
              "details": "set_db_change_aware: true or false parameter "
                         "expected",
              "syntax": '["x"]'},
             c.call("set_db_change_aware", ["x"])["error"], "aware error")
    check_eq({"error": "unknown database",
              "details": "monitor_cond request specifies unknown database "
                         "nope",
              "syntax": '["nope","x",{}]'},
             c.call("monitor_cond", ["nope", "x", {}])["error"],
             "monitor_cond unknown db")
    check_eq({"error": "syntax error", "details": "invalid parameters",
              "syntax": '["T","m"]'},
             c.call("monitor", ["T", "m"])["error"], "monitor 2 params")
    check_eq("invalid parameters", c.call("monitor_cancel", [])["error"],
             "monitor_cancel []")
    check_eq("unknown monitor", c.call("monitor_cancel", ["m"])["error"],
             "monitor_cancel unknown")
    # "cancel" is a notification: as a request it is unknown.
    check_eq("unknown method", c.call("cancel", [1])["error"],
             "cancel as request")


def case_transact():
    c = client()
    res = c.transact(DB, {"op": "insert", "table": "Item",
                          "row": {"name": "i1", "n": 5}})
    u = uuid_of(res[0])
    rows = c.transact(DB, {"op": "select", "table": "Item",
                           "where": [["_uuid", "==", ["uuid", u]]],
                           "columns": ["name", "n"]})
    check_eq([{"rows": [{"name": "i1", "n": 5}]}], rows, "select")
    res = c.transact(DB, {"op": "insert", "table": "Item",
                          "row": {"name": "i1"}})
    check_eq("constraint violation", res[-1].get("error"), "index dup")
    # Comment-only and empty transactions.
    check_eq([{}], c.transact(DB, {"op": "comment", "comment": "x"}),
             "comment")
    check_eq([], c.transact(DB), "empty")
    # _Server is read-only for clients.
    res = c.transact("_Server", {"op": "delete", "table": "Database",
                                 "where": []})
    check_eq("not allowed", res[0].get("error"), "_Server write")


def case_wait_timeout():
    c = client()
    start = time.time()
    res = c.transact(DB, {"op": "wait", "table": "Item", "where": [],
                          "columns": ["name"], "until": "==",
                          "rows": [{"name": "never"}], "timeout": 300})
    elapsed = time.time() - start
    check_eq("timed out", res[0].get("error"), "wait error")
    check(elapsed >= 0.29, "waited %.3f s" % elapsed)
    check(elapsed < 3, "waited %.3f s" % elapsed)


def case_wait_released_by_commit():
    a, b = client(), client()
    b.transact(DB, {"op": "insert", "table": "Item",
                    "row": {"name": "w"}})
    id = a.request("transact", [DB, {"op": "wait", "table": "Item",
                                     "where": [["name", "==", "w"]],
                                     "columns": ["n"], "until": "!=",
                                     "rows": [{"n": 0}]},
                                {"op": "insert", "table": "Item",
                                 "row": {"name": "after-wait"}}])
    check(a.wait_reply(id, timeout=0.3) is None, "blocked")
    b.transact(DB, {"op": "update", "table": "Item",
                    "where": [["name", "==", "w"]], "row": {"n": 1}})
    reply = a.wait_reply(id, timeout=3)
    check(isinstance(reply, dict), "reply after commit")
    check_eq(2, len(reply["result"]), "two results")
    check_eq({}, reply["result"][0], "wait result")
    rows = b.transact(DB, {"op": "select", "table": "Item",
                           "where": [["name", "==", "after-wait"]],
                           "columns": ["name"]})
    check_eq([{"rows": [{"name": "after-wait"}]}], rows, "insert ran")


def case_cancel():
    a = client()
    a.send({"method": "transact", "id": 7,
            "params": [DB, {"op": "wait", "table": "Item", "where": [],
                            "columns": ["name"], "until": "==",
                            "rows": [{"name": "never"}]}]})
    check(a.wait_reply(7, timeout=0.3) is None, "blocked")
    a.send({"method": "cancel", "params": [7], "id": None})
    reply = a.wait_reply(7, timeout=2)
    check(isinstance(reply, dict), "reply to canceled request")
    check_eq("canceled", reply["error"], "canceled")
    check_eq([], a.result("echo", []), "still serving")


def case_monitor_v1():
    c, w = client(), client()
    w.transact(DB, {"op": "insert", "table": "Item",
                    "row": {"name": "m1", "n": 1}})
    init = c.result("monitor", [DB, "mon", {"Item": {}}])
    rows = list(init["Item"].values())
    check_eq(1, len(rows), "initial rows")
    new = rows[0]["new"]
    check_eq({"_version", "name", "n", "tags", "opts", "mode"}, set(new),
             "all columns except _uuid, defaults included")
    check_eq(["set", []], new["tags"], "empty set")

    # Errors.
    check_eq({"error": "syntax error", "details": "duplicate monitor ID",
              "syntax": '"mon"'},
             c.call("monitor", [DB, "mon", {"Item": {}}])["error"], "dup")
    check_eq({"error": "syntax error", "details": "no table named Nope"},
             c.call("monitor", [DB, "x", {"Nope": {}}])["error"],
             "unknown table")
    check_eq({"error": "syntax error",
              "details": "nope is not a valid column name",
              "syntax": '["nope"]'},
             c.call("monitor", [DB, "x", {"Item": {"columns": ["nope"]}}])
             ["error"], "unknown column")
    check_eq({"error": "syntax error",
              "details": "column n mentioned more than once",
              "syntax": '["n"]'},
             c.call("monitor", [DB, "x", {"Item": [{"columns": ["n"]},
                                                   {"columns": ["n"]}]}])
             ["error"], "column twice")
    check_eq({"error": "syntax error",
              "details": "Parsing table Item failed: Member 'where' is "
                         "present but not allowed here.",
              "syntax": '{"where":[]}'},
             c.call("monitor", [DB, "x", {"Item": {"where": []}}])["error"],
             "where in monitor")
    check_eq({"error": "syntax error",
              "details": "monitor-requests must be object",
              "syntax": "[]"},
             c.call("monitor", [DB, "x", []])["error"], "requests array")

    # Second monitor with some columns and no initial contents.
    check_eq({}, c.result("monitor", [DB, ["m", 2],
                                      {"Item": {"columns": ["n"],
                                                "select": {"initial":
                                                           False}}}]),
             "no initial")

    u = uuid_of(w.transact(DB, {"op": "insert", "table": "Item",
                                "row": {"name": "m2"}})[0])
    updates = {}
    for _ in range(2):
        n = c.notification("update")
        check(n is not None, "update notification")
        updates[json.dumps(n["params"][0])] = n["params"][1]
    check_eq({"Item": {u: {"new": {"n": 0}}}}, updates['["m", 2]'],
             "insert, column subset")
    check_eq({"name", "n", "tags", "opts", "mode", "_version"},
             set(updates['"mon"']["Item"][u]["new"]), "insert, all")

    w.transact(DB, {"op": "update", "table": "Item",
                    "where": [["_uuid", "==", ["uuid", u]]],
                    "row": {"n": 7}})
    for _ in range(2):
        n = c.notification("update")
        upd = n["params"][1]["Item"][u]
        if n["params"][0] == ["m", 2]:
            check_eq({"new": {"n": 7}, "old": {"n": 0}}, upd, "modify")
        else:
            check_eq({"n", "_version"}, set(upd["old"]), "old: changed")
            check_eq(7, upd["new"]["n"], "new: all")

    # A change to an unmonitored column: nothing for ["m", 2].
    check_eq({}, c.result("monitor_cancel", ["mon"]), "cancel")
    w.transact(DB, {"op": "update", "table": "Item",
                    "where": [["_uuid", "==", ["uuid", u]]],
                    "row": {"tags": ["set", ["x"]]}})
    c.no_message()

    w.transact(DB, {"op": "delete", "table": "Item",
                    "where": [["_uuid", "==", ["uuid", u]]]})
    n = c.notification("update")
    check_eq([["m", 2], {"Item": {u: {"old": {"n": 7}}}}], n["params"],
             "delete")


def case_monitor_cond_v2():
    c, w = client(), client()
    res = w.transact(DB, {"op": "insert", "table": "Item",
                          "row": {"name": "c1", "mode": "a",
                                  "tags": ["set", ["x", "y"]],
                                  "opts": ["map", [["k", "v"]]]}},
                     {"op": "insert", "table": "Item",
                      "row": {"name": "c2"}})
    u1, u2 = uuid_of(res[0]), uuid_of(res[1])
    init = c.result("monitor_cond",
                    [DB, "mc", {"Item": [{"columns": ["name", "n", "tags",
                                                      "opts", "mode"],
                                          "where": [["name", "==",
                                                     "c1"]]}]}])
    check_eq({"Item": {u1: {"initial": {"name": "c1", "mode": "a",
                                        "tags": ["set", ["x", "y"]],
                                        "opts": ["map", [["k", "v"]]]}}}},
             init, "initial without defaults")

    w.transact(DB, {"op": "update", "table": "Item",
                    "where": [["name", "==", "c1"]],
                    "row": {"tags": ["set", ["y", "z"]],
                            "opts": ["map", [["k", "w"], ["k2", "v2"]]],
                            "mode": ["set", []], "n": 3}})
    n = c.notification("update2")
    check_eq(["mc", {"Item": {u1: {"modify": {
        "tags": ["set", ["x", "z"]],
        "opts": ["map", [["k", "w"], ["k2", "v2"]]],
        "mode": ["set", []],
        "n": 3}}}}], n["params"], "modify diffs")

    w.transact(DB, {"op": "update", "table": "Item",
                    "where": [["name", "==", "c1"]],
                    "row": {"opts": ["map", [["k", "w"]]]}})
    n = c.notification("update2")
    check_eq({"opts": ["map", [["k2", "v2"]]]},
             n["params"][1]["Item"][u1]["modify"], "map key removed")

    # Rows not matching the condition are invisible.
    w.transact(DB, {"op": "update", "table": "Item",
                    "where": [["name", "==", "c2"]], "row": {"n": 9}})
    c.no_message()

    # Condition change: c1 leaves, c2 enters; update before the reply.
    c.send({"method": "monitor_cond_change", "id": "chg",
            "params": ["mc", "mc2", {"Item": [{"where": [["name", "==",
                                                          "c2"]]}]}]})
    first = c.recv(3)
    check_eq("update2", first.get("method"), "update before reply")
    check_eq(["mc2", {"Item": {u1: {"delete": None},
                               u2: {"insert": {"name": "c2", "n": 9}}}}],
             first["params"], "cond change update")
    reply = c.recv(3)
    check_eq({"id": "chg", "result": {}, "error": None}, reply,
             "cond change reply")

    # Errors.
    check_eq({"error": "syntax error", "details": "unknown monitor session",
              "syntax": '"mc"'},
             c.call("monitor_cond_change", ["mc", "mc", {}])["error"],
             "old id gone")
    check_eq({"error": "syntax error",
              "details": "changing columns is unsupported",
              "syntax": '{"columns":["n"],"where":[]}'},
             c.call("monitor_cond_change",
                    ["mc2", "mc2", {"Item": [{"columns": ["n"],
                                              "where": []}]}])["error"],
             "columns change")
    check_eq({"error": "syntax error",
              "details": "no table named Root in monitor session"},
             c.call("monitor_cond_change",
                    ["mc2", "mc2", {"Root": [{"where": []}]}])["error"],
             "table not monitored")
    check_eq({"error": "syntax error",
              "details": "monitor-cond-change-requests must be object"},
             c.call("monitor_cond_change", ["mc2", "mc2", 5])["error"],
             "not object")
    check_eq({"error": "syntax error", "details": "invalid parameters",
              "syntax": '["mc2"]'},
             c.call("monitor_cond_change", ["mc2"])["error"], "params")
    err = c.call("monitor_cond",
                 [DB, "bad", {"Item": [{"where": [["nope", "==", 1]]}]}])
    check_eq("unknown column", err["error"]["error"], "bad where column")

    # Monitoring everything reports _version; delete is "delete": null.
    c.result("monitor_cond", [DB, "all", {"Item": [{}]}])
    w.transact(DB, {"op": "delete", "table": "Item",
                    "where": [["name", "==", "c2"]]})
    got = {}
    for _ in range(2):
        n = c.notification("update2")
        got[n["params"][0]] = n["params"][1]
    check_eq({"Item": {u2: {"delete": None}}}, got["mc2"], "delete mc2")
    check_eq({"Item": {u2: {"delete": None}}}, got["all"], "delete all")


def case_monitor_cond_since():
    c, w = client(), client()
    zero = r.ZERO_UUID
    found, last, init = c.result("monitor_cond_since",
                                 [DB, "s", {"Item": [{"columns": ["n"]}]},
                                  zero])
    check_eq(False, found, "zero id not found")
    u = uuid_of(w.transact(DB, {"op": "insert", "table": "Item",
                                "row": {"name": "s1", "n": 1}})[0])
    n = c.notification("update3")
    check_eq("s", n["params"][0], "update3 id")
    id1 = n["params"][1]
    check(id1 != zero and r.UUID_RE.fullmatch(id1), "txn id")
    check_eq({"Item": {u: {"insert": {"n": 1}}}}, n["params"][2], "insert")

    w.transact(DB, {"op": "update", "table": "Item",
                    "where": [["name", "==", "s1"]], "row": {"n": 2}})
    id2 = c.notification("update3")["params"][1]
    v = uuid_of(w.transact(DB, {"op": "insert", "table": "Item",
                                "row": {"name": "s2", "n": 5}})[0])
    id3 = c.notification("update3")["params"][1]
    check(len({id1, id2, id3}) == 3, "distinct txn ids")

    # A client that saw id1 gets only what happened since.
    d = client()
    found, last, upd = d.result("monitor_cond_since",
                                [DB, "s", {"Item": [{"columns": ["n"]}]},
                                 id1])
    check_eq(True, found, "found id1")
    check_eq(id3, last, "last txn id")
    check_eq({"Item": {u: {"modify": {"n": 2}},
                       v: {"insert": {"n": 5}}}}, upd, "changes since id1")
    # Up to date: nothing to send.
    e = client()
    check_eq([True, id3, {}],
             e.result("monitor_cond_since",
                      [DB, "s", {"Item": [{"columns": ["n"]}]}, id3]),
             "up to date")
    # Unknown id: everything, found false.
    found, last, upd = e.result("monitor_cond_since",
                                [DB, "s2", {"Item": [{"columns": ["n"]}]},
                                 "11111111-2222-3333-4444-555555555555"])
    check_eq(False, found, "unknown id")
    check_eq(id3, last, "last id when not found")
    check(u in upd["Item"] and "initial" in upd["Item"][u], "initial rows")

    check_eq({"error": "syntax error",
              "details": "last-txn-id must be UUID format.",
              "syntax": '"zzz"'},
             e.call("monitor_cond_since", [DB, "s3", {}, "zzz"])["error"],
             "bad id")
    check_eq({"error": "syntax error",
              "details": "last-txn-id must be string", "syntax": "5"},
             e.call("monitor_cond_since", [DB, "s3", {}, 5])["error"],
             "id not string")


def case_update_before_reply():
    c = client()
    c.result("monitor_cond", [DB, "m", {"Item": [{"columns": ["n"]}]}])
    c.send({"method": "transact", "id": "t",
            "params": [DB, {"op": "insert", "table": "Item",
                            "row": {"name": "ubr", "n": 4}}]})
    first = c.recv(3)
    check_eq("update2", first.get("method"), "notification first")
    second = c.recv(3)
    check_eq("t", second.get("id"), "then the reply")


def case_locks():
    c, d, e = client(), client(), client()
    check_eq({"locked": True}, c.result("lock", ["L"]), "c lock")
    check_eq({"locked": False}, d.result("lock", ["L"]), "d lock")
    check_eq({"error": "syntax error",
              "details": 'must issue "unlock" before new "lock"',
              "syntax": '["L"]'},
             c.call("lock", ["L"])["error"], "lock twice")
    # The holder may commit with an assert.
    res = c.transact(DB, {"op": "assert", "lock": "L"},
                     {"op": "insert", "table": "Item",
                      "row": {"name": "locked"}})
    check_eq({}, res[0], "assert held")
    res = d.transact(DB, {"op": "assert", "lock": "L"})
    check_eq("not owner", res[0].get("error"), "assert not held")

    check_eq({"locked": True}, e.result("steal", ["L"]), "e steal")
    n = c.notification()
    check_eq({"method": "stolen", "params": ["L"], "id": None}, n, "stolen")
    d.no_message()
    check_eq({}, e.result("unlock", ["L"]), "e unlock")
    n = c.notification()
    check_eq({"method": "locked", "params": ["L"], "id": None}, n,
             "c gets it back")
    d.no_message()
    # Closing the connection releases the lock.
    c.close()
    n = d.notification(timeout=3)
    check_eq({"method": "locked", "params": ["L"], "id": None}, n,
             "d gets it after c leaves")

    check_eq({"error": "syntax error",
              "details": 'unlock: "unlock" without "lock" or "steal"',
              "syntax": '["Q"]'},
             e.call("unlock", ["Q"])["error"], "unlock unknown")
    check_eq({"error": "syntax error",
              "details": "lock request params must be <id>",
              "syntax": '["not an id"]'},
             e.call("lock", ["not an id"])["error"], "bad lock name")
    check_eq({"error": "syntax error",
              "details": "steal request params must be <id>",
              "syntax": "[1]"},
             e.call("steal", [1])["error"], "bad steal")


def case_server_db():
    c = client()
    init = c.result("monitor_cond",
                    ["_Server", ["monid", "_Server"],
                     {"Database": [{"columns": ["name", "model",
                                                "connected", "leader",
                                                "schema", "cid",
                                                "index"]}]}])
    rows = {row["initial"]["name"]: row["initial"]
            for row in init["Database"].values()}
    check_eq({"T", "_Server"}, set(rows), "rows")
    t = rows["T"]
    check_eq("standalone", t["model"], "model")
    check_eq(True, t["connected"], "connected")
    check_eq(True, t["leader"], "leader")
    check_eq(c.result("get_schema", ["T"]), json.loads(t["schema"]),
             "schema text")
    check_eq(c.result("get_schema", ["_Server"]),
             json.loads(rows["_Server"]["schema"]), "_Server schema")
    schema = c.result("get_schema", ["_Server"])
    check_eq("3009684573 744", schema["cksum"], "_Server cksum")
    check_eq({"name", "model", "connected", "leader", "schema", "cid",
              "sid", "index"},
             set(schema["tables"]["Database"]["columns"]), "columns")


def case_db_change_aware():
    aware, plain = client(), client()
    aware.result("set_db_change_aware", [True])
    aware.result("monitor_cond",
                 ["_Server", "srv", {"Database": [{"columns": ["name"]}]}])
    aware.result("monitor", [DB, "m", {"Item": {"columns": ["n"]}}])
    plain.result("echo", [])
    rc, out, err = appctl("ovsdb-server/remove-db", "T")
    check_eq((0, ""), (rc, out), "remove-db: " + err)
    got = [aware.notification(timeout=3), aware.notification(timeout=3)]
    methods = [n["method"] for n in got if n]
    check_eq(["monitor_canceled", "update2"], methods, "notifications")
    check_eq(["m"], got[0]["params"], "canceled id")
    check_eq("delete", list(list(got[1]["params"][1]["Database"].values())
                            [0])[0], "row deleted")
    check(plain.wait_eof(3), "unaware client disconnected")
    check_eq(["_Server"], aware.result("list_dbs", []), "list_dbs")

    rc, out, err = appctl("ovsdb-server/add-db",
                          os.path.join(TDIR, "t.db"))
    check_eq((0, ""), (rc, out), "add-db: " + err)
    n = aware.notification("update2", timeout=3)
    row = list(n["params"][1]["Database"].values())[0]
    check_eq({"insert": {"name": "T"}}, row, "row inserted")
    check_eq(["T", "_Server"], aware.result("list_dbs", []), "list_dbs")


def case_db_remotes():
    c = client()
    extra = os.path.join(TDIR, "extra.sock")
    mgr = os.path.join(TDIR, "mgr.sock")
    ro = os.path.join(TDIR, "ro.sock")
    c.transact(DB, {"op": "insert", "table": "Root",
                    "row": {"name": "root",
                            "targets": ["set", ["punix:" + extra]],
                            "managers": ["set", [["named-uuid", "m"],
                                                 ["named-uuid", "ro"]]]}},
               {"op": "insert", "table": "Manager", "uuid-name": "m",
                "row": {"target": "punix:" + mgr,
                        "inactivity_probe": 0}},
               {"op": "insert", "table": "Manager", "uuid-name": "ro",
                "row": {"target": "punix:" + ro, "read_only": True}})

    def connects(path):
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                x = r.Client(path)
                ok = x.result("list_dbs", []) == ["T", "_Server"]
                x.close()
                return ok
            except (FileNotFoundError, ConnectionRefusedError):
                time.sleep(0.05)
        return False

    def gone(path):
        deadline = time.time() + 5
        while time.time() < deadline:
            if not os.path.exists(path):
                return True
            time.sleep(0.05)
        return False

    check(connects(extra), "string column remote listens")
    check(connects(mgr), "Manager row remote listens")
    check(connects(ro), "read-only remote listens")
    x = r.Client(ro)
    res = x.transact(DB, {"op": "insert", "table": "Item",
                          "row": {"name": "ro"}})
    check_eq("not allowed", res[0].get("error"), "read-only remote")
    check_eq(1, len(x.transact(DB, {"op": "select", "table": "Manager",
                                    "where": [["target", "==",
                                               "punix:" + ro]]})[0]["rows"]),
             "reads allowed")
    x.close()

    # The server reports the Manager connection status.
    x = r.Client(mgr)
    deadline = time.time() + 8
    status = None
    while time.time() < deadline:
        rows = c.transact(DB, {"op": "select", "table": "Manager",
                               "where": [["target", "==", "punix:" + mgr]],
                               "columns": ["is_connected"]})
        status = rows[0]["rows"][0]["is_connected"]
        if status:
            break
        time.sleep(0.2)
    check_eq(True, status, "Manager is_connected")
    x.close()

    c.transact(DB, {"op": "update", "table": "Root", "where": [],
                    "row": {"targets": ["set", []]}})
    check(gone(extra), "remote removed when the column changes")
    check(connects(mgr), "other remote stays")
    rc, out, err = appctl("ovsdb-server/list-remotes")
    check_eq("db:T,Root,managers\ndb:T,Root,targets\npunix:%s\n" % SOCK,
             out, "list-remotes shows configured remotes only")


def case_convert():
    aware, plain, conv = client(), client(), client()
    u = uuid_of(conv.transact(DB, {"op": "insert", "table": "Item",
                                   "row": {"name": "keep", "n": 3}})[0])
    aware.result("set_db_change_aware", [True])
    aware.result("monitor_cond", [DB, "m", {"Item": [{"columns": ["n"]}]}])
    aware.result("monitor_cond", ["_Server", "srv",
                                  {"Database": [{"columns": ["name",
                                                             "schema"]}]}])
    plain.result("echo", [])
    schema = conv.result("get_schema", [DB])

    # Errors first: nothing changes.
    bad = dict(schema, name="Other")
    check_eq({"error": "invalid parameters",
              "details": "new schema name (Other) does not match database "
                         "name (T)"},
             conv.call("convert", [DB, bad])["error"], "name mismatch")
    check_eq({"error": "syntax error", "details": "array expected",
              "syntax": '["T"]'},
             conv.call("convert", [DB])["error"], "no schema")
    err = conv.call("convert", [DB, {"name": "T"}])["error"]
    check_eq("syntax error", err["error"], "bad schema")
    narrow = json.loads(json.dumps(schema))
    narrow["tables"]["Item"]["columns"]["n"] = {"type": "string"}
    err = conv.call("convert", [DB, narrow])["error"]
    check(isinstance(err, dict), "incompatible conversion refused")

    # A real conversion: a new column, a table dropped.
    new = json.loads(json.dumps(schema))
    new["version"] = "1.1.0"
    new["tables"]["Item"]["columns"]["extra"] = {"type": "string"}
    conv.send({"method": "convert", "params": [DB, new], "id": "cv"})
    check_eq({"id": "cv", "result": {}, "error": None}, conv.recv(3),
             "convert reply")
    n = aware.notification("monitor_canceled", timeout=3)
    check_eq(["m"], n and n["params"], "monitor canceled")
    n = aware.notification("update2", timeout=3)
    row = list(n["params"][1]["Database"].values())[0]
    check_eq("1.1.0", json.loads(row["modify"]["schema"])["version"],
             "_Server schema updated")
    check(plain.wait_eof(3), "unaware client disconnected")
    check_eq("1.1.0", aware.result("get_schema", [DB])["version"],
             "new schema served")
    rows = aware.transact(DB, {"op": "select", "table": "Item",
                               "where": [["_uuid", "==", ["uuid", u]]],
                               "columns": ["name", "n", "extra"]})
    check_eq([{"rows": [{"name": "keep", "n": 3, "extra": ""}]}], rows,
             "data kept")
    aware.transact(DB, {"op": "insert", "table": "Item",
                        "row": {"name": "new", "extra": "x"}})


def case_hostile_malformed():
    cases = [
        ("malformed", b'{"method":"echo","params":[1,,]}'),
        ("missing colon", b'{"method" "echo","params":[],"id":1}'),
        ("not an object", b'[1,2,3]'),
        ("garbage", b'\x00\x01\x02 hello'),
        ("invalid utf-8",
         b'{"method":"echo","params":["\xff\xfe"],"id":1}'),
        ("deep nesting", b'{"method":"echo","params":' + b'[' * 100000),
        ("params not array", b'{"method":"echo","params":{},"id":1}'),
        ("no method", b'{"params":[],"id":1}'),
    ]
    for name, data in cases:
        c = client()
        c.send(data)
        check(c.wait_eof(3), name + ": connection closed")
        server_alive()


def case_hostile_truncated():
    for i in range(20):
        c = client()
        c.send(b'{"method":"transact","params":["T",{"op":"insert",'
               b'"table":"Item","row":{"name":"trunc')
        c.close()
    server_alive()
    c = client()
    # Two messages in one write, the second split across writes.
    c.send(b'{"method":"echo","params":[1],"id":1}{"method":"echo",')
    time.sleep(0.05)
    c.send(b'"params":[2],"id":2}')
    check_eq([1], c.wait_reply(1)["result"], "first")
    check_eq([2], c.wait_reply(2)["result"], "second")


def case_hostile_oversized():
    # The server runs with --max-message-size=100000.
    c = client()
    big = "x" * 50000
    check_eq([big], c.result("echo", [big]), "below the limit")
    c.send(b'{"method":"echo","params":["' + b'x' * 200000 + b'"],"id":1}')
    check(c.wait_eof(3), "oversized message: connection closed")
    server_alive()


def cpu_ticks(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def case_hostile_fd_exhaustion():
    # The server runs with "ulimit -n 40": more clients than that must
    # neither crash it nor make it spin.
    import socket
    pid = int(open(os.environ["PIDFILE"]).read())
    socks = []
    for i in range(80):
        s = socket.socket(socket.AF_UNIX)
        s.connect(SOCK)
        socks.append(s)
    before = cpu_ticks(pid)
    time.sleep(1)
    spent = cpu_ticks(pid) - before
    check(spent < 20, "server used %d ticks of CPU in 1 s" % spent)
    for s in socks:
        s.close()
    time.sleep(0.3)
    server_alive()


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def case_hostile_unread_replies():
    # A client that sends requests but never reads: the server stops
    # reading from it instead of queuing replies without bound.
    pid = int(open(os.environ["PIDFILE"]).read())
    start_rss = rss_kb(pid)
    c = client()
    msg = (b'{"method":"get_schema","params":["T"],"id":0}') * 1000
    c.sock.setblocking(False)
    sent = 0
    deadline = time.time() + 1.5
    while time.time() < deadline and sent < 200 * len(msg):
        try:
            sent += c.sock.send(msg)
        except BlockingIOError:
            time.sleep(0.01)
    server_alive()
    grown = rss_kb(pid) - start_rss
    check(grown < 30000, "server memory grew by %d kB" % grown)
    c.close()
    server_alive()


def case_slow_reader_dropped():
    # The server runs with --max-backlog=2000000.
    pid = int(open(os.environ["PIDFILE"]).read())
    slow = client()
    slow.result("monitor_cond", [DB, "m", {"Item": [{}]}])
    slow.sock.setsockopt(__import__("socket").SOL_SOCKET,
                         __import__("socket").SO_RCVBUF, 4096)
    w = client()
    payload = "p" * 20000
    start_rss = rss_kb(pid)
    dropped = False
    for i in range(400):
        w.transact(DB, {"op": "insert", "table": "Item",
                        "row": {"name": "slow%d" % i,
                                "tags": ["set", [payload + str(i)]]}})
        if i % 20 == 19:
            log = open(os.environ["LOGFILE"]).read()
            if "dropping client" in log:
                dropped = True
                break
    check(dropped, "slow client dropped (log message)")
    grown = rss_kb(pid) - start_rss
    check(grown < 60000, "server memory grew by %d kB" % grown)
    # The slow client's connection is closed once it reads what is queued.
    check(slow.wait_eof(10), "slow client disconnected")
    server_alive()


def main():
    names = sys.argv[1:]
    cases = [(n, globals()["case_" + n]) for n in names]
    r.run(cases)


if __name__ == "__main__":
    main()
