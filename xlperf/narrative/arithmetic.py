"""Sums and rates stated in sentences: 合计 … 其中 …, 以上累计, a total with its parts in
brackets, 占 …%, 完成目标 N 的 P%, X率 P%, 增加 D，增长 P%, and lists counted (N个：…).

Figures are added only within one kind (money with money in any money unit; a count
with the same count: 人 with 人, 笔 with 笔). A stated total passes when any leading run
of its parts adds up to it (a list may go on with figures of a sibling), within the
rounding tolerance of rules.totals; a rate is compared at its shown precision by
rules.rates.compare_rate (one unit off in the last place is a warning)."""
from __future__ import annotations

import re
from decimal import Decimal

from ..findings import INFO, WARNING
from ..rules.numbers import fmt_percent, fmt_plain
from ..rules.rates import EQUAL, LAST_PLACE, compare_rate, ratio
from ..rules.totals import MISMATCH, WITHIN_TOLERANCE, compare_sum
from .base import finding, quote
from .document import Para, Report
from .figures import PERCENT, Figure, figures, label_before, same_class, sentences

_OPENERS = re.compile(r"其中[：:]?|具体内容包括[：:]?|具体包括[：:]?")
_SHARE_OPENERS = re.compile(r"主要用于以下方面[：:]?|主要用于[：:]?")
_ABOVE = re.compile(r"以上(?:累计|合计|共计|总计|共)")
_SHARE = re.compile(r"占(?P<name>[^，,。；;%\d]{0,14}?)的?(?=\d)")
_CHANGE = re.compile(r"(?P<dir>增加|减少|增长|下降|上升|降低|节约)(?=\d)")
_CHANGE_RATE = re.compile(r"^[，,]?(?:同比|比上年)?(?P<dir>增长|下降|增幅|降幅|上升|减少|降低|增加)(?:了|为|达)?")
_RATE_NAME = re.compile(r"(?P<name>[\u4e00-\u9fff“”\"]{1,12}率)(?:为|达到|达|是|:|：)?$")
_NUM_KEYS = {"执行率": ("执行", "支出", "使用"), "支出率": ("支出",), "控制率": ("在职", "实有", "实际", "支出", "执行"),
             "结余率": ("结余", "结转"), "调整率": ("调整",), "完成率": ("完成", "实际"), "使用率": ("使用",),
             "到位率": ("到位", "到账"), "支付率": ("支付",)}
_DEN_KEYS = ("预算", "计划", "目标", "编制", "到账", "下达", "安排", "核定", "应")
_GENERIC = re.compile(r"(控制|执行|完成|支出|结余|调整|支付|到位|使用)?率$|^(预算|资金|年度)")


def _places(total: Figure, parts: list[Figure]) -> int:
    """Decimals to compare at: the most any of the figures shows, in the total's unit."""
    unit = total.reading.unit
    return max([total.places_in(unit)] + [p.places_in(unit) for p in parts])


def _tolerant(stated: Figure, parts: list[Figure]) -> bool:
    """Some leading run of the parts adds up to the stated total."""
    unit, places = stated.reading.unit, _places(stated, parts)
    for k in range(1, len(parts) + 1):
        if compare_sum(stated.in_unit(unit), [p.in_unit(unit) for p in parts[:k]], places) != MISMATCH:
            return True
    return False


def _within(stated: Figure, parts: list[Figure]) -> bool:
    """The whole list adds up only within the rounding of its items (checks.md: info)."""
    unit, places = stated.reading.unit, _places(stated, parts)
    return compare_sum(stated.in_unit(unit), [p.in_unit(unit) for p in parts], places) == WITHIN_TOLERANCE


def _rounding_note(file: str, p: Para, total: Figure, parts: list[Figure]):
    unit, places = total.reading.unit, _places(total, parts)
    computed = sum((q.in_unit(unit) for q in parts), Decimal(0))
    return finding(file, p, "SUM_MISMATCH",
                   f"{total.token} 与所列 {len(parts)} 项之和 {fmt_plain(computed, places)}{unit} 相差 "
                   f"{fmt_plain(abs(total.in_unit(unit) - computed), places)}{unit}，在各项四舍五入的误差以内"
                   f"（“{quote(p, total.start, parts[-1].end)}”）",
                   expected=f"{fmt_plain(computed, places)}{unit}", found=total.token, severity=INFO)


