#!/usr/bin/env python3
"""Sample data for MAMS (大客户管理系统): customers, contacts and monthly revenue as CSV.

    python3 deploy/gen_sample_data.py --customers 100000 --out /tmp/mams-sample
    python3 deploy/gen_sample_data.py --customers 2000 --out /tmp/gd --orgs 440000 --encoding gbk

Python 3.11 standard library only; the word lists and geography are read from sample_data/
beside the script. The output is a function of the arguments alone (same --seed and
--end-month, same bytes); customers.csv does not change with --no-contacts, --no-revenue or
--contacts-per-customer, because each file draws from its own random stream.

Files (UTF-8 by default, header row, RFC 4180 quoting, LF line ends unless --crlf):

customers.csv  customerNo,name,creditCode,industry,level,org,state,relationshipGrade,
               address,tags,remarks,parentCustomerNo
    customerNo        KH + 10 digits, sequential from --start-no, unique
    name              Chinese organisation name; exact names unique per province (the org
                      and its subtree); --near-duplicates of them repeat another customer's
                      name in the same org with a different company suffix
    creditCode        18-character unified social credit code (GB 32100-2015): registration
                      authority + class (91 enterprise, 93 farmers' cooperative, 11 government
                      body, 12 public institution, 51/52/53 social organisations, 31 law firm,
                      Y1 other), the 6-digit GB/T 2260 district of the customer's address,
                      a 9-character organisation code with its GB 11714 check character,
                      and the check character; unique across the file
    industry          GB/T 4754-2017 section letter A-T
    level             group | province | local
    org               org code from modules/orgs/org_seed.cpp: CN, a province (e.g. 440000)
                      or a local network (e.g. 440100)
    state             potential | active | suspended | churned
    relationshipGrade partner | functional | emotional | drifting | empty
    address           province + city + district + road + number
    tags              ';'-separated, may be empty
    remarks           usually empty; may contain commas and double quotes (quoted)
    parentCustomerNo  empty, or the customerNo of a national account's head office (which
                      always comes earlier in the file)

contacts.csv   customerNo,name,role,title,mobile,phone,email,birthday,preferredChannel,remarks
    role              decision_maker | finance | technical | daily
    mobile            11 digits;  phone: <area code>-<8 or 7 digits> or empty
    email             ASCII or empty;  birthday: YYYY-MM-DD (aged 25-60 at --end-month)
    preferredChannel  phone | sms | email | wechat | visit

revenue.csv    customerNo,product,month,amount,arrears
    month             YYYY-MM, the 12 months ending at --end-month
    amount, arrears   yuan (元) with exactly 2 decimals, e.g. 12345.67 (the server keeps fen:
                      multiply by 100); arrears is the unpaid part of that month's amount
    Only active, suspended and churned customers have rows; a churned customer's rows stop
    before the month it churned. The 12-month totals of active and suspended customers fall
    in the value grades of modules/accounts/grading/value_grade.h (A >= 1,000,000 yuan, B >= 300,000,
    C >= 100,000, else D) roughly 5/15/30/50 %.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
from bisect import bisect_right
from operator import mul
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_FILE = ROOT / "modules" / "orgs" / "org_seed.cpp"
GROUP_CODE = "CN"
MAX_CUSTOMERS = 10_000_000

# --------------------------------------------------------------------------------------------
# GB 32100-2015 unified social credit code and GB 11714-1997 organisation code.

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
CREDIT_WEIGHTS_ORG = CREDIT_WEIGHTS[8:]  # positions 9-17, the organisation code
_CREDIT_VALUE = {c: i for i, c in enumerate(CREDIT_ALPHABET)}
# GB 11714: digits are their value, letters A-Z are 10-35.
_ORG_VALUE = {c: (int(c) if c.isdigit() else ord(c) - 55) for c in CREDIT_ALPHABET}


def org_code_check(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    total = sum(map(mul, ORG_CODE_WEIGHTS, map(_ORG_VALUE.__getitem__, body8)))
    check = 11 - total % 11
    return "0" if check == 11 else "X" if check == 10 else str(check)


def credit_check(first17: str) -> str:
    """GB 32100 check character, as CreditCodeCheckCharacter in credit_code.cpp."""
    total = sum(map(mul, CREDIT_WEIGHTS, map(_CREDIT_VALUE.__getitem__, first17)))
    check = 31 - total % 31
    return CREDIT_ALPHABET[0 if check == 31 else check]


# --------------------------------------------------------------------------------------------
# Organisations. The seed (modules/orgs/org_seed.cpp) is authoritative; this copy is only used
# when the script runs outside the repository, and a test keeps it equal to the seed.

EMBEDDED_SEED = """
110000 北京市 CN|120000 天津市 CN|130000 河北省 CN|140000 山西省 CN|150000 内蒙古自治区 CN
210000 辽宁省 CN|220000 吉林省 CN|230000 黑龙江省 CN|310000 上海市 CN|320000 江苏省 CN
330000 浙江省 CN|340000 安徽省 CN|350000 福建省 CN|360000 江西省 CN|370000 山东省 CN
410000 河南省 CN|420000 湖北省 CN|430000 湖南省 CN|440000 广东省 CN|450000 广西壮族自治区 CN
460000 海南省 CN|500000 重庆市 CN|510000 四川省 CN|520000 贵州省 CN|530000 云南省 CN
540000 西藏自治区 CN|610000 陕西省 CN|620000 甘肃省 CN|630000 青海省 CN|640000 宁夏回族自治区 CN
650000 新疆维吾尔自治区 CN
130100 石家庄市 130000|140100 太原市 140000|150100 呼和浩特市 150000|210100 沈阳市 210000
210200 大连市 210000|220100 长春市 220000|230100 哈尔滨市 230000|320100 南京市 320000
320200 无锡市 320000|320500 苏州市 320000|330100 杭州市 330000|330200 宁波市 330000
330300 温州市 330000|340100 合肥市 340000|350100 福州市 350000|350200 厦门市 350000
360100 南昌市 360000|370100 济南市 370000|370200 青岛市 370000|410100 郑州市 410000
410300 洛阳市 410000|420100 武汉市 420000|420500 宜昌市 420000|430100 长沙市 430000
440100 广州市 440000|440300 深圳市 440000|440600 佛山市 440000|441900 东莞市 440000
450100 南宁市 450000|460100 海口市 460000|510100 成都市 510000|510700 绵阳市 510000
520100 贵阳市 520000|530100 昆明市 530000|540100 拉萨市 540000|610100 西安市 610000
620100 兰州市 620000|630100 西宁市 630000|640100 银川市 640000|650100 乌鲁木齐市 650000
"""

_SEED_ROW = re.compile(
    r'\{\s*"(?P<code>[^"]+)"\s*,\s*"(?P<name>[^"]*)"\s*,\s*"(?P<name_en>[^"]*)"\s*,\s*'
    r'(?P<parent>kGroupCode|"[^"]*")\s*\}')


def parse_seed_source(text: str, group_code: str = GROUP_CODE) -> list[tuple[str, str, str]]:
    """(code, name, parent) of the provinces and local networks in org_seed.cpp, in order;
    `group_code` is the value of kGroupCode (org_seed.h)."""
    rows = []
    for match in _SEED_ROW.finditer(text):
        parent = match.group("parent")
        parent = group_code if parent == "kGroupCode" else parent.strip('"')
        rows.append((match.group("code"), match.group("name"), parent))
    return rows


def embedded_seed() -> list[tuple[str, str, str]]:
    rows = []
    for line in EMBEDDED_SEED.strip().splitlines():
        for item in line.split("|"):
            code, name, parent = item.split()
            rows.append((code, name, parent))
    return rows


def load_seed(path: Path | None) -> tuple[list[tuple[str, str, str]], str]:
    """The seed rows and where they came from. An explicit path must exist and parse."""
    candidate = path or SEED_FILE
    if candidate.is_file():
        header = candidate.with_suffix(".h")
        group_code = GROUP_CODE
        if header.is_file():
            match = re.search(r'kGroupCode\[\]\s*=\s*"([^"]+)"', header.read_text(encoding="utf-8"))
            if match and match.group(1) != GROUP_CODE:
                raise SystemExit(f"error: {header} names the group {match.group(1)!r}; this script "
                                 f"expects {GROUP_CODE!r} (GROUP_CODE)")
        rows = parse_seed_source(candidate.read_text(encoding="utf-8"), group_code)
        if len(rows) >= 31:
            return rows, str(candidate)
        if path:
            raise SystemExit(f"error: no org rows found in {candidate}")
    elif path:
        raise SystemExit(f"error: org seed file {candidate} not found")
    return embedded_seed(), "the copy embedded in gen_sample_data.py"


# --------------------------------------------------------------------------------------------
# Word lists and geography live in sample_data/ beside this script (JSON, UTF-8):
# geography.json  per province (GB/T 2260 code) its short name, pinyin, rough economic weight,
#                 optional hqBias (where national head offices sit, relative to the weight) and
#                 cities: GB/T 2260 code, name, pinyin, telephone area code, weight within the
#                 province and "district code district code ...". The first city is the capital.
#                 Municipalities have one pseudo-city with the province's code and an empty name.
#                 Districts are real GB/T 2260 codes (东莞 and 中山 have no districts: their towns
#                 use the city's code). Also the road and building names of addresses.
# words.json      the words of organisation and contact names, titles, tags and remarks.

DATA_DIR = Path(__file__).resolve().parent / "sample_data"


def load_data(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as f:
        return json.load(f)


_GEOGRAPHY = load_data("geography.json")
_WORDS = load_data("words.json")

# code -> (short, pinyin, weight, [(code, name, pinyin, area code, weight, districts)])
GEO = {code: (p["short"], p["pinyin"], p["weight"],
              [(c["code"], c["name"], c["pinyin"], c["areaCode"], c["weight"], c["districts"])
               for c in p["cities"]])
       for code, p in _GEOGRAPHY["provinces"].items()}
HQ_BIAS = {code: p["hqBias"] for code, p in _GEOGRAPHY["provinces"].items() if "hqBias" in p}
ROADS = _GEOGRAPHY["roads"]
BUILDINGS = _GEOGRAPHY["buildings"]

# --------------------------------------------------------------------------------------------
# Names.

# Brand word pieces (two characters) with pinyin for e-mail domains. Disjoint from the
# industry words so that "<prefix><brand><word>" cores do not run into each other.
BRAND_PIECES = list(_WORDS["brandPieces"].items())
# Company words per GB/T 4754 section (none is a prefix of another, none ends in a suffix).
INDUSTRY_WORDS = _WORDS["industryWords"]
BANK_WORDS = {"农村商业银行", "村镇银行"}

SUFFIXES = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "分公司")
SUFFIX_WEIGHTS = (60, 14, 15, 6, 5)
GROUP_SUFFIX_WEIGHTS = (25, 35, 0, 40, 0)

# Section weights: many I, C, F, J; public sector P/Q/S. The group level (national major
# accounts) has no schools, hospitals or government bodies.
SECTION_WEIGHTS = {"A": 2, "B": 1, "C": 17, "D": 3, "E": 6, "F": 11, "G": 6, "H": 3, "I": 15,
                   "J": 8, "K": 4, "L": 6, "M": 4, "N": 2, "O": 1.5, "P": 4, "Q": 3.5, "R": 1.5,
                   "S": 5, "T": 0.05}
GROUP_SECTION_WEIGHTS = {"A": 1, "B": 4, "C": 20, "D": 8, "E": 8, "F": 10, "G": 8, "I": 15,
                         "J": 15, "K": 6, "L": 3, "M": 2}
HQ_SECTION_WEIGHTS = {"B": 6, "C": 20, "D": 10, "E": 10, "F": 10, "G": 10, "I": 12, "J": 15,
                      "K": 7}
# Public-sector share of sections P and Q (the rest are private companies).
PUBLIC_SHARE = {"P": 0.75, "Q": 0.7, "S": 1.0, "T": 1.0}

SCHOOL_WORDS = _WORDS["schoolWords"]
VOCATIONS = _WORDS["vocations"]
CITY_BUREAUS = _WORDS["cityBureaus"]
PROVINCE_BUREAUS = _WORDS["provinceBureaus"]
STREETS = _WORDS["streets"]
TRADES = _WORDS["trades"]
SOCIAL_WORDS = list(_WORDS["socialWords"].items())  # (word, credit-code class)
COOP_WORDS = _WORDS["coopWords"]
INTL_WORDS = _WORDS["intlWords"]

TAGS = tuple(_WORDS["tags"])
REMARKS = tuple(_WORDS["remarks"])

# Contacts.
SURNAMES = list(_WORDS["surnames"].items())  # (surname, pinyin), most common first
GIVEN_CHARS = list(_WORDS["givenChars"].items())
ROLES = ("finance", "technical", "daily")
# The first contact is the decision maker; the others take the remaining roles in some order.
ROLE_ORDERS = [("decision_maker",) + order for order in itertools.permutations(ROLES)]
TITLES = _WORDS["titles"]
PUBLIC_TITLES = _WORDS["publicTitles"]  # decision makers per public section P, Q, S, T
MOBILE_PREFIXES = _WORDS["mobilePrefixes"]
CHANNELS = (("phone", 30), ("wechat", 35), ("sms", 10), ("email", 15), ("visit", 10))
CONTACT_REMARKS = tuple(_WORDS["contactRemarks"])
EMAIL_TLDS = tuple(_WORDS["emailTlds"])

# Revenue.
PRODUCTS = (("移动通信", 30), ("宽带专线", 12), ("互联网专线", 18), ("云服务", 10), ("5G专网", 5),
            ("IDC", 6), ("物联网", 8), ("固话", 11))
# Grades in yuan over 12 months (value_grade.h: A >= 1,000,000, B >= 300,000, C >= 100,000).
GRADE_BANDS = {"A": (1_020_000, 20_000_000), "B": (306_000, 980_000),
               "C": (102_000, 294_000), "D": (3_000, 98_000)}
# Target grade mix by level: overall about A 5 %, B 15 %, C 30 %, D 50 % at 3/22/75 % levels.
GRADE_WEIGHTS = {"group": (30, 35, 25, 10), "province": (8, 22, 35, 35),
                 "local": (3.12, 12.15, 28.73, 56.0)}

LEVEL_WEIGHTS = (("group", 3), ("province", 22), ("local", 75))
STATE_WEIGHTS = (("potential", 15), ("active", 75), ("suspended", 5), ("churned", 5))
GRADE_REL = (("partner", 12), ("functional", 38), ("emotional", 20), ("drifting", 10), ("", 20))

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十, 三十五)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def csv_field(text: str) -> str:
    """RFC 4180: quote when the field holds a comma, a quote or a line break."""
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


class Picker:
    """Weighted choice with one random number: pick(rng.random)."""

    __slots__ = ("items", "cum", "total", "last")

    def __init__(self, pairs):
        self.items, self.cum, total = [], [], 0.0
        for item, weight in pairs:
            if weight > 0:
                total += weight
                self.items.append(item)
                self.cum.append(total)
        if not self.items:
            raise ValueError("nothing to pick from")
        self.total = total
        self.last = len(self.items) - 1

    def pick(self, rnd):
        i = bisect_right(self.cum, rnd() * self.total)
        return self.items[i if i <= self.last else self.last]


# --------------------------------------------------------------------------------------------
# Model of the organisations with their geography.

class Province:
    def __init__(self, code, name, short, py, weight):
        self.code, self.name, self.short, self.py, self.weight = code, name, short, py, weight
        self.cities: list[City] = []
        self.city_picker: Picker | None = None
        self.is_municipality = False


class City:
    def __init__(self, province, code, name, py, area, weight, districts):
        self.province = province
        self.code, self.name, self.py, self.area, self.weight = code, name, py, area, weight
        self.districts = districts  # [(name, code)]
        self.short = name[:-1] if name.endswith("市") else (name or province.short)
        # Prefix of public bodies' names: 广州市 / 北京市.
        self.full = name or province.name
        self.seeded = False  # a local network of the seed


def build_model(seed_rows, warn):
    """Provinces (by code) and local networks (code -> City) of the seed, with geography."""
    provinces: dict[str, Province] = {}
    locals_: dict[str, City] = {}
    for code, name, parent in seed_rows:
        if parent != GROUP_CODE:
            continue
        geo = GEO.get(code)
        if geo is None:
            warn(f"no geography for province {code} {name}; using a generic city")
            short = re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$", "", name)
            geo = (short, "prov" + code[:2], 1.0, [(code[:2] + "0100", short + "市", "city" + code[:2],
                                                    "0" + code[:3], 1, f"城区 {code[:2]}0100")])
        short, py, weight, cities = geo
        province = Province(code, name, short, py, weight)
        for ccode, cname, cpy, area, cweight, districts in cities:
            parts = districts.split()
            dlist = list(zip(parts[0::2], parts[1::2]))
            province.cities.append(City(province, ccode, cname, cpy, area, cweight, dlist))
        province.is_municipality = len(province.cities) == 1 and province.cities[0].code == code
        provinces[code] = province
    for code, name, parent in seed_rows:
        if parent == GROUP_CODE:
            continue
        province = provinces.get(parent)
        if province is None:
            raise SystemExit(f"error: seed org {code} has unknown parent {parent}")
        city = next((c for c in province.cities if c.code == code), None)
        if city is None:
            warn(f"no district data for local network {code} {name}; using generic districts")
            city = City(province, code, name, "city" + code[:4], province.cities[0].area, 1,
                        [("高新区", code), ("经济开发区", code)])
            province.cities.append(city)
        city.seeded = True
        locals_[code] = city
    for province in provinces.values():
        province.city_picker = Picker((c, c.weight) for c in province.cities)
    return provinces, locals_


def resolve_orgs(spec, provinces, locals_, seed_names):
    """The set of allowed org codes for --orgs (each org with its subtree)."""
    allowed = set()
    lookup = {}
    for code in [GROUP_CODE, *provinces, *locals_]:
        lookup[code.lower()] = code
    for code, name in seed_names.items():
        lookup[name.lower()] = code
    for province in provinces.values():
        lookup[province.short.lower()] = province.code
        lookup[province.py.lower()] = province.code
    for city in locals_.values():
        lookup[city.short.lower()] = city.code
        lookup[city.py.lower()] = city.code
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        code = lookup.get(item.lower())
        if code is None:
            raise SystemExit(
                f"error: --orgs: unknown org '{item}'. Org codes are those of "
                f"modules/orgs/org_seed.cpp: {GROUP_CODE} (group), GB/T 2260 province codes "
                f"such as 440000 (广东省) and local networks such as 440100 (广州市); Chinese "
                f"names (广东省, 广州市) and pinyin (guangdong) work too")
        if code == GROUP_CODE:
            allowed.update([GROUP_CODE, *provinces, *locals_])
        elif code in provinces:
            allowed.add(code)
            allowed.update(c for c, city in locals_.items() if city.province.code == code)
        else:
            allowed.add(code)
    if not allowed:
        raise SystemExit("error: --orgs: no org given")
    return allowed


# --------------------------------------------------------------------------------------------
# The generator.

class Options:
    customers = 1000
    out = "."
    seed = 1
    contacts_per_customer = 2.0
    revenue = True
    contacts = True
    near_duplicates = 0.005
    orgs = None
    groups = None
    encoding = "utf-8"
    crlf = False
    end_month = None  # (year, month)
    start_no = 1
    seed_file = None
    jobs = 1


class Generator:
    def __init__(self, opts: Options, warn=lambda message: print("warning: " + message, file=sys.stderr)):
        self.opts = opts
        self.warn = warn
        seed_rows, self.seed_source = load_seed(Path(opts.seed_file) if opts.seed_file else None)
        self.provinces, self.locals = build_model(seed_rows, warn)
        seed_names = {code: name for code, name, _ in seed_rows}
        seed_names[GROUP_CODE] = "集团总部"
        if opts.orgs:
            self.allowed = resolve_orgs(opts.orgs, self.provinces, self.locals, seed_names)
        else:
            self.allowed = {GROUP_CODE, *self.provinces, *self.locals}

        base = f"mams-sample-data/{opts.seed}"
        self.rng = random.Random(base + "/customers")
        self.crng = random.Random(base + "/contacts")
        self.rrng = random.Random(base + "/revenue")
        self.prng = random.Random(base + "/plan")

        self._build_pickers()
        self._init_codes()
        year, month = opts.end_month
        self.end_year = year
        months = []
        for back in range(11, -1, -1):
            y, m = divmod(year * 12 + (month - 1) - back, 12)
            months.append(f"{y:04d}-{m + 1:02d}")
        self.months = months
        self.month_cols = [m + "," for m in months]
        # Month-to-month variation of revenue, +-15 %, read at a random offset per product.
        noise_rng = random.Random(base + "/noise")
        self.noise = [0.85 + 0.3 * noise_rng.random() for _ in range(4096 + 12)]
        self.contact_p = (opts.contacts_per_customer - 1.0) / 3.0
        self.public_titles = {
            section: {"decision_maker": titles, **{role: PUBLIC_TITLES[role] for role in ROLES}}
            for section, titles in PUBLIC_TITLES["decision_maker"].items()}
        self.grade_logs = {g: (math.log(lo), math.log(hi)) for g, (lo, hi) in GRADE_BANDS.items()}
        self.taken: dict[str, set] = {}      # uniqueness scope (province or CN) -> name cores
        self.rings: dict[str, list] = {}     # org -> recent company names for near-duplicates
        self.nl = "\r\n" if opts.crlf else "\n"
        self.stats = {}

    # -- set-up ------------------------------------------------------------------------------
    def _build_pickers(self):
        allowed = self.allowed
        provs = [p for p in self.provinces.values() if p.code in allowed]
        units = {"group": [], "province": [], "local": []}
        if GROUP_CODE in allowed:
            units["group"].append((None, sum(p.weight for p in self.provinces.values())))
        for p in provs:
            units["group"].append((p, p.weight * 0.5))
            units["province"].append((p, p.weight))
        for p in self.provinces.values():
            seeded = [c for c in p.cities if c.seeded]
            if p.is_municipality or not seeded:
                if p.code in allowed:
                    units["local"].append((p.cities[0], p.weight))
                continue
            total = sum(c.weight for c in seeded)
            for c in seeded:
                if c.code in allowed:
                    units["local"].append((c, p.weight * c.weight / total))
        self.level_units = {lv: Picker(u) for lv, u in units.items() if u}
        self.level_picker = Picker((lv, w) for lv, w in LEVEL_WEIGHTS if lv in self.level_units)
        self.hq_location = Picker((p, p.weight * HQ_BIAS.get(p.code, 0.5))
                                  for p in self.provinces.values())
        self.section_picker = Picker(SECTION_WEIGHTS.items())
        self.group_section_picker = Picker(GROUP_SECTION_WEIGHTS.items())
        self.hq_section_picker = Picker(HQ_SECTION_WEIGHTS.items())
        self.state_picker = Picker(STATE_WEIGHTS)
        self.rel_picker = Picker(GRADE_REL)
        self.suffix_picker = Picker(zip(range(len(SUFFIXES)), SUFFIX_WEIGHTS))
        self.group_suffix_picker = Picker(zip(range(len(SUFFIXES)), GROUP_SUFFIX_WEIGHTS))
        self.grade_pickers = {lv: Picker(zip("ABCD", w)) for lv, w in GRADE_WEIGHTS.items()}
        self.surname_picker = Picker((s, 1.0 / (i + 6)) for i, s in enumerate(SURNAMES))
        self.channel_picker = Picker(CHANNELS)
        self.product_picker = Picker(PRODUCTS)

    def _init_codes(self):
        r = self.prng
        # Organisation-code bodies come from bijections of two counters, so that every credit
        # code is unique without remembering them: 8 digits, or "MA" + 6 characters.
        self.dg_mod = 10 ** 8
        self.dg_a = r.randrange(1, self.dg_mod // 10) * 10 + r.choice((1, 3, 7, 9))
        self.dg_b = r.randrange(self.dg_mod)
        self.ma_mod = 31 ** 6
        self.ma_a = r.randrange(1, self.ma_mod)
        while self.ma_a % 31 == 0:
            self.ma_a = r.randrange(1, self.ma_mod)
        self.ma_b = r.randrange(self.ma_mod)
        self.dg_counter = 0
        self.ma_counter = 0
        self._prefix_sum: dict[str, int] = {}

    def credit_code(self, kind: str, division: str, new_style: bool) -> str:
        if new_style:
            v = (self.ma_a * self.ma_counter + self.ma_b) % self.ma_mod
            self.ma_counter += 1
            chars = []
            for _ in range(6):
                v, d = divmod(v, 31)
                chars.append(CREDIT_ALPHABET[d])
            body = "MA" + "".join(chars)
        else:
            v = (self.dg_a * self.dg_counter + self.dg_b) % self.dg_mod
            self.dg_counter += 1
            body = f"{v:08d}"
        org9 = body + org_code_check(body)
        prefix = kind + division
        psum = self._prefix_sum.get(prefix)
        if psum is None:
            psum = sum(w * _CREDIT_VALUE[c] for w, c in zip(CREDIT_WEIGHTS, prefix))
            self._prefix_sum[prefix] = psum
        total = psum + sum(map(mul, CREDIT_WEIGHTS_ORG, map(_CREDIT_VALUE.__getitem__, org9)))
        check = 31 - total % 31
        return prefix + org9 + CREDIT_ALPHABET[0 if check == 31 else check]

    # -- names -------------------------------------------------------------------------------
    def _brand(self):
        r = self.rng.random
        n = len(BRAND_PIECES)
        a = BRAND_PIECES[int(r() * n)]
        if r() < 0.4:
            return a[0], a[1]
        b = BRAND_PIECES[int(r() * n)]
        while b[0][0] in a[0] or b[0][1] in a[0]:  # not 华信信达 or 华信华信
            b = BRAND_PIECES[int(r() * n)]
        return a[0] + b[0], a[1] + b[1]

    def _claim(self, scope: set, core: str) -> bool:
        if core in scope:
            return False
        scope.add(core)
        return True

    def company_name(self, scope, section, prefix, district, group_level):
        """(name, core, suffix index, brand pinyin) of a company."""
        rng = self.rng
        words = INDUSTRY_WORDS[section]
        for attempt in range(60):
            brand, py = self._brand()
            word = words[int(rng.random() * len(words))]
            # A crowded name space gets the district too: 广州天河华信科技有限公司.
            pre = prefix + district if attempt >= 20 else prefix
            core = pre + brand + word
            if self._claim(scope, core):
                break
        else:
            raise SystemExit("error: ran out of distinct company names; use fewer customers per org")
        if word in BANK_WORDS:
            suffix = 1
        else:
            suffix = (self.group_suffix_picker if group_level else self.suffix_picker).pick(rng.random)
        return core + SUFFIXES[suffix], core, suffix, py

    def public_name(self, scope, section, level, city, district):
        """(name, credit-code kind) of a public body, or None when the name space is full."""
        rng = self.rng
        r = rng.random
        choice = rng.choice
        province = city.province
        provincial = level == "province" and not province.is_municipality
        for _ in range(12):
            x = r()
            if provincial:
                p = province.name
                if section == "P":
                    name, kind = (p + "教育厅", "11") if x < 0.1 else \
                        (p + choice(SCHOOL_WORDS) + "中学", "12") if x < 0.4 else \
                        (province.short + choice(VOCATIONS) + "职业技术学院", "12")
                elif section == "Q":
                    name, kind = choice(((p + "人民医院", "12"), (p + "中医院", "12"),
                                         (p + "妇幼保健院", "12"), (p + "疾病预防控制中心", "12"),
                                         (p + "卫生健康委员会", "11"), (p + "肿瘤医院", "12"),
                                         (p + "第二人民医院", "12"), (p + "职业病防治院", "12")))
                elif section == "S":
                    name, kind = (p + choice(PROVINCE_BUREAUS), "11") if x < 0.6 else \
                        (p + choice(TRADES) + "协会", "51")
                else:
                    return None
            else:
                c = city.full
                d = district
                if section == "P":
                    if x < 0.2:
                        name, kind = c + "第" + cn_number(1 + int(r() * 60)) + "中学", "12"
                    elif x < 0.45:
                        name, kind = c + d + choice(SCHOOL_WORDS) + "小学", "12"
                    elif x < 0.6:
                        name, kind = c + d + choice(SCHOOL_WORDS) + "中学", "12"
                    elif x < 0.7:
                        name, kind = c + d + choice(SCHOOL_WORDS) + "幼儿园", "12"
                    elif x < 0.8:
                        name, kind = c + d + "教育局", "11"
                    else:
                        name, kind = c + choice(VOCATIONS) + "职业技术学校", "12"
                elif section == "Q":
                    if x < 0.2:
                        name, kind = c + "第" + cn_number(1 + int(r() * 12)) + "人民医院", "12"
                    elif x < 0.35:
                        name, kind = c + choice(("中医院", "妇幼保健院", "疾病预防控制中心",
                                                 "卫生健康委员会", "急救中心", "血液中心")), "12"
                    elif x < 0.55:
                        name, kind = c + d + choice(("人民医院", "中医医院", "妇幼保健院")), "12"
                    elif x < 0.65:
                        name, kind = c + d + "卫生健康局", "11"
                    elif x < 0.9:
                        name, kind = c + d + choice(STREETS) + "街道社区卫生服务中心", "12"
                    else:
                        name, kind = c + d + "社会福利院", "12"
                elif section == "S":
                    if x < 0.05:
                        name, kind = c + d + "人民政府", "11"
                    elif x < 0.3:
                        name, kind = c + choice(CITY_BUREAUS), "11"
                    elif x < 0.5:
                        name, kind = c + d + choice(CITY_BUREAUS), "11"
                    elif x < 0.7:
                        name, kind = c + d + choice(STREETS) + "街道办事处", "11"
                    elif x < 0.85:
                        name, kind = c + choice(TRADES) + "协会", "51"
                    else:
                        other = choice(list(self.provinces.values()))
                        if other is province:
                            continue
                        name, kind = c + other.short + "商会", "51"
                else:
                    return None
            if self._claim(scope, name):
                return name, kind
        return None

    def social_name(self, scope, prefix, section):
        """Brand-based social organisations (S) and representative offices (T): a large space."""
        rng = self.rng
        for _ in range(60):
            brand, _py = self._brand()
            if section == "T":
                name, kind = brand + rng.choice(INTL_WORDS) + "驻" + prefix + "代表处", "Y1"
            else:
                word, kind = rng.choice(SOCIAL_WORDS)
                name = prefix + brand + word
            if self._claim(scope, name):
                return name, kind
        raise SystemExit("error: ran out of distinct organisation names")

    # -- one customer ------------------------------------------------------------------------
    def _location(self, level, unit):
        """(org code, city) for a level and its picked unit."""
        r = self.rng.random
        if level == "local":
            city = unit
            org = city.code if city.seeded else city.province.code
        elif level == "province":
            org = unit.code
            city = unit.city_picker.pick(r)
        else:
            province = unit if unit is not None else self.hq_location.pick(r)
            org = GROUP_CODE if unit is None else unit.code
            city = province.cities[0] if r() < 0.7 else province.city_picker.pick(r)
        return org, city

    def _address(self, city, district):
        r = self.rng.random
        road = ROADS[int(r() * len(ROADS))]
        number = 1 + int(r() * 999) if r() < 0.8 else 1 + int(r() * 99)
        address = f"{city.province.name}{city.name}{district}{road}{number}号"
        if r() < 0.25:
            address += f"{BUILDINGS[int(r() * len(BUILDINGS))]}{2 + int(r() * 30)}层"
        return address

    def _tags(self, public, grade):
        r = self.rng.random
        chosen = []
        if grade in "AB" and r() < 0.7 or r() < 0.08:
            chosen.append(TAGS[0])
        if public and r() < 0.85 or r() < 0.1:
            chosen.append(TAGS[1])
        for tag, p in ((TAGS[2], 0.06), (TAGS[3], 0.15), (TAGS[4], 0.12), (TAGS[5], 0.3)):
            if r() < p:
                chosen.append(tag)
        return ";".join(chosen)

    def regular_customer(self):
        """A customer that is not part of a national account."""
        rng = self.rng
        r = rng.random
        level = self.level_picker.pick(r)
        unit = self.level_units[level].pick(r)
        org, city = self._location(level, unit)
        scope_key = GROUP_CODE if org == GROUP_CODE else city.province.code
        scope = self.taken.get(scope_key)
        if scope is None:
            scope = self.taken[scope_key] = set()
        ring = self.rings.get(org)
        if ring is None:
            ring = self.rings[org] = []

        near = None
        if ring and r() < self.opts.near_duplicates:
            entry = ring[int(r() * len(ring))]
            free = [i for i in range(len(SUFFIXES)) if not entry[1] >> i & 1]
            if free:
                near = entry
                suffix = free[int(r() * len(free))]
                entry[1] |= 1 << suffix

        district, division = city.districts[int(r() * len(city.districts))]
        public = False
        if near is not None:
            core, _mask, section, city, py = near
            district, division = city.districts[int(r() * len(city.districts))]
            name = core + SUFFIXES[suffix]
            kind = "91"
            domain = py
        else:
            section = (self.group_section_picker if level == "group" else self.section_picker).pick(r)
            name = None
            share = PUBLIC_SHARE.get(section)
            if share is not None and (share >= 1.0 or r() < share):
                found = self.public_name(scope, section, level, city, district)
                if found is None:
                    if section in ("S", "T"):
                        found = self.social_name(scope, city.short if level == "local" else
                                                 city.province.short, section)
                if found is not None:
                    name, kind = found
                    public = True
                    domain = None
            if name is None:
                if section in ("S", "T"):  # provincial T or exhausted: a social organisation
                    name, kind = self.social_name(scope, city.province.short, section)
                    public = True
                    domain = None
                else:
                    if level == "group":
                        prefix = ("中国" if r() < 0.4 else "") if org == GROUP_CODE else city.province.short
                    elif level == "province":
                        prefix = city.province.short if r() < 0.7 else city.short
                    else:
                        prefix = city.short
                    dshort = district[:-1] if district[-1] in "区镇" and len(district) > 2 else district
                    kind = "91"
                    if section == "A" and r() < 0.2:
                        kind = "93"
                        for _ in range(60):
                            brand, py = self._brand()
                            name = prefix + brand + COOP_WORDS[int(r() * len(COOP_WORDS))] + "专业合作社"
                            if self._claim(scope, name):
                                break
                        domain = py
                    elif section == "L" and r() < 0.1:
                        kind = "31"
                        for _ in range(60):
                            brand, py = self._brand()
                            name = prefix + brand + "律师事务所"
                            if self._claim(scope, name):
                                break
                        domain = py + "law"
                    else:
                        name, core, suffix, py = self.company_name(scope, section, prefix, dshort,
                                                                   level == "group")
                        domain = py
                        entry = [core, 1 << suffix, section, city, py]
                        if len(ring) < 256:
                            ring.append(entry)
                        else:
                            ring[int(r() * 256)] = entry
        if public:  # a full host name; companies get a top-level domain per contact file
            letters = "".join(chr(97 + int(r() * 26)) for _ in range(3))
            domain = f"{letters}.{city.py}.gov.cn" if kind[0] == "1" else f"{letters}{city.py}.org.cn"

        code = self.credit_code(kind, division, kind == "91" and r() < 0.45)
        state = self.state_picker.pick(r)
        rel = self.rel_picker.pick(r)
        if state == "potential" and r() < 0.6:
            rel = ""
        grade = self.grade_pickers[level].pick(r)
        address = self._address(city, district)
        tags = self._tags(public or section in "PQS", grade)
        remarks = REMARKS[int(r() * len(REMARKS))] if r() < 0.08 else ""
        return (name, code, section, level, org, state, rel, address, tags, remarks, "",
                city, grade, domain, public)

    # -- national accounts -------------------------------------------------------------------
    def plan_national_accounts(self, total):
        """Head offices with branches in several provinces (or local networks)."""
        rng = self.prng
        r = rng.random
        allowed = self.allowed
        branch_units = [p for p in self.provinces.values() if p.code in allowed]
        branch_level = "province"
        if len(branch_units) < 2:
            branch_units = [c for c in self.locals.values() if c.code in allowed]
            branch_level = "local"
        hq_units = [None] if GROUP_CODE in allowed else \
            [p for p in self.provinces.values() if p.code in allowed]
        requested = self.opts.groups
        if requested is None:
            count = round(total * 0.001)
            if count == 0 and total >= 100:
                count = 1
        else:
            count = requested
        if count and (not hq_units or len(branch_units) < 2):
            if requested:
                self.warn("--groups: the selected orgs cannot hold national accounts "
                          "(they need the group or a province, and two branch orgs)")
            return []
        plans = []
        used = 0
        budget = total if requested is not None else total // 2
        scope_cn = self.taken.setdefault(GROUP_CODE, set())
        for _ in range(count):
            n_branches = min(len(branch_units), 3 + int(r() * 6))
            if used + 1 + n_branches > budget:
                if requested is not None:
                    raise SystemExit(f"error: --groups {requested} needs more than --customers "
                                     f"{total} customers (each has a head office and 3-8 branches)")
                break
            used += 1 + n_branches
            hq_unit = hq_units[int(r() * len(hq_units))]
            province = hq_unit if hq_unit is not None else self.hq_location.pick(r)
            scope = scope_cn if hq_unit is None else self.taken.setdefault(province.code, set())
            section = self.hq_section_picker.pick(r)
            words = INDUSTRY_WORDS[section]
            for _ in range(100):
                a = BRAND_PIECES[int(r() * len(BRAND_PIECES))]
                word = words[int(r() * len(words))] if r() < 0.6 else ""
                if word in BANK_WORDS:
                    word = ""
                core = "中国" + a[0] + word
                if core not in scope:
                    scope.add(core)
                    break
            else:
                break
            hq_name = core + "集团有限公司"
            branches = []
            picked = []
            pool = list(branch_units)
            for _ in range(n_branches):
                unit = pool.pop(int(r() * len(pool)))
                picked.append(unit)
            for unit in picked:
                if branch_level == "province":
                    bcity = unit.cities[0]
                    region = unit.short
                    bscope = self.taken.setdefault(unit.code, set())
                else:
                    bcity = unit
                    region = unit.short
                    bscope = self.taken.setdefault(unit.province.code, set())
                bname = hq_name + region + "分公司"
                bscope.add(hq_name + region)
                branches.append((bname, unit.code, bcity, branch_level))
            plans.append({"name": hq_name, "py": a[1], "section": section,
                          "org": GROUP_CODE if hq_unit is None else hq_unit.code,
                          "city": province.cities[0], "branches": branches})
        return plans

    def national_rows(self, plan, which, parent_no):
        """The customer tuple of a head office (which=None) or of branch number `which`."""
        rng = self.rng
        r = rng.random
        if which is None:
            name, org, city, level = plan["name"], plan["org"], plan["city"], "group"
            state = "active"
            grade = "A" if r() < 0.8 else "B"
            rel = "partner" if r() < 0.6 else "functional"
        else:
            name, org, city, level = plan["branches"][which]
            state = "active" if r() < 0.9 else ("suspended" if r() < 0.5 else "potential")
            grade = Picker(zip("ABCD", (15, 35, 35, 15))).pick(r)
            rel = self.rel_picker.pick(r)
        district, division = city.districts[int(r() * len(city.districts))]
        code = self.credit_code("91", division, r() < 0.3)
        address = self._address(city, district)
        tags = ";".join(t for t in (TAGS[0], TAGS[1], TAGS[3], TAGS[5]) if r() < 0.7) or TAGS[0]
        return (name, code, plan["section"], level, org, state, rel, address, tags, "",
                parent_no or "", city, grade, plan["py"], False)

    # -- contacts and revenue ------------------------------------------------------------------
    def contact_rows(self, cno, section, public, city, domain, out, nl):
        r = self.crng.random
        p = self.contact_p
        n = 1 + (r() < p) + (r() < p) + (r() < p)
        roles = ROLE_ORDERS[int(r() * len(ROLE_ORDERS))][:n]
        host = domain if "." in domain else domain + EMAIL_TLDS[int(r() * len(EMAIL_TLDS))]
        if public:
            titles_by_role = self.public_titles.get(section) or self.public_titles["S"]
        else:
            titles_by_role = TITLES
        area = city.area
        seven = len(area) == 4 and city.weight < 2
        pick_surname = self.surname_picker.pick
        pick_channel = self.channel_picker.pick
        n_given = len(GIVEN_CHARS)
        used = []
        end_year = self.end_year
        for role in roles:
            sur, spy = pick_surname(r)
            g1, p1 = GIVEN_CHARS[int(r() * n_given)]
            if r() < 0.7:
                g2, p2 = GIVEN_CHARS[int(r() * n_given)]
                given, gpy = g1 + g2, p1 + p2
            else:
                given, gpy = g1, p1
            titles = titles_by_role[role]
            title = titles[int(r() * len(titles))]
            mobile = MOBILE_PREFIXES[int(r() * len(MOBILE_PREFIXES))] + f"{int(r() * 1e8):08d}"
            x = r()
            if x < 0.35 and seven:
                phone = f"{area}-{2000000 + int(x * 20000000)}"  # 7 digits, 2000000-8999999
            elif x < 0.7:
                phone = f"{area}-{20000000 + int(x * 100000000)}"  # 8 digits, 20000000-89999999
            else:
                phone = ""
            if r() < 0.85:
                local = spy + "." + gpy if r() < 0.7 else gpy + spy
                if local in used:
                    local += str(len(used) + 1)
                used.append(local)
                email = local + "@" + host
            else:
                email = ""
            # Born 26-60 years before --end-month's year: 25-60 years old at that month.
            x = r()
            birthday = f"{end_year - 26 - int(x * 35)}-{1 + int(r() * 12):02d}-{1 + int(r() * 28):02d}"
            remark = CONTACT_REMARKS[int(r() * len(CONTACT_REMARKS))] if r() < 0.05 else ""
            out.append(f"{cno},{sur}{given},{role},{title},{mobile},{phone},{email},"
                       f"{birthday},{pick_channel(r)},{remark}{nl}")
        return n

    def revenue_rows(self, cno, state, grade, out, nl):
        r = self.rrng.random
        lo, hi = self.grade_logs[grade]
        total = math.exp(lo + r() * (hi - lo))  # yuan over 12 months
        k = 1 + (r() < 0.6) + (r() < 0.3 if grade in "CD" else r() < 0.6)
        products = []
        pick = self.product_picker.pick
        while len(products) < k:
            product = pick(r)
            if product not in products:
                products.append(product)
        trend = -0.1 + r() * 0.25
        curve = [1.0 + trend * m / 11 for m in range(12)]
        low_months = 1 + int(r() * 3) if state == "suspended" else 0
        if low_months:
            for m in range(12 - low_months, 12):
                curve[m] *= 0.3
        noise = self.noise
        weights = []
        for _ in products:
            share = 0.2 + r()
            at = int(r() * 4096)
            weights.append([share * c * n for c, n in zip(curve, noise[at:at + 12])])
        scale = total / sum(map(sum, weights))
        last = 1 + int(r() * 11) if state == "churned" else 12
        months = self.month_cols[:last]
        for product, ws in zip(products, weights):
            values = [w * scale for w in ws[:last]]
            arrears = ["0.00"] * last
            if low_months:
                for m in range(12 - low_months, 12):
                    arrears[m] = f"{values[m]:.2f}"
            elif state == "churned" and r() < 0.5:
                arrears[-1] = f"{values[-1]:.2f}"
            if r() < 0.3:  # about 3 % of the rows: part of the month is unpaid
                m = int(r() * last)
                arrears[m] = f"{values[m] * (0.2 + 0.8 * r()):.2f}"
            head = cno + "," + product + ","
            out += [f"{head}{month}{value:.2f},{owed}{nl}"
                    for month, value, owed in zip(months, values, arrears)]
        return k * last

    # -- the run -----------------------------------------------------------------------------
    def run(self):
        opts = self.opts
        out_dir = Path(opts.out)
        nl = self.nl
        total = opts.customers
        plans = self.plan_national_accounts(total)
        special = sum(1 + len(p["branches"]) for p in plans)
        regular = total - special
        # Where each head office and branch goes: before regular customer number `point`.
        events = []
        seq = 0
        r = self.prng.random
        for plan in plans:
            hq_point = int(r() * (regular // 2 + 1))
            events.append((hq_point, seq, plan, None))
            seq += 1
            for i in range(len(plan["branches"])):
                events.append((hq_point + int(r() * (regular - hq_point + 1)), seq, plan, i))
                seq += 1
        events.sort(key=lambda e: (e[0], e[1]))

        files = {"customers": "customers.csv"}
        if opts.contacts:
            files["contacts"] = "contacts.csv"
        counts = {key: 0 for key in files}
        handles = {}
        revenue = None
        try:
            for key, filename in files.items():
                handles[key] = open(out_dir / filename, "w", encoding=opts.encoding, newline="")
                handles[key].write(HEADERS[key] + nl)
            if opts.revenue:
                path = out_dir / "revenue.csv"
                use_worker = opts.jobs > 1 and "fork" in multiprocessing.get_all_start_methods()
                revenue = RevenueWorker(self, path) if use_worker else RevenueWriter(self, path)
            cbuf, kbuf, items = [], [], []
            customers_file = handles["customers"]
            contacts_file = handles.get("contacts")
            want_contacts, want_revenue = opts.contacts, opts.revenue
            number = opts.start_no
            head_offices = {}
            ev = 0
            n_events = len(events)
            for point in range(regular + 1):
                batch = []
                while ev < n_events and events[ev][0] == point:
                    _p, _s, plan, which = events[ev]
                    ev += 1
                    batch.append((plan, which))
                if point < regular:
                    batch.append((None, None))
                for plan, which in batch:
                    cno = f"KH{number:010d}"
                    number += 1
                    if plan is None:
                        row = self.regular_customer()
                    elif which is None:
                        row = self.national_rows(plan, None, None)
                        head_offices[id(plan)] = cno
                    else:
                        row = self.national_rows(plan, which, head_offices[id(plan)])
                    (name, code, section, level, org, state, rel, address, tags, remarks, parent,
                     city, grade, domain, public) = row
                    cbuf.append(f"{cno},{csv_field(name)},{code},{section},{level},{org},{state},"
                                f"{rel},{csv_field(address)},{tags},{csv_field(remarks)},{parent}{nl}")
                    if want_contacts:
                        counts["contacts"] += self.contact_rows(cno, section, public, city, domain,
                                                                kbuf, nl)
                    if want_revenue and state != "potential":
                        items.append((cno, state, grade))
                counts["customers"] += len(batch)
                if len(cbuf) >= 5000:
                    customers_file.write("".join(cbuf))
                    cbuf.clear()
                    if contacts_file:
                        contacts_file.write("".join(kbuf))
                    kbuf.clear()
                    if revenue:
                        revenue.feed(items)
                    items = []
            customers_file.write("".join(cbuf))
            if contacts_file:
                contacts_file.write("".join(kbuf))
            if revenue:
                revenue.feed(items)
                files["revenue"] = "revenue.csv"
                counts["revenue"] = revenue.finish()
                revenue = None
        finally:
            for handle in handles.values():
                handle.close()
            if revenue:
                revenue.abort()
        for key, filename in files.items():
            self.stats[filename] = (counts[key], (out_dir / filename).stat().st_size)
        return self.stats


HEADERS = {
    "customers": "customerNo,name,creditCode,industry,level,org,state,relationshipGrade,"
                 "address,tags,remarks,parentCustomerNo",
    "contacts": "customerNo,name,role,title,mobile,phone,email,birthday,preferredChannel,remarks",
    "revenue": "customerNo,product,month,amount,arrears",
}


class RevenueWriter:
    """Writes revenue.csv from batches of (customerNo, state, grade), in this process."""

    def __init__(self, generator: Generator, path: Path):
        self.generator = generator
        self.file = open(path, "w", encoding=generator.opts.encoding, newline="")
        self.file.write(HEADERS["revenue"] + generator.nl)
        self.rows = 0

    def feed(self, items):
        rows_of = self.generator.revenue_rows
        nl = self.generator.nl
        buf = []
        rows = 0
        for cno, state, grade in items:
            rows += rows_of(cno, state, grade, buf, nl)
        self.file.write("".join(buf))
        self.rows += rows

    def finish(self) -> int:
        self.file.close()
        return self.rows

    def abort(self):
        self.file.close()


def _revenue_worker(generator, path, inbox, outbox):
    try:
        writer = RevenueWriter(generator, path)
        while True:
            items = inbox.recv()
            if items is None:
                break
            writer.feed(items)
        outbox.send(("ok", writer.finish()))
    except EOFError:  # the parent has gone
        pass
    except BaseException as error:  # noqa: BLE001 - reported to the parent
        try:
            outbox.send(("error", f"{type(error).__name__}: {error}"))
        except OSError:
            pass


class RevenueWorker:
    """The same as RevenueWriter, in a forked process: the main process makes customers and
    contacts meanwhile. The worker draws from the same random stream in the same order, so the
    file is byte-for-byte the one RevenueWriter writes."""

    def __init__(self, generator: Generator, path: Path):
        context = multiprocessing.get_context("fork")
        inbox_r, self.inbox = context.Pipe(duplex=False)
        self.outbox, outbox_w = context.Pipe(duplex=False)
        self.process = context.Process(target=_revenue_worker, name="revenue",
                                       args=(generator, path, inbox_r, outbox_w), daemon=True)
        self.process.start()
        inbox_r.close()
        outbox_w.close()

    def _failed(self):
        self.process.join(5)
        message = "the revenue process stopped"
        if self.outbox.poll():
            status, detail = self.outbox.recv()
            if status == "error":
                message = "writing revenue.csv: " + detail
        raise SystemExit("error: " + message)

    def feed(self, items):
        try:
            self.inbox.send(items)
        except (BrokenPipeError, OSError):
            self._failed()

    def finish(self) -> int:
        try:
            self.inbox.send(None)
        except (BrokenPipeError, OSError):
            self._failed()
        try:
            status, detail = self.outbox.recv()
        except EOFError:
            self._failed()
        self.process.join()
        if status != "ok":
            raise SystemExit("error: writing revenue.csv: " + detail)
        return detail

    def abort(self):
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


# --------------------------------------------------------------------------------------------
# Command line.

def _previous_month(today: datetime.date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def parse_args(argv=None) -> Options:
    parser = argparse.ArgumentParser(
        prog="gen_sample_data.py",
        description="Generate MAMS sample customers, contacts and revenue as CSV files.",
        epilog="Formats: see the module docstring (python3 -c 'import gen_sample_data as g; "
               "help(g)' in deploy/) or the top of this file.")
    parser.add_argument("--customers", type=int, required=True, metavar="N",
                        help=f"number of customers, 1-{MAX_CUSTOMERS:,}")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output directory (created if missing; files in it are replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--contacts-per-customer", type=float, default=2.0, metavar="F",
                        help="average contacts per customer, 1-4 (default 2)")
    parser.add_argument("--no-contacts", action="store_true", help="do not write contacts.csv")
    parser.add_argument("--no-revenue", action="store_true", help="do not write revenue.csv")
    parser.add_argument("--near-duplicates", type=float, default=0.005, metavar="F",
                        help="fraction of customers whose name repeats another one's in the same "
                             "org with a different company suffix, 0-0.5 (default 0.005)")
    parser.add_argument("--orgs", metavar="CODE,...",
                        help="only these orgs and their subtrees, by seed code (CN, 440000, "
                             "440100), Chinese name or pinyin")
    parser.add_argument("--groups", type=int, metavar="N",
                        help="national accounts (head office + 3-8 branches each); default "
                             "0.1%% of the customers")
    parser.add_argument("--encoding", default="utf-8",
                        choices=("utf-8", "utf-8-sig", "gbk", "gb18030"),
                        help="file encoding (default utf-8; utf-8-sig writes a BOM)")
    parser.add_argument("--crlf", action="store_true", help="CRLF line ends (default LF)")
    parser.add_argument("--end-month", metavar="YYYY-MM",
                        help="last month of revenue (default: the month before today)")
    parser.add_argument("--start-no", type=int, default=1, metavar="N",
                        help="first customer number: KH + N as 10 digits (default 1)")
    parser.add_argument("--jobs", type=int, choices=(1, 2), default=2 if (os.cpu_count() or 1) > 1 else 1,
                        help="2: write revenue.csv in a second process (default when there are "
                             "several CPUs); the output is the same either way")
    parser.add_argument("--seed-file", metavar="PATH",
                        help=f"org seed source (default {SEED_FILE.relative_to(ROOT)})")
    args = parser.parse_args(argv)

    def fail(message):
        parser.error(message)

    if not 1 <= args.customers <= MAX_CUSTOMERS:
        fail(f"--customers must be between 1 and {MAX_CUSTOMERS:,}")
    if not 1.0 <= args.contacts_per_customer <= 4.0:
        fail("--contacts-per-customer must be between 1 and 4")
    if not 0.0 <= args.near_duplicates <= 0.5:
        fail("--near-duplicates must be between 0 and 0.5 (a fraction, 0.005 = 0.5%%)")
    if args.groups is not None and args.groups < 0:
        fail("--groups must not be negative")
    if args.start_no < 0 or args.start_no + args.customers - 1 > 9_999_999_999:
        fail("--start-no: customer numbers must fit in 10 digits")
    if args.end_month:
        match = re.fullmatch(r"(\d{4})-(\d{2})", args.end_month)
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            fail("--end-month must look like 2024-06")
        end_month = (int(match.group(1)), int(match.group(2)))
    else:
        end_month = _previous_month(datetime.date.today())
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        fail(f"--out {out} exists and is not a directory")

    opts = Options()
    opts.customers = args.customers
    opts.out = str(out)
    opts.seed = args.seed
    opts.contacts_per_customer = args.contacts_per_customer
    opts.revenue = not args.no_revenue
    opts.contacts = not args.no_contacts
    opts.near_duplicates = args.near_duplicates
    opts.orgs = args.orgs
    opts.groups = args.groups
    opts.encoding = args.encoding
    opts.crlf = args.crlf
    opts.end_month = end_month
    opts.start_no = args.start_no
    opts.seed_file = args.seed_file
    opts.jobs = args.jobs
    return opts


def main(argv=None) -> int:
    opts = parse_args(argv)
    try:
        os.makedirs(opts.out, exist_ok=True)
    except OSError as error:
        print(f"error: cannot create --out {opts.out}: {error.strerror}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    generator = Generator(opts)
    try:
        stats = generator.run()
    except OSError as error:
        print(f"error: writing to {opts.out}: {error}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    for filename, (rows, size) in stats.items():
        print(f"{os.path.join(opts.out, filename)}: {rows} rows, {size} bytes", file=sys.stderr)
    print(f"{opts.customers} customers in {elapsed:.1f} s ({opts.customers / elapsed:,.0f}/s); "
          f"orgs from {generator.seed_source}; seed {opts.seed}; revenue months "
          f"{generator.months[0]}..{generator.months[-1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
