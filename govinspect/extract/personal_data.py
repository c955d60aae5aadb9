"""Personal data and secret markings in published text: 居民身份证号 (GB 11643 checksum and a plausible birth
date), bank card numbers (Luhn and a card word nearby), mobile numbers in a personal context only, and 涉密
markings. Everything leaving this module is masked: a full number never reaches an artifact.

Text comes in lines; a table row is one line with its cells joined by tabs (pages and attachments are
written that way by ``extract/document_lines.py`` and ``extract/attachment_text.py``), so "the same row"
and "the column headed 姓名" can be told.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# GB 11643-1999: weights of the first 17 digits and the check character for sum mod 11
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# GB/T 2260 province codes (first two digits of a 居民身份证号)
_PROVINCES = frozenset((11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
                        50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82))
_DIGITS_ALONE = r"(?<![0-9A-Za-z]){}(?![0-9A-Za-z])"
_ID = re.compile(_DIGITS_ALONE.format(r"(\d{17}[0-9Xx])"))
_MOBILE = re.compile(_DIGITS_ALONE.format(r"(1[3-9]\d{9})"))
# 16–19 digits, optionally in groups of four separated by one space or hyphen
_CARD = re.compile(_DIGITS_ALONE.format(r"(\d{4}(?:[ -]?\d{4}){2}[ -]?\d{4,7})"))
CARD_WORDS = ("银行卡", "卡号", "储蓄卡", "借记卡", "信用卡", "社保卡", "存折", "一卡通", "打卡账号")
_CARD_WORDS = re.compile("|".join(CARD_WORDS))
# an organisation's account published for payments is not a person's
_CARD_NOT_PERSONAL = re.compile(r"对公|单位账户|收款单位|账户名称|户名[:：]\s*\S*(?:局|委|办|中心|政府|公司|院|所|站|会)")
# an office's published contact: never personal data, whatever the row holds
OFFICE_WORDS = ("联系人", "联系电话[:：]", "咨询电话", "监督电话", "举报电话", "投诉电话", "办公电话", "值班电话",
                "服务电话", "热线", "传真", "办公室", "联\\s*系\\s*方\\s*式[:：]")
_OFFICE_CONTACT = re.compile("|".join(OFFICE_WORDS))
PERSONAL_COLUMNS = ("性别", "身份证", "出生", "年龄", "住址", "家庭", "民族", "户籍", "籍贯", "村组", "所在村", "补贴", "救助",
                    "金额", "低保", "保障", "困难", "贫困", "资助", "发放", "证件号")
_PERSONAL_COLUMNS = re.compile("|".join(PERSONAL_COLUMNS))
_PHONE_COLUMN = re.compile("电话|手机|联系方式|联系号码")
_SECRET = re.compile(r"^\s*[（(【\[]?\s*(绝密|机密|秘密)\s*★\s*(?:[0-9一二三四五六七八九十]+\s*年|长期)?\s*[）)】\]]?\s*$")
_INTERNAL = re.compile(r"内部资料[\s，,、。]*注意保密")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,5}$")
_LABELLED_NAME = re.compile(r"姓\s*名[:：]\s*([\u4e00-\u9fa5·]{2,5})")

KINDS = ("id_card", "bank_card", "mobile", "secret_marking")
KIND_NAMES = {"id_card": "居民身份证号", "bank_card": "银行卡号", "mobile": "个人手机号码", "secret_marking": "涉密标识"}


@dataclass(frozen=True, slots=True)
class Found:
    kind: str
    masked: str
    excerpt: str
    line: int


def id_number_valid(value: str, latest_birth: date | None = None) -> bool:
    """An 18-character 居民身份证号: a province code, a real birth date 1900…``latest_birth`` and the
    GB 11643 check character."""
    if len(value) != 18 or not value[:17].isdigit():
        return False
    if int(value[:2]) not in _PROVINCES:
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or (latest_birth is not None and born > latest_birth):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], _WEIGHTS))
    return _CHECK[total % 11] == value[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask_number(value: str, keep_start: int = 4, keep_end: int = 4) -> str:
    return value[:keep_start] + "*" * max(0, len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_name(name: str) -> str:
    """First and last characters of a name: 张*明, 欧**华; a two-character name keeps its first (李*)."""
    if len(name) <= 2:
        return name[:1] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _card_digits(raw: str) -> str:
    return re.sub(r"[ -]", "", raw)


def _mask_ids_and_cards(line: str) -> str:
    line = _ID.sub(lambda m: mask_number(m.group(1)) if id_number_valid(m.group(1)) else m.group(0), line)
    return _CARD.sub(lambda m: mask_number(_card_digits(m.group(1)))
                     if 16 <= len(_card_digits(m.group(1))) <= 19 and luhn_valid(_card_digits(m.group(1)))
                     else m.group(0), line)


def redact_line(line: str) -> str:
    """For evidence: every valid 身份证号, Luhn-valid card number and mobile number masked, and names in
    姓名 labels masked."""
    line = _MOBILE.sub(lambda m: mask_number(m.group(1), 3, 4), _mask_ids_and_cards(line))
    return _LABELLED_NAME.sub(lambda m: m.group(0).replace(m.group(1), mask_name(m.group(1))), line)


def redact_text(text: str, mobiles: frozenset[str] = frozenset()) -> str:
    """``text`` as it may be kept: valid 身份证号 and Luhn-valid card numbers masked everywhere, and the
    given (personal) mobile numbers; an office's published telephone stays readable for other checks."""
    if not _has_long_digits(text):
        return text
    text = _mask_ids_and_cards(text)
    for m in mobiles:
        text = text.replace(m, mask_number(m, 3, 4))
    return text