def _sum_finding(file: str, p: Para, total: Figure, parts: list[Figure], what: str):
    unit, places = total.reading.unit, _places(total, parts)
    computed = sum((q.in_unit(unit) for q in parts), Decimal(0))
    terms = " + ".join(fmt_plain(q.in_unit(unit), places) for q in parts)
    shown = f"{fmt_plain(computed, places)}{unit}"
    if len(parts) == 1:
        if computed <= total.in_unit(unit):
            return None
        return finding(file, p, "SUBSET_EXCEEDS",
                       f"其中一项 {parts[0].token} 大于{what} {total.token}（“{quote(p, total.start, parts[0].end)}”）",
                       expected=f"≤ {total.token}", found=parts[0].token)
    return finding(file, p, "SUM_MISMATCH",
                   f"{what} {total.token} 与所列各项之和不符：{terms} = {shown}，相差 "
                   f"{fmt_plain(total.in_unit(unit) - computed, places)}{unit}"
                   f"（“{quote(p, total.start, parts[-1].end)}”）",
                   expected=shown, found=total.token)


def _parts_after(figs: list[Figure], pos: int, end: int, depth: int) -> list[Figure]:
    out = []
    for f in figs:
        if f.start < pos:
            continue
        if f.start >= end or f.depth < depth:
            break
        if f.depth == depth:
            out.append(f)
    return out


def _group_total(figs, pos, start, depth):
    """For each kind, the last figure before `pos` in [start, pos) at `depth`."""
    out = {}
    for f in figs:
        if start <= f.start and f.end <= pos and f.depth == depth and f.kind in ("money", "count"):
            out[(f.kind, f.unit if f.kind == "count" else "")] = f
    return out


_TARGET = re.compile(r"目标|任务|计划|去年|上年")


def _is_target(text: str, f: Figure) -> bool:
    return bool(_TARGET.search(label_before(text, f.start, 10)))


def check_sums(report: Report) -> list:
    out = []
    for p in report.paras:
        if p.is_row:
            continue
        text = p.text
        figs = [f for f in figures(text) if not _is_target(text, f)]
        for s, e in sentences(text):
            for m in _OPENERS.finditer(text, s, e):
                at = m.start()
                depth = _depth(text, at)
                if at > 0 and text[at - 1] in "（(":
                    at -= 1  # （其中…）: the total stands before the bracket
                    depth -= 1
                    start = _clause_start(text, at, s)
                else:
                    start = s
                totals = _group_total(figs, at, start, depth)
                columns: list[Figure] = []
                if not totals and not text[start:at].strip("，,：:"):
                    # 。其中：… opens a sentence: the whole is the figure that ended the last one
                    prev = _sentence_start(text, max(0, start - 1))
                    totals = {k: f for k, f in _group_total(figs, start, prev, depth).items()
                              if not text[f.end:start].strip("。，,")}
                    columns = [f for f in figs if prev <= f.start < start and f.depth == depth]
                inner = _depth(text, m.start())
                end = _clause_end(text, m.end(), e, inner)
                parts = _drop_nested(text, _parts_after(figs, m.end(), end, inner))
                semi = text.find("；", m.end(), end)
                first = [f for f in parts if semi < 0 or f.start < semi]
                if columns and _by_columns(columns, parts):
                    continue
                out += _compare_groups(report.name, p, text, totals, parts, end, "合计", alt=first)
            for m in _ABOVE.finditer(text, s, e):
                after = [f for f in figs if f.start >= m.end() and f.depth == 0][:1]
                if not after or after[0].kind not in ("money", "count"):
                    continue
                total = after[0]
                parts = [f for f in figs if f.end <= m.start() and f.depth == 0 and same_class(f, total)]
                if len(parts) >= 2 and not _tolerant(total, parts):
                    found = _sum_finding(report.name, p, total, parts, "累计")
                    if found:
                        out.append(found)
            # a total with its parts in brackets right after it: 77笔2964万元（个人贷款71笔…）
            for i, ch in enumerate(text[s:e], start=s):
                if ch not in "（(" or text[i + 1:i + 3] in ("其中",):
                    continue
                before = _group_total(figs, i, _clause_start(text, i, s), _depth(text, i))
                if not before or max(f.end for f in before.values()) != i:
                    continue
                close = _close(text, i)
                parts = _parts_after(figs, i + 1, close, _depth(text, i) + 1)
                out += _compare_groups(report.name, p, text, before, parts, close, "合计", need=2)
            out += _basic_and_project(report.name, p, text, [f for f in figs if s <= f.start < e])
    return out


_SPENT = re.compile(r"(?<![基本项目])(?:总支出|支出合计|支出总计|支出|总额)(?:为|是|共|达)?$")


