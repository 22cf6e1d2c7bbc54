#!/usr/bin/env python3
"""The README's first command as a newcomer runs it: ./deploy/quickstart.sh brings up the
seven-node hierarchy, prints one URL line per node and LOGIN lines for every level; a
customer created at a local network appears at its province and at the group; a node that
dies is restarted by its supervisor; --stop stops every node and every supervisor, and a
second run resumes with the data kept.

Runs the real script and the real mams-node binaries (state in a temporary directory, random
loopback ports). Needs the build (MAMS_BUILD_DIR) and python3 only.
"""
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "deploy"))
import gen_sample_data  # noqa: E402  (credit-code check characters)

QUICKSTART = os.path.join(ROOT, "deploy", "quickstart.sh")


def valid_credit_code(body8: str, region: str) -> str:
    org_code = body8 + gen_sample_data.org_code_check(body8)
    first17 = "91" + region + org_code
    return first17 + gen_sample_data.credit_check(first17)


class Session:
    """A logged-in console user at one node: cookie jar plus CSRF token."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        answer = self.call("POST", "/api/v1/auth/login",
                           {"username": username, "password": password})
        self.csrf = answer["csrfToken"]

    def call(self, method: str, path: str, body=None):
        headers = {"Content-Type": "application/json"}
        if getattr(self, "csrf", None):
            headers["X-CSRF-Token"] = self.csrf
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers=headers)
        with self.opener.open(request, timeout=10) as response:
            return json.loads(response.read() or b"null")


class QuickstartClusterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.state_dir = tempfile.mkdtemp(prefix="mams-quickstart-")
        cls.env = dict(os.environ, MAMS_STATE_DIR=cls.state_dir, MAMS_QUICKSTART_NO_BUILD="1",
                       MAMS_QUICKSTART_PORTS="random")

    @classmethod
    def tearDownClass(cls):
        subprocess.run([QUICKSTART, "--stop"], env=cls.env, check=False,
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(cls.state_dir, ignore_errors=True)

    def quickstart(self, *args) -> str:
        result = subprocess.run([QUICKSTART, *args], env=self.env, capture_output=True,
                                text=True, timeout=240)
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        return result.stdout

    @staticmethod
    def parse(output: str):
        nodes = {}
        for port, level, org in re.findall(
                r"^URL: http://127\.0\.0\.1:(\d+)/ level=(\w+) org=(\w+)", output, re.M):
            nodes[org] = {"url": f"http://127.0.0.1:{port}", "level": level}
        logins = {}
        for user, password, org in re.findall(r"^LOGIN: (\S+) (\S+) (\S+)$", output, re.M):
            logins[user] = (password, org)
        return nodes, logins

    def login(self, nodes, logins, user) -> Session:
        password, org = logins[user]
        return Session(nodes[org]["url"], user, password)

    def wait_for_customer(self, session: Session, name: str) -> dict:
        deadline = time.monotonic() + 30
        while True:
            found = session.call("GET", "/api/v1/customers?q=" + urllib.parse.quote(name))
            if found["items"]:
                return found["items"][0]
            if time.monotonic() > deadline:
                self.fail(f"{name} did not reach {session.base_url} within 30 s")
            time.sleep(0.25)

    def node_pid(self, node_id: str) -> int:
        with open(os.path.join(self.state_dir, node_id, "run", "mams-node.pid")) as pid_file:
            return int(pid_file.read())

    def processes_in_state_dir(self) -> list:
        """Every process (node or supervisor) working in the cluster's state directory."""
        found = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                cwd = os.readlink(f"/proc/{pid}/cwd")
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    command = cmdline.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue  # gone, or not ours to look at
            if cwd.startswith(self.state_dir):
                found.append(f"{pid}: {command}")
        return found

    def assert_restarted_after_kill(self, node_id: str, url: str):
        killed = self.node_pid(node_id)
        os.kill(killed, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
                    if answer.status == 200 and self.node_pid(node_id) != killed:
                        break
            except (OSError, ValueError):
                pass  # still down, or its pid file is being written
            self.assertLess(time.monotonic(), deadline, f"{node_id} was not restarted in 30 s")
            time.sleep(0.2)
        with open(os.path.join(self.state_dir, node_id, "logs", "console.log")) as log:
            text = log.read()
        self.assertRegex(text, rf"supervise: {node_id} was killed by signal 9 \(KILL\)")
        self.assertRegex(text, rf"supervise: {node_id} restarted \(pid {self.node_pid(node_id)}\)")

    def test_hierarchy_starts_syncs_stops_and_resumes(self):
        output = self.quickstart("--customers", "40")
        nodes, logins = self.parse(output)
        self.assertEqual(sorted(nodes), ["320000", "320100", "320500", "440000", "440100",
                                         "440300", "CN"])
        levels = sorted(node["level"] for node in nodes.values())
        self.assertEqual(levels, ["group"] + ["local"] * 4 + ["province"] * 2)
        for org in nodes:  # an administrator and at least one other user at every node
            users = [user for user, (_, user_org) in logins.items() if user_org == org]
            self.assertGreaterEqual(len(users), 2, f"LOGIN lines for {org}: {users}")

        # The sample data reached the group: 4 networks × 40 customers.
        analyst = self.login(nodes, logins, "hq.analyst")
        deadline = time.monotonic() + 60
        while analyst.call("GET", "/api/v1/customers?limit=1")["total"] < 160:
            self.assertLess(time.monotonic(), deadline, "sample customers did not reach the group")
            time.sleep(0.5)

        # System monitoring: every node reports itself and the group lists all seven.
        deadline = time.monotonic() + 30
        while True:
            reported = analyst.call("GET", "/api/v1/system/nodes")["items"]
            if len(reported) == 7 and all(node["reporting"] for node in reported):
                break
            self.assertLess(time.monotonic(), deadline, f"nodes reported at the group: {reported}")
            time.sleep(0.5)
        self.assertEqual(sorted(node["org"] for node in reported), sorted(nodes))
        status = analyst.call("GET", "/api/v1/system/status")
        self.assertEqual(status["node"]["level"], "group")
        self.assertEqual(len(status["sync"]["links"]), 2)
        province_view = self.login(nodes, logins, "gd.manager").call("GET", "/api/v1/system/nodes")
        self.assertEqual(sorted(node["org"] for node in province_view["items"]),
                         ["440000", "440100", "440300"])

        manager = self.login(nodes, logins, "gz.manager")
        name = f"广州快启验证科技有限公司{int(time.time() * 1000) % 100000}"
        created = manager.call("POST", "/api/v1/customers", {
            "name": name, "creditCode": valid_credit_code("Q7K3M2P1", "440106"),
            "industry": "I", "level": "local", "org": "440100"})
        province_copy = self.wait_for_customer(self.login(nodes, logins, "gd.manager"), name)
        group_copy = self.wait_for_customer(analyst, name)
        self.assertEqual(province_copy["id"], created["id"])
        self.assertEqual(group_copy["version"], created["version"])
        # Jiangsu's province never sees Guangdong's customer.
        jiangsu = self.login(nodes, logins, "js.manager")
        self.assertEqual(jiangsu.call("GET", "/api/v1/customers?q=" + urllib.parse.quote(name))
                         ["items"], [])

        # A node that dies comes back on its own and says so in its log.
        self.assert_restarted_after_kill("sz-local", nodes["440300"]["url"])

        stopped = subprocess.run([QUICKSTART, "--stop"], env=self.env, capture_output=True,
                                 text=True, timeout=60)
        self.assertIn("stopped 7 node(s)", stopped.stdout)
        self.assertEqual(self.processes_in_state_dir(), [], "left running after --stop")
        for node in nodes.values():
            with self.assertRaises(urllib.error.URLError):
                urllib.request.urlopen(node["url"] + "/healthz", timeout=2)

        resumed_nodes, resumed_logins = self.parse(self.quickstart())
        self.assertEqual(resumed_nodes, nodes)
        self.assertEqual(resumed_logins, logins)
        again = self.login(resumed_nodes, resumed_logins, "hq.analyst")
        self.assertEqual(again.call("GET", f"/api/v1/customers/{created['id']}")["name"], name)
        self.assertEqual(again.call("GET", "/api/v1/customers?limit=1")["total"], 161)


if __name__ == "__main__":
    unittest.main(verbosity=2)