_MARKING_WORDS = re.compile(r"绝密|机密|秘密|保密")


# What ``_ID``, ``_MOBILE`` or ``_CARD`` could match once the page is cut into lines (spaces and &nbsp;
# collapse there, so card groups may be separated by several). Most government pages print a 14-digit
# 公安备案号 or an 0715-8126543 telephone, which are none of these: they no longer cost a line-by-line reading.
_SEP = r"(?:[ \-\xa0\u3000\u2002\u2003\r\f\v]|&nbsp;)"
_NUMBER_SHAPE = re.compile(rf"(?<!\d)(?:1[3-9]\d{{9}}|\d{{17}}[0-9Xx]|\d{{4}}(?:{_SEP}*\d{{4}}){{2}}{_SEP}*\d{{4,7}})(?!\d)")
# a digit and what may follow it inside one number (a crude class: also the letters of &nbsp;); Python's
# re scans for a leading character class fast, where the look-behind above is tried at every character
_NUMBER_RUN = re.compile(r"[0-9][0-9 \-\xa0\u3000\u2002\u2003\r\f\v&nbsp;]{10,}")
_RUN_EDGES = " -\xa0\u3000\u2002\u2003\r\f\v&nbsp;"


def could_hold_personal_data(html: str) -> bool:
    """A cheap look at the raw page: no number shaped like a 身份证号, mobile or card number and no 涉密 word
    means nothing to find (most pages skip the line-by-line reading)."""
    if "密" in html and _MARKING_WORDS.search(html) is not None:     # each word holds 密: str's search is faster
        return True
    for m in _NUMBER_RUN.finditer(html):
        run = m.group()
        if sum(ch.isdigit() for ch in run) >= 11 and _NUMBER_SHAPE.search(run.rstrip(_RUN_EDGES)):
            return True
    return False


def _has_long_digits(text: str) -> bool:
    return re.search(r"\d{11}|\d{4}[ -]\d{4}", text) is not None


def _excerpt(cells: list[str], name_col: int | None, start: int = 0) -> str:
    shown = [mask_name(c) if i == name_col and _HAN_NAME.match(c.strip()) else c
             for i, c in enumerate(cells)]
    return redact_line(" | ".join(c.strip() for c in shown if c.strip()))[start:start + 120]