def _basic_and_project(file, p, text, figs) -> list:
    """支出1009.41万元，基本支出250.69万元，项目支出788.72万元: the two make the whole."""
    basic = [f for f in figs if f.kind == "money" and label_before(text, f.start).endswith(("基本支出", "基本支出为"))]
    project = [f for f in figs if f.kind == "money" and label_before(text, f.start).endswith(("项目支出", "项目支出为"))]
    if len(basic) != 1 or len(project) != 1:
        return []
    b, q = basic[0], project[0]
    whole = [f for f in figs if f.kind == "money" and f.end <= min(b.start, q.start)
             and _SPENT.search(label_before(text, f.start))]
    if not whole:
        return []
    total = whole[-1]
    if "其中" in text[total.end:min(b.start, q.start)]:
        return []  # the 其中 check has it
    unit = total.reading.unit
    verdict = compare_sum(total.in_unit(unit), [b.in_unit(unit), q.in_unit(unit)], _places(total, [b, q]))
    if verdict == WITHIN_TOLERANCE:
        return [_rounding_note(file, p, total, [b, q])]
    found = _sum_finding(file, p, total, [b, q], "支出") if verdict == MISMATCH else None
    return [found] if found else []


def _by_columns(wholes: list[Figure], parts: list[Figure]) -> bool:
    """年初预算1742.64万元、决算3699.77万元。其中：人员经费年初…，决算…；公用经费…: the
    parts take turns, one for each whole, and each whole's turn adds up."""
    wholes = [w for w in wholes if w.kind == "money"]
    parts = [q for q in parts if q.kind == "money"]
    k = len(wholes)
    if k < 2 or len(parts) < 2 * k or len(parts) % k:
        return False
    return all(_tolerant(wholes[j], parts[j::k]) for j in range(k))


def _drop_nested(text: str, parts: list[Figure]) -> list[Figure]:
    """其中劳动力1860人，劳动力就业人数1658人: the second is part of the first, not of the whole."""
    out: list[Figure] = []
    for f in parts:
        lab = label_before(text, f.start, 10).removeprefix("其中")
        earlier = (label_before(text, g.start, 10).removeprefix("其中") for g in out)
        if any(len(k) >= 2 and k in lab and k != lab for k in earlier):
            continue
        out.append(f)
    return out


def _compare_groups(file, p, text, totals, parts, end, what, need=1, alt=None) -> list:
    out = []
    for total in totals.values():
        same = [q for q in parts if same_class(q, total)]
        if len(same) < need or total.kind == "bad":
            continue
        if re.match(r"等", text[same[-1].end:same[-1].end + 1]) or "等" in text[same[-1].end:end][:3]:
            continue  # 等: the list says it is not complete
        if _tolerant(total, same):
            if len(same) >= 2 and _within(total, same):
                out.append(_rounding_note(file, p, total, same))
            continue
        if alt is not None:
            short = [q for q in alt if same_class(q, total)]
            if short and short != same and (_tolerant(total, short) or len(short) == 1
                                            and short[0].in_unit(total.reading.unit) <= total.value):
                continue
        found = _sum_finding(file, p, total, same, what)
        if found:
            out.append(found)
    return out


def _depth(text: str, pos: int) -> int:
    depth = 0
    for ch in text[:pos]:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth


def _close(text: str, open_pos: int) -> int:
    depth = 0
    for i in range(open_pos, len(text)):
        if text[i] in "（(":
            depth += 1
        elif text[i] in "）)":
            depth -= 1
            if depth == 0:
                return i
    return len(text)


def _clause_end(text: str, pos: int, end: int, depth: int) -> int:
    """Where a 其中 list ends: the sentence's end, the bracket that closes around it, or
    a second 其中 at the same level."""
    d = depth
    for i in range(pos, end):
        ch = text[i]
        if ch in "（(":
            d += 1
        elif ch in "）)":
            d -= 1
            if d < depth:
                return i
        elif d == depth and text.startswith("其中", i):
            return i
    return end


def _clause_start(text: str, pos: int, start: int) -> int:
    for i in range(pos - 1, start - 1, -1):
        if text[i] in "，,；;：:。":
            return i + 1
    return start


# ---- rates -------------------------------------------------------------------------
def _rate_finding(file, p, stated: Figure, computed: Decimal, how: str, at: int):
    verdict = compare_rate(stated.reading, computed)
    if verdict == EQUAL:
        return None
    places = max(stated.reading.places or 0, 0)
    expected = fmt_percent(computed, places)
    sev = WARNING if verdict == LAST_PLACE else ""
    extra = "（末位差 1，多为截尾而非四舍五入）" if verdict == LAST_PLACE else ""
    return finding(file, p, "RATE_MISMATCH",
                   f"{stated.token} 与所述金额不符：{how} = {expected}{extra}（“{quote(p, at, stated.end)}”）",
                   expected=expected, found=stated.token, severity=sev)


