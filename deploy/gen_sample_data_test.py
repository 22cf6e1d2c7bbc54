#!/usr/bin/env python3
"""Tests of deploy/gen_sample_data.py (unittest, standard library only).

    python3 deploy/gen_sample_data_test.py -v

Runs the generator through its command line into temporary directories and checks the files
with code of its own: the credit-code check is re-derived from GB 32100-2015 / GB 11714-1997
here rather than imported, and the org list is read from modules/orgs/org_seed.cpp with a
separate parser. When g++ is installed, every generated credit code is also checked with the
C++ validator itself (modules/accounts/customers/credit_code.cpp). The last test times 100,000 customers
and prints the rate.
"""

from __future__ import annotations

import collections
import csv
import datetime
import importlib.util
import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCRIPT = HERE / "gen_sample_data.py"
SEED_SOURCE = ROOT / "modules" / "orgs" / "org_seed.cpp"
CREDIT_CODE_CPP = ROOT / "modules" / "accounts" / "credit_code.cpp"
END_MONTH = "2024-06"
CUSTOMERS = 2000

CUSTOMER_COLUMNS = ["customerNo", "name", "creditCode", "industry", "level", "org", "state",
                    "relationshipGrade", "address", "tags", "remarks", "parentCustomerNo"]
CONTACT_COLUMNS = ["customerNo", "name", "role", "title", "mobile", "phone", "email", "birthday",
                   "preferredChannel", "remarks"]
REVENUE_COLUMNS = ["customerNo", "product", "month", "amount", "arrears"]