def find_personal_data(lines: list[str], latest_birth: date | None = None) -> tuple[list[Found], set[str]]:
    """Masked personal data and secret markings in ``lines`` (one line per paragraph or table row), and
    the personal mobile numbers found (raw, in memory only: ``redact_text`` masks them before keeping)."""
    out: list[Found] = []
    mobiles: set[str] = set()
    header: list[str] | None = None      # the current table's header cells
    for n, line in enumerate(lines):
        cells = line.split("\t")
        if len(cells) >= 2 and any(c.strip() == "姓名" or c.strip().endswith("姓名") for c in cells):
            header = [c.strip() for c in cells]
            continue
        if len(cells) < 2:
            header = None if line.strip() and not _TITLE_LIKE.search(line) else header
        stripped = line.strip()
        if _SECRET.match(stripped) or (_INTERNAL.search(stripped) and len(stripped) <= 30):
            out.append(Found("secret_marking", stripped[:30], stripped[:60], n))
        if not _has_long_digits(line):
            continue
        name_col = _name_column(header) if header and len(cells) >= 2 else None
        ids = [m.group(1) for m in _ID.finditer(line) if id_number_valid(m.group(1), latest_birth)]
        out += [Found("id_card", mask_number(v), _excerpt(cells, name_col), n) for v in ids]
        cards = _cards(line, cells, header)
        out += [Found("bank_card", mask_number(v), _excerpt(cells, name_col), n) for v in cards]
        if _MOBILE.search(line) and _personal_row(line, cells, header, bool(ids or cards)):
            for m in _MOBILE.finditer(line):
                mobiles.add(m.group(1))
                out.append(Found("mobile", mask_number(m.group(1), 3, 4), _excerpt(cells, name_col), n))
    return out, mobiles


_TITLE_LIKE = re.compile(r"公示|名单|花名册|名册|情况表|明细")


def _name_column(header: list[str]) -> int | None:
    return next((i for i, c in enumerate(header) if c == "姓名" or c.endswith("姓名")), None)


def _cards(line: str, cells: list[str], header: list[str] | None) -> list[str]:
    """Luhn-valid 16–19 digit numbers with a card word in the 30 characters before them or heading their
    table column; an organisation's account (对公, 账户名称：…局) is not personal."""
    if _CARD_NOT_PERSONAL.search(line):
        return []
    card_cols = {i for i, h in enumerate(header or []) if _CARD_WORDS.search(h)} if len(cells) >= 2 else set()
    found = []
    for m in _CARD.finditer(line):
        digits = _card_digits(m.group(1))
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits) or id_number_valid(digits):
            continue
        before = line[max(0, m.start() - 30):m.start()]
        column = line[:m.start()].count("\t")
        if _CARD_WORDS.search(before) or column in card_cols:
            found.append(digits)
    return found


def _personal_row(line: str, cells: list[str], header: list[str] | None, has_identity: bool) -> bool:
    """A mobile number is personal data only beside a person: in the row of a 身份证号/银行卡号, in a table of
    individuals (姓名 with personal columns such as 性别/身份证/住址/补贴), or after a 姓名 label with a
    personal attribute — never in an office's published 联系电话."""
    if has_identity:
        return True
    if _OFFICE_CONTACT.search(line):
        return False
    if header is not None and len(cells) >= 2:
        name_col = _name_column(header)
        personal = any(_PERSONAL_COLUMNS.search(h) for h in header)
        phone_cols = [i for i, h in enumerate(header) if _PHONE_COLUMN.search(h)]
        if name_col is not None and personal and phone_cols and name_col < len(cells) \
                and _HAN_NAME.match(cells[name_col].strip()):
            return any(i < len(cells) and _MOBILE.search(cells[i]) for i in phone_cols)
        return False
    return bool(_LABELLED_NAME.search(line) and _PERSONAL_COLUMNS.search(line))