def check_rates(report: Report) -> list:
    labels = _labelled(report)
    out = []
    for p in report.paras:
        if p.is_row:
            continue
        text = p.text
        figs = figures(text)
        groups = _groups(text, figs)
        for i, f in enumerate(figs):
            if f.kind != PERCENT:
                continue
            found = (_of_target(report.name, p, text, figs, i) or _share(report.name, p, text, figs, i, groups, labels)
                     or _change(report.name, p, text, figs, i) or _named_rate(report.name, p, text, figs, i))
            if found is not None and found is not True:
                out.append(found)
    return out


def _of_target(file, p, text, figs, i):
    """完成全年目标任务2800人的107.82%: the figure before, over the target."""
    f = figs[i]
    if i < 1:
        return None
    b = figs[i - 1]
    if b.kind not in ("money", "count") or text[b.end:f.start] not in ("的", ""):
        return None
    if not re.search(r"(目标|任务|计划)[^，,。；;]{0,6}$", text[max(0, b.start - 12):b.start]):
        return None
    a = next((g for g in reversed(figs[:i - 1]) if same_class(g, b)), None)
    if a is None:
        return None
    computed = ratio(a.in_unit(b.reading.unit), b.value)
    if computed is None:
        return True
    return _rate_finding(file, p, f, computed, f"{a.token} ÷ {b.token}", a.start) or True


def _groups(text, figs):
    """Each 其中/主要用于 list: (start, end, total) so that 占P% finds its whole."""
    out = []
    for rx in (_OPENERS, _SHARE_OPENERS):
        for m in rx.finditer(text):
            s = _sentence_start(text, m.start())
            depth = _depth(text, m.start())
            end = _clause_end(text, m.end(), _sentence_end(text, m.end()), depth)
            for total in _group_total(figs, m.start(), s, depth).values():
                out.append((m.end(), end, total))
    return out


def _sentence_start(text, pos):
    i = max(text.rfind(c, 0, pos) for c in "。！？")
    return i + 1


def _sentence_end(text, pos):
    ends = [text.find(c, pos) for c in "。！？"]
    ends = [e for e in ends if e >= 0]
    return min(ends) + 1 if ends else len(text)


def _share(file, p, text, figs, i, groups, labels):
    """…X万元，占Y%: X over the whole its list belongs to, or the whole it names."""
    f = figs[i]
    m = None
    for m in _SHARE.finditer(text, max(0, f.start - 20), f.start + 1):
        if m.end() == f.start:
            break
    else:
        return None
    if m is None or m.end() != f.start:
        return None
    part = next((g for g in reversed(figs[:i]) if g.end <= m.start() and g.kind in ("money", "count")), None)
    if part is None or m.start() - part.end > 2:
        return None
    name = m.group("name")
    whole = None
    if name:
        whole = labels.get(name)
    else:
        for start, end, total in groups:
            if start <= part.start < end and same_class(total, part):
                whole = total
    if whole is None or not same_class(whole, part):
        return True
    computed = ratio(part.in_unit(whole.reading.unit), whole.value)
    if computed is None:
        return True
    return _rate_finding(file, p, f, computed, f"{part.token} ÷ {whole.token}", part.start) or True


def _labelled(report: Report) -> dict:
    """Totals the text names (本年支出合计3699.77万元), for 占本年支出合计的…%."""
    out: dict = {}
    for p in report.paras:
        if p.is_row:
            continue
        for f in figures(p.text):
            if f.kind not in ("money", "count"):
                continue
            lab = re.sub(r"(为|是|达|共|均为|总计为)$", "", label_before(p.text, f.start, 14))
            for k in range(2, len(lab) + 1):
                out.setdefault(lab[-k:], f)
    return out


def _change(file, p, text, figs, i):
    """增加170.84万元，增长256.4%: the change over last year's figure (this year's less it)."""
    f = figs[i]
    if i < 2:
        return None
    d = figs[i - 1]
    between = text[d.end:f.start]
    m = _CHANGE_RATE.match(between)
    dm = next((x for x in _CHANGE.finditer(text, max(0, d.start - 4), d.start + 1) if x.end() == d.start), None)
    if not m or dm is None or dm.end() != d.start or d.kind not in ("money", "count"):
        return None
    current = next((g for g in reversed(figs[:i - 1]) if same_class(g, d) and g.end <= dm.start()), None)
    if current is None:
        return None
    up = dm.group("dir") in ("增加", "增长", "上升")
    delta = d.in_unit(current.reading.unit)
    previous = current.value - delta if up else current.value + delta
    computed = ratio(delta, previous)
    if computed is None:
        return True
    sign = "-" if up else "+"
    how = f"{d.token} ÷ ({current.token} {sign} {d.token})"
    return _rate_finding(file, p, f, computed, how, current.start) or True