def load_module():
    spec = importlib.util.spec_from_file_location("gen_sample_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- GB 32100-2015, written from the standard, independent of the generator ------------------

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 0-9 and A-Z without I, O, S, V, Z
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, ...
assert WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def credit_code_problem(code: str) -> str | None:
    """Why `code` is not a valid unified social credit code, or None."""
    if len(code) != 18:
        return "length"
    if any(c not in ALPHABET for c in code):
        return "character"
    if not code[2:8].isdigit():
        return "division"
    total = sum(ALPHABET.index(c) * w for c, w in zip(code[:17], WEIGHTS))
    if ALPHABET[(31 - total % 31) % 31] != code[17]:
        return "check character"
    org = code[8:17]  # GB 11714 organisation code: 8 characters and a check character
    total = sum((int(c) if c.isdigit() else ord(c) - ord("A") + 10) * w
                for c, w in zip(org[:8], ORG_WEIGHTS))
    check = 11 - total % 11
    if {10: "X", 11: "0"}.get(check, str(check)) != org[8]:
        return "organisation code check character"
    return None


class IndependentCheckTest(unittest.TestCase):
    def test_known_codes(self):
        # Published example codes (GB 32100 format) and mistyped variants.
        for code in ("91350100M000100Y43", "91110000600037341L"):
            self.assertIsNone(credit_code_problem(code), code)
        self.assertEqual("check character", credit_code_problem("91350100M000100Y44"))
        self.assertEqual("character", credit_code_problem("91350100M000100YI3"))
        self.assertEqual("division", credit_code_problem("9135A100M000100Y43"))


# --- the seed ----------------------------------------------------------------------------------

def seed_orgs() -> dict[str, str]:
    """code -> parent code ('' for the group) from org_seed.cpp, parsed here independently."""
    header = SEED_SOURCE.with_suffix(".h").read_text(encoding="utf-8")
    group = re.search(r'kGroupCode\[\]\s*=\s*"(\w+)"', header).group(1)
    text = SEED_SOURCE.read_text(encoding="utf-8")
    orgs = {group: ""}
    for code, parent in re.findall(r'\{"(\d+)",\s*"[^"]*",\s*"[^"]*",\s*(kGroupCode|"\d+")\}', text):
        orgs[code] = group if parent == "kGroupCode" else parent.strip('"')
    return orgs


def run(*args, check=True):
    result = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        raise AssertionError(f"generator failed ({result.returncode}): {result.stderr}")
    return result


def read_csv(path: Path, encoding="utf-8"):
    with open(path, encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


class GeneratedFilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="mams-gen-test-")
        cls.dir = Path(cls.tmp.name)
        cls.out = cls.dir / "a"
        cls.result = run("--customers", str(CUSTOMERS), "--out", str(cls.out), "--seed", "7",
                         "--end-month", END_MONTH)
        header, rows = read_csv(cls.out / "customers.csv")
        cls.customer_header = header
        cls.customers = [dict(zip(header, row)) for row in rows]
        cls.customer_rows = rows
        cls.contact_header, cls.contacts = read_csv(cls.out / "contacts.csv")
        cls.revenue_header, cls.revenue = read_csv(cls.out / "revenue.csv")
        cls.orgs = seed_orgs()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    # -- format --------------------------------------------------------------------------
    def test_headers_and_columns(self):
        self.assertEqual(CUSTOMER_COLUMNS, self.customer_header)
        self.assertEqual(CONTACT_COLUMNS, self.contact_header)
        self.assertEqual(REVENUE_COLUMNS, self.revenue_header)
        self.assertEqual(CUSTOMERS, len(self.customers))
        for rows, width in ((self.customer_rows, 12), (self.contacts, 10), (self.revenue, 5)):
            self.assertTrue(all(len(row) == width for row in rows))

    def test_summary_on_stderr(self):
        for name, rows in (("customers.csv", CUSTOMERS), ("contacts.csv", len(self.contacts)),
                           ("revenue.csv", len(self.revenue))):
            size = (self.out / name).stat().st_size
            self.assertIn(f"{name}: {rows} rows, {size} bytes", self.result.stderr)

    def test_quoted_remarks_round_trip(self):
        # Some remarks hold commas and double quotes; csv parsing gave 12 columns, and the raw
        # file shows RFC 4180 quoting.
        raw = (self.out / "customers.csv").read_text(encoding="utf-8")
        remarks = [c["remarks"] for c in self.customers if c["remarks"]]
        self.assertTrue(remarks)
        for remark in remarks:
            if "," in remark or '"' in remark:
                self.assertIn('"' + remark.replace('"', '""') + '"', raw)

    # -- customers -----------------------------------------------------------------------
    def test_credit_codes_are_valid_and_unique(self):
        codes = [c["creditCode"] for c in self.customers]
        problems = [(code, credit_code_problem(code)) for code in codes if credit_code_problem(code)]
        self.assertEqual([], problems[:10])
        self.assertEqual(len(codes), len(set(codes)))

    def test_credit_code_matches_customer(self):
        for c in self.customers:
            code = c["creditCode"]
            if c["org"] != "CN":  # the division is in the customer's province
                self.assertEqual(c["org"][:2], code[2:4], c)
            if c["industry"] in "ABCDEFGHIJKMNOR":
                self.assertIn(code[:2], ("91", "93", "31"), c)

    def test_customer_numbers(self):
        numbers = [c["customerNo"] for c in self.customers]
        self.assertTrue(all(re.fullmatch(r"KH\d{10}", n) for n in numbers))
        self.assertEqual(len(numbers), len(set(numbers)))

    def test_orgs_exist_in_the_seed_and_fit_the_level(self):
        orgs = self.orgs
        provinces = {code for code, parent in orgs.items() if parent == "CN"}
        with_locals = {parent for parent in orgs.values() if parent in provinces}
        for c in self.customers:
            org, level = c["org"], c["level"]
            self.assertIn(org, orgs, c)
            if level == "group":
                self.assertTrue(org == "CN" or org in provinces, c)
            elif level == "province":
                self.assertIn(org, provinces, c)
            else:  # a local network, or a municipality's own node (it has no local networks)
                self.assertTrue(orgs[org] in provinces or org not in with_locals, c)

    def test_values(self):
        self.assertTrue({c["industry"] for c in self.customers} <= set("ABCDEFGHIJKLMNOPQRST"))
        self.assertEqual({"group", "province", "local"}, {c["level"] for c in self.customers})
        self.assertEqual({"potential", "active", "suspended", "churned"},
                         {c["state"] for c in self.customers})
        self.assertTrue({c["relationshipGrade"] for c in self.customers} <=
                        {"", "partner", "functional", "emotional", "drifting"})
        tags = {t for c in self.customers if c["tags"] for t in c["tags"].split(";")}
        self.assertTrue(tags <= {"重点客户", "政企", "5G专网", "云业务", "ICT", "专线"}, tags)

    def test_distributions(self):
        n = len(self.customers)
        level = collections.Counter(c["level"] for c in self.customers)
        state = collections.Counter(c["state"] for c in self.customers)
        self.assertAlmostEqual(0.03, level["group"] / n, delta=0.015)
        self.assertAlmostEqual(0.22, level["province"] / n, delta=0.04)
        self.assertAlmostEqual(0.75, level["local"] / n, delta=0.04)
        self.assertAlmostEqual(0.15, state["potential"] / n, delta=0.03)
        self.assertAlmostEqual(0.75, state["active"] / n, delta=0.03)
        industry = collections.Counter(c["industry"] for c in self.customers)
        for section in "CIFJ":
            self.assertGreater(industry[section] / n, 0.05, section)
        guangdong = sum(1 for c in self.customers if c["org"].startswith("44")) / n
        qinghai = sum(1 for c in self.customers if c["org"].startswith("63")) / n
        self.assertGreater(guangdong, 5 * qinghai)

    def test_addresses(self):
        for c in self.customers:
            self.assertRegex(c["address"], r"^\w+(省|市|自治区)\w*(区|街道|镇|松山湖|开发区)\w+(路|大道|街)\d+号", c)

    def test_names_unique_per_org_with_near_duplicates(self):
        suffixes = ["股份有限公司", "有限责任公司", "有限公司", "分公司", "集团", "公司"]

        def core(name):  # NormaliseCompanyName in customer_service.cpp
            changed = True
            while changed:
                changed = False
                for s in suffixes:
                    if len(name) > len(s) and name.endswith(s):
                        name, changed = name[: -len(s)], True
            return name

        exact = collections.Counter((c["org"], c["name"]) for c in self.customers)
        self.assertEqual([], [k for k, v in exact.items() if v > 1])
        cores = collections.Counter((c["org"], core(c["name"])) for c in self.customers)
        near = sum(v - 1 for v in cores.values() if v > 1)
        self.assertTrue(2 <= near <= 30, near)  # --near-duplicates 0.005 of 2,000 = about 10

    def test_national_accounts(self):
        position = {c["customerNo"]: i for i, c in enumerate(self.customers)}
        by_no = {c["customerNo"]: c for c in self.customers}
        branches = [c for c in self.customers if c["parentCustomerNo"]]
        self.assertTrue(branches)
        for branch in branches:
            parent = by_no[branch["parentCustomerNo"]]
            self.assertLess(position[parent["customerNo"]], position[branch["customerNo"]])
            self.assertEqual("group", parent["level"])
            self.assertFalse(parent["parentCustomerNo"])
            self.assertTrue(branch["name"].startswith(parent["name"]), branch)
            self.assertTrue(branch["name"].endswith("分公司"), branch)
        per_parent = collections.Counter(b["parentCustomerNo"] for b in branches)
        self.assertTrue(all(3 <= v <= 8 for v in per_parent.values()), per_parent)

    # -- contacts ------------------------------------------------------------------------
    def test_contacts(self):
        per_customer = collections.Counter(row[0] for row in self.contacts)
        self.assertEqual({c["customerNo"] for c in self.customers}, set(per_customer))
        self.assertTrue(all(1 <= v <= 4 for v in per_customer.values()))
        self.assertAlmostEqual(2.0, len(self.contacts) / CUSTOMERS, delta=0.15)
        end = datetime.date(2024, 6, 30)
        module = load_module()
        prefixes = set(module.MOBILE_PREFIXES)
        for no, name, role, title, mobile, phone, email, birthday, channel, _remark in self.contacts:
            self.assertRegex(name, r"^[\u4e00-\u9fff]{2,4}$")
            self.assertIn(role, ("decision_maker", "finance", "technical", "daily"))
            self.assertTrue(title)
            self.assertRegex(mobile, r"^1[3-9]\d{9}$")
            self.assertIn(mobile[:3], prefixes)
            if phone:
                self.assertRegex(phone, r"^0\d{2,3}-[2-8]\d{6,7}$")
            if email:
                self.assertRegex(email, r"^[a-z0-9.]+@[a-z0-9.-]+\.(cn|com)$")
            born = datetime.date.fromisoformat(birthday)
            age = (end - born).days / 365.25
            self.assertTrue(24.9 <= age <= 61, birthday)
            self.assertIn(channel, ("phone", "sms", "email", "wechat", "visit"))

    def test_phone_area_codes(self):
        province_of = {c["customerNo"]: c["creditCode"][2:4] for c in self.customers}
        area = {"11": "010", "31": "021", "44": ("020", "0755", "0757", "0769", "0756", "0752", "0760")}
        for row in self.contacts:
            expected = area.get(province_of[row[0]])
            if row[5] and expected:
                self.assertTrue(row[5].startswith(expected), row)

    # -- revenue -------------------------------------------------------------------------
    def test_revenue(self):
        months = [f"2023-{m:02d}" for m in range(7, 13)] + [f"2024-{m:02d}" for m in range(1, 7)]
        state = {c["customerNo"]: c["state"] for c in self.customers}
        products = {"移动通信", "宽带专线", "互联网专线", "云服务", "5G专网", "IDC", "物联网", "固话"}
        totals = collections.defaultdict(int)
        seen = collections.defaultdict(set)
        per_product = collections.defaultdict(set)
        for no, product, month, amount, arrears in self.revenue:
            self.assertIn(product, products)
            self.assertIn(month, months)
            self.assertRegex(amount, r"^\d+\.\d\d$")
            self.assertRegex(arrears, r"^\d+\.\d\d$")
            fen, owed = int(amount.replace(".", "")), int(arrears.replace(".", ""))
            self.assertGreater(fen, 0)
            self.assertLessEqual(owed, fen)
            totals[no] += fen
            seen[no].add(month)
            per_product[no].add(product)
        self.assertEqual({c for c, s in state.items() if s != "potential"}, set(totals))
        for no, got in seen.items():
            self.assertTrue(1 <= len(per_product[no]) <= 3)
            if state[no] == "churned":  # stops before the churn: a prefix of the window
                self.assertEqual(months[: len(got)], sorted(got))
                self.assertLess(len(got), 12)
            else:
                self.assertEqual(set(months), got)
        # value_grade.h thresholds, in fen.
        grades = collections.Counter(
            "A" if t >= 100_000_000 else "B" if t >= 30_000_000 else "C" if t >= 10_000_000 else "D"
            for no, t in totals.items() if state[no] == "active")
        n = sum(grades.values())
        for grade, share, delta in (("A", 0.05, 0.025), ("B", 0.15, 0.035), ("C", 0.30, 0.045),
                                    ("D", 0.50, 0.05)):
            self.assertAlmostEqual(share, grades[grade] / n, delta=delta, msg=(grade, grades))
        arrears_rows = sum(1 for row in self.revenue if row[4] != "0.00")
        self.assertLess(arrears_rows / len(self.revenue), 0.1)

    # -- runs ----------------------------------------------------------------------------
    def test_deterministic(self):
        again = self.dir / "again"
        run("--customers", str(CUSTOMERS), "--out", str(again), "--seed", "7", "--end-month",
            END_MONTH, "--jobs", "1")
        for name in ("customers.csv", "contacts.csv", "revenue.csv"):
            self.assertEqual((self.out / name).read_bytes(), (again / name).read_bytes(), name)
        other = self.dir / "other"
        run("--customers", str(CUSTOMERS), "--out", str(other), "--seed", "8", "--end-month",
            END_MONTH, "--no-contacts", "--no-revenue")
        self.assertNotEqual((self.out / "customers.csv").read_bytes(),
                            (other / "customers.csv").read_bytes())
        self.assertFalse((other / "contacts.csv").exists())
        self.assertFalse((other / "revenue.csv").exists())
        # customers.csv does not depend on the other files being written.
        alone = self.dir / "alone"
        run("--customers", str(CUSTOMERS), "--out", str(alone), "--seed", "7", "--end-month",
            END_MONTH, "--no-contacts", "--no-revenue")
        self.assertEqual((self.out / "customers.csv").read_bytes(),
                         (alone / "customers.csv").read_bytes())

    def test_gbk(self):
        gbk = self.dir / "gbk"
        run("--customers", str(CUSTOMERS), "--out", str(gbk), "--seed", "7", "--end-month",
            END_MONTH, "--encoding", "gbk", "--crlf")
        for name in ("customers.csv", "contacts.csv", "revenue.csv"):
            data = (gbk / name).read_bytes()
            text = data.decode("gbk")  # strict: raises on anything that is not GBK
            self.assertIn("\r\n", text)
            expected = (self.out / name).read_text(encoding="utf-8")
            self.assertEqual(expected, text.replace("\r\n", "\n"), name)
        self.assertNotEqual((gbk / "customers.csv").read_bytes(),
                            (self.out / "customers.csv").read_bytes())

    def test_orgs_filter(self):
        orgs = self.orgs
        gd = self.dir / "gd"
        run("--customers", "500", "--out", str(gd), "--orgs", "440000", "--end-month", END_MONTH,
            "--no-revenue", "--groups", "2")
        _, rows = read_csv(gd / "customers.csv")
        allowed = {"440000"} | {code for code, parent in orgs.items() if parent == "440000"}
        self.assertTrue({row[5] for row in rows} <= allowed)
        self.assertEqual({"group", "province", "local"}, {row[4] for row in rows})
        self.assertTrue(all(row[2][2:4] == "44" for row in rows))
        self.assertTrue(any(row[11] for row in rows))  # branches in the local networks
        one = self.dir / "gz"
        run("--customers", "300", "--out", str(one), "--orgs", "广州市", "--end-month", END_MONTH,
            "--no-revenue", "--no-contacts")
        _, rows = read_csv(one / "customers.csv")
        self.assertEqual({("local", "440100")}, {(row[4], row[5]) for row in rows})

    def test_bad_arguments(self):
        out = str(self.dir / "bad")
        for args, message in (
                (["--customers", "0"], "--customers"),
                (["--customers", "x"], "--customers"),
                (["--customers", "10", "--contacts-per-customer", "5"], "--contacts-per-customer"),
                (["--customers", "10", "--near-duplicates", "2"], "--near-duplicates"),
                (["--customers", "10", "--end-month", "2024-13"], "--end-month"),
                (["--customers", "10", "--orgs", "GD"], "unknown org 'GD'"),
                (["--customers", "10", "--encoding", "latin-1"], "--encoding"),
                (["--customers", "10", "--groups", "50"], "--groups"),
                (["--out", out], "--customers")):
            result = run(*args, *([] if "--out" in args else ["--out", out]), check=False)
            self.assertNotEqual(0, result.returncode, args)
            self.assertIn(message, result.stderr, args)

    @unittest.skipUnless(shutil.which("g++") and CREDIT_CODE_CPP.exists(), "needs g++")
    def test_credit_codes_pass_the_cpp_validator(self):
        program = self.dir / "check.cpp"
        program.write_text(
            '#include "modules/accounts/customers/credit_code.h"\n#include <iostream>\n#include <string>\n'
            "int main() { std::string line; int bad = 0;\n"
            "  while (std::getline(std::cin, line)) {\n"
            "    if (auto e = mams::accounts::ValidateCreditCode(line)) {\n"
            "      std::cout << line << ' ' << mams::accounts::Describe(*e) << '\\n'; ++bad; } }\n"
            "  return bad == 0 ? 0 : 1; }\n", encoding="utf-8")
        binary = self.dir / "check"
        build = subprocess.run(["g++", "-std=c++20", "-O1", f"-I{ROOT}", str(program),
                                str(CREDIT_CODE_CPP), "-o", str(binary)],
                               capture_output=True, text=True)
        if build.returncode != 0:
            self.skipTest("credit_code.cpp does not build standalone: " + build.stderr[:200])
        codes = "\n".join(c["creditCode"] for c in self.customers) + "\n"
        result = subprocess.run([str(binary)], input=codes, capture_output=True, text=True)
        self.assertEqual(0, result.returncode, result.stdout[:500])


class DataTablesTest(unittest.TestCase):
    def setUp(self):
        self.module = load_module()

    def test_generator_check_functions_agree_with_the_standard(self):
        m = self.module
        self.assertEqual(WEIGHTS, list(m.CREDIT_WEIGHTS))
        self.assertEqual(ALPHABET, m.CREDIT_ALPHABET)
        for body in ("12345678", "MA5EXE3A", "00000000", "MA000001"):
            first17 = "91440106" + body + m.org_code_check(body)
            self.assertIsNone(credit_code_problem(first17 + m.credit_check(first17)))

    def test_embedded_seed_equals_the_seed_file(self):
        parsed = self.module.parse_seed_source(SEED_SOURCE.read_text(encoding="utf-8"))
        self.assertEqual(parsed, self.module.embedded_seed())
        self.assertEqual({code: parent for code, _name, parent in parsed},
                         {k: v for k, v in seed_orgs().items() if v})

    def test_geography_covers_the_seed_and_uses_real_division_codes(self):
        geo = self.module.GEO
        orgs = seed_orgs()
        for code, parent in orgs.items():
            if parent == "CN":
                self.assertIn(code, geo)
            elif parent:
                self.assertIn(code, [city[0] for city in geo[parent][3]], code)
        for province, (short, py, weight, cities) in geo.items():
            self.assertTrue(py.isascii() and weight > 0)
            for code, name, cpy, area, cweight, districts in cities:
                self.assertEqual(province[:2], code[:2])
                self.assertRegex(area, r"^0\d{2,3}$")
                self.assertTrue(cpy.isascii() and cpy.isalpha())
                parts = districts.split()
                for dcode in parts[1::2]:
                    self.assertRegex(dcode, r"^\d{6}$")
                    # A district lies in its city (municipalities: in the province).
                    self.assertEqual(code[:2] if code == province else code[:4],
                                     dcode[:2] if code == province else dcode[:4], (name, dcode))

    def test_every_word_is_gbk(self):
        m = self.module
        words = [m.EMBEDDED_SEED, m.ROADS, m.BUILDINGS, m.BRAND_PIECES, m.INDUSTRY_WORDS, m.SUFFIXES,
                 m.SCHOOL_WORDS, m.VOCATIONS, m.CITY_BUREAUS, m.PROVINCE_BUREAUS, m.STREETS,
                 m.TRADES, m.SOCIAL_WORDS, m.COOP_WORDS, m.INTL_WORDS, m.TAGS, m.REMARKS,
                 m.SURNAMES, m.GIVEN_CHARS, m.TITLES, m.PUBLIC_TITLES, m.CONTACT_REMARKS,
                 m.PRODUCTS, m.GEO]
        repr(words).encode("gbk")

    def test_industry_words_do_not_contain_each_other(self):
        m = self.module
        words = [w for ws in m.INDUSTRY_WORDS.values() for w in ws]
        pieces = {p for p, _ in m.BRAND_PIECES}
        self.assertFalse(pieces & set(words))
        for section, ws in m.INDUSTRY_WORDS.items():
            for a in ws:
                for b in ws:
                    self.assertFalse(a != b and b.startswith(a), (section, a, b))
                self.assertFalse(a.endswith(("公司", "集团")), a)


class SpeedTest(unittest.TestCase):
    def test_100000_customers(self):
        with tempfile.TemporaryDirectory(prefix="mams-gen-speed-") as tmp:
            started = time.perf_counter()
            result = run("--customers", "100000", "--out", tmp, "--end-month", END_MONTH)
            elapsed = time.perf_counter() - started
            sizes = {p.name: p.stat().st_size for p in Path(tmp).iterdir()}
        rows = dict(re.findall(r"(\w+\.csv): (\d+) rows", result.stderr))
        print(f"\n  100,000 customers in {elapsed:.1f} s = {100000 / elapsed:,.0f} customers/s "
              f"(with {int(rows['contacts.csv']):,} contacts and {int(rows['revenue.csv']):,} "
              f"revenue rows, {sum(sizes.values()) / 1e6:.0f} MB)", file=sys.stderr)
        self.assertLess(elapsed, 120)


if __name__ == "__main__":
    unittest.main()
