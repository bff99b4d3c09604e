"""Raw JSON-RPC client for testing OVSDB servers (python3 stdlib only).

Used by tests/func/ovsdb-server.sh and tests/interop/ovsdb-server.sh:

    import ovsdb_rpc as r
    c = r.Client("/path/db.sock")
    reply = c.call("list_dbs", [])
    r.check_eq(["T", "_Server"], reply["result"])

call() returns the whole reply object; notifications that arrive in the
meantime are queued and returned by notification().  Nothing here hides
protocol errors: the tests look at exactly what the server sent.
"""

import json
import os
import re
import socket
import sys
import time

UUID_RE = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ZERO_UUID = "00000000-0000-0000-0000-000000000000"


class Failure(Exception):
    pass


def fail(msg):
    raise Failure(msg)


def check_eq(expected, actual, what=""):
    if expected != actual:
        fail("mismatch%s:\n  expected: %s\n  actual:   %s"
             % (" in " + what if what else "",
                json.dumps(expected, sort_keys=True),
                json.dumps(actual, sort_keys=True)))


def check(cond, what):
    if not cond:
        fail("check failed: " + what)


class Client:
    def __init__(self, path, timeout=5.0):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.timeout = timeout
        self.buf = b""
        self.decoder = json.JSONDecoder()
        self.queue = []         # Messages received but not yet consumed.
        self.next_id = 0
        self.eof = False

    def close(self):
        self.sock.close()

    def send(self, obj):
        data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
        self.sock.sendall(data)

    def _parse_one(self):
        text = self.buf.lstrip()
        if not text:
            self.buf = b""
            return None
        try:
            s = text.decode("utf-8")
        except UnicodeDecodeError:
            # Incomplete multibyte sequence at the end: wait for more.
            return None
        try:
            obj, end = self.decoder.raw_decode(s)
        except ValueError:
            return None
        self.buf = s[end:].encode("utf-8")
        return obj

    def _read_more(self, deadline):
        remaining = deadline - time.time()
        if remaining <= 0:
            return False
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(1 << 20)
        except socket.timeout:
            return False
        except ConnectionResetError:
            data = b""
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def recv(self, timeout=None):
        """Returns the next message, None on timeout, "EOF" at EOF."""
        if self.queue:
            return self.queue.pop(0)
        deadline = time.time() + (self.timeout if timeout is None
                                  else timeout)
        while True:
            msg = self._parse_one()
            if msg is not None:
                if self._is_echo_request(msg):
                    continue
                return msg
            if self.eof:
                return "EOF"
            if not self._read_more(deadline):
                if self.eof:
                    return "EOF"
                return None

    def _is_echo_request(self, msg):
        if (isinstance(msg, dict) and msg.get("method") == "echo"
                and msg.get("id") is not None):
            self.send({"id": msg["id"], "result": msg.get("params"),
                       "error": None})
            return True
        return False

    def request(self, method, params, id=None):
        if id is None:
            id = self.next_id
            self.next_id += 1
        self.send({"method": method, "params": params, "id": id})
        return id

    def wait_reply(self, id, timeout=None):
        deadline = time.time() + (self.timeout if timeout is None
                                  else timeout)
        kept = []
        try:
            while True:
                msg = self.recv(max(0.0, deadline - time.time()))
                if msg is None:
                    return None
                if msg == "EOF":
                    return "EOF"
                if (isinstance(msg, dict) and "method" not in msg
                        and msg.get("id") == id):
                    return msg
                kept.append(msg)
        finally:
            self.queue = kept + self.queue

    def call(self, method, params, id=None, timeout=None):
        return self.wait_reply(self.request(method, params, id), timeout)

    def result(self, method, params, timeout=None):
        """Calls METHOD and returns its result, failing on an error."""
        reply = self.call(method, params, timeout=timeout)
        if not isinstance(reply, dict) or reply.get("error") is not None:
            fail("%s %s failed: %s" % (method, json.dumps(params), reply))
        return reply["result"]

    def transact(self, db, *ops):
        return self.result("transact", [db] + list(ops))

    def notification(self, method=None, timeout=None):
        """Returns the next notification (optionally of METHOD), or None."""
        deadline = time.time() + (self.timeout if timeout is None
                                  else timeout)
        for i, msg in enumerate(self.queue):
            if (isinstance(msg, dict) and "method" in msg
                    and (method is None or msg["method"] == method)):
                return self.queue.pop(i)
        kept = []
        try:
            while True:
                msg = self.recv(max(0.0, deadline - time.time()))
                if msg is None or msg == "EOF":
                    return None
                if (isinstance(msg, dict) and "method" in msg
                        and (method is None or msg["method"] == method)):
                    return msg
                kept.append(msg)
        finally:
            self.queue = self.queue + kept

    def no_message(self, timeout=0.3):
        msg = self.recv(timeout)
        if msg is not None and msg != "EOF":
            fail("unexpected message: %s" % json.dumps(msg))

    def wait_eof(self, timeout=None):
        deadline = time.time() + (self.timeout if timeout is None
                                  else timeout)
        while time.time() < deadline:
            msg = self.recv(max(0.0, deadline - time.time()))
            if msg == "EOF":
                return True
            if msg is None:
                return False
        return False


def normalize(obj, names=None):
    """Replaces UUIDs in OBJ by <0>, <1>... in order of appearance (the
    zero UUID stays as is), so that replies can be compared."""
    if names is None:
        names = {}

    def sub(m):
        u = m.group(0)
        if u == ZERO_UUID:
            return u
        if u not in names:
            names[u] = "<%d>" % len(names)
        return names[u]

    text = json.dumps(obj, sort_keys=True)
    return json.loads(UUID_RE.sub(sub, text))


def run(cases):
    """Runs each CASES function (name -> fn), printing PASS/FAIL lines like
    tests/lib.sh; exits 1 if any failed."""
    failed = 0
    for name, fn in cases:
        try:
            fn()
            print("PASS: " + name)
        except Failure as e:
            print("FAIL: %s\n%s" % (name, e))
            failed += 1
        except Exception as e:   # Report crashes as failures.
            print("FAIL: %s (%s: %s)" % (name, type(e).__name__, e))
            failed += 1
        sys.stdout.flush()
    sys.exit(1 if failed else 0)


def main():
    """Command-line use: python3 ovsdb_rpc.py SOCKET METHOD PARAMS-JSON
    prints the reply."""
    if len(sys.argv) != 4:
        sys.stderr.write("usage: %s SOCKET METHOD PARAMS\n" % sys.argv[0])
        sys.exit(2)
    c = Client(sys.argv[1])
    print(json.dumps(c.call(sys.argv[2], json.loads(sys.argv[3]))))


if __name__ == "__main__":
    main()