def _named_rate(file, p, text, figs, i):
    """支出率85.22% after 实际到账A元，实际支出B元: B ÷ A, with the figures named for it."""
    f = figs[i]
    m = _RATE_NAME.search(text[max(0, f.start - 14):f.start])
    if not m:
        return None
    name = m.group("name").strip("“”\"").replace("“", "").replace("”", "")
    keys = next((v for k, v in _NUM_KEYS.items() if name.endswith(k)), None)
    if keys is None:
        return None
    subject = _GENERIC.sub("", name)
    last_rate = max((g.end for g in figs[:i] if g.kind == PERCENT), default=0)
    s0 = _sentence_start(text, f.start)
    scope_start = max(last_rate, _sentence_start(text, s0 - 1) if s0 else 0)
    prior = [g for g in figs[:i] if g.start >= scope_start and g.kind in ("money", "count")
             and "其中" not in text[scope_start:g.start]]  # a part of a whole is not what the rate is of
    num = den = None
    for g in reversed(prior):
        lab = label_before(text, g.start, 12)
        if num is None and any(k in lab for k in keys) and not any(k in lab for k in _DEN_KEYS):
            num = g
        elif (den is None and g is not num and _ends_with(lab, _DEN_KEYS, keys)
              and "收入" not in lab):  # budgeted income is not the budget a spending rate is of
            den = g
    if num is None or den is None or not same_class(num, den):
        return None
    if len(subject) >= 2 and subject[:2] not in label_before(text, num.start, 16) + label_before(text, den.start, 16):
        return None
    computed = ratio(num.in_unit(den.reading.unit), den.value)
    if computed is None:
        return True
    return _rate_finding(file, p, f, computed, f"{num.token} ÷ {den.token}", min(num.start, den.start)) or True


def _ends_with(label: str, these, those) -> bool:
    """The label names one of `these` after any of `those` (经费支出全年预算数: a budget)."""
    last_this = max((label.rfind(k) for k in these), default=-1)
    last_that = max((label.rfind(k) for k in those), default=-1)
    return last_this >= 0 and last_this > last_that


# ---- lists counted ------------------------------------------------------------------
_LIST_AFTER = re.compile(r"^(?:[，,。]?(?:具体为|分别为|分别是|包括))[：:]?|^[（(]|^[：:]")


def check_counts(report: Report) -> list:
    """下属二级单位6个（A、B、C…）, 共计3个。具体为：A、B。: as many names as the number."""
    out = []
    for p in report.paras:
        if p.is_row:
            continue
        text = p.text
        for m in re.finditer(r"(?P<n>\d+)个(?P<what>[\u4e00-\u9fff]{0,8}?)(?=[（(：:，,。]|具体|分别)", text):
            rest = text[m.end():]
            lm = _LIST_AFTER.match(rest)
            if not lm:
                continue
            body_start = m.end() + lm.end()
            if lm.group().startswith(("（", "(")):
                close = _close(text, m.end())
                body = text[body_start:close]
            else:
                stop = re.search(r"[。；;]", text[body_start:])
                body = text[body_start:body_start + stop.start() if stop else len(text)]
            items = _items(body)
            if items is None:
                continue
            n = int(m.group("n"))
            if len(items) != n and len(items) >= 2:
                out.append(finding(report.name, p, "REPORT_COUNT_MISMATCH",
                                   f"写的是 {n} 个{m.group('what')}，后面列出的是 {len(items)} 个"
                                   f"（“{quote(p, m.start(), body_start + len(body))}”）",
                                   expected=str(len(items)), found=str(n)))
    return out


def _items(body: str) -> list[str] | None:
    if not body or re.search(r"\d", body) or "等" in body[-3:]:
        return None
    quoted = re.findall(r"“[^”]+”", body)
    if len(quoted) >= 2 and not re.sub(r"“[^”]+”|[、，,和及]", "", body):
        return quoted
    flat, depth = [], 0
    for ch in body:  # 、 inside brackets does not separate
        depth += ch in "（("
        depth -= ch in "）)"
        flat.append("\0" if ch == "、" and depth == 0 else ch)
    items = [x for x in "".join(flat).split("\0") if x.strip()]
    return items if len(items) >= 2 else None
