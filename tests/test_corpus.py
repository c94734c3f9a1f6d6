"""The corpus (tests/corpus): tables typed from the five seed reports in the layouts
departments send. Every expected finding must be found at its cell, no error may be
raised that is not expected, and the cells listed as quiet must carry no finding; the
same holds for every workbook saved by LibreOffice as .xls (what older county systems
send) and as .ods (LibreOffice on 信创 desktops)."""
from __future__ import annotations

import shutil

import pytest
from corpus.build import build, resave
from lo import soffice

from xlperf.engine import CHECK, build_plan
from xlperf.xlsx.reader import read_workbook


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return build(out, with_libreoffice=shutil.which("soffice") is not None)


@pytest.fixture(scope="module", params=["xls", "ods"])
def converted(request, corpus, tmp_path_factory):
    """Every corpus workbook as LibreOffice saves it in the other format."""
    soffice()  # skips on a laptop without LibreOffice, fails under CI
    fmt = request.param
    out = tmp_path_factory.mktemp(f"corpus-{fmt}")
    target = "xls:MS Excel 97" if fmt == "xls" else "ods"
    paths = resave([path for _, path in corpus], out, target)
    return [(case, path) for (case, _), path in zip(corpus, paths)]


def _run(path):
    return build_plan(read_workbook(path), mode=CHECK).findings


def test_corpus_size(corpus):
    tables = sum(len(case.sheets) for case, _ in corpus)
    assert len(corpus) >= 30 and tables >= 30


def test_second_set_size(corpus):
    """The second set (cases_layouts2), typed apart from the code it measures."""
    second = [case for case, _ in corpus if case.name.startswith("l")]
    assert len(second) >= 20 and sum(len(case.expect) for case in second) >= 20


def test_third_set_size(corpus):
    """The third set (cases_layouts3): official forms and summary tables as county offices
    type them (text scores, units in cells or columns of their own, (12.50), ％)."""
    third = [case for case, _ in corpus if case.name.startswith("m")]
    assert len(third) >= 12 and sum(len(case.expect) for case in third) >= 8


def test_corpus(corpus):
    _assert_all_found(corpus)


def test_corpus_xls_ods(converted):
    assert all(path.suffix in (".xls", ".ods") for _, path in converted)
    _assert_all_found(converted)


def _assert_all_found(corpus) -> None:
    expected = found = 0
    misses, false_errors, noisy, known, stale = [], [], [], [], []
    for case, path in corpus:
        findings = _run(path)
        got = {(f.sheet, f.cell, f.code) for f in findings}
        happened = set()
        for e in case.expect:
            expected += 1
            key = (e.sheet, e.cell, e.code)
            if key in got:
                found += 1
            elif key in case.known:
                happened.add(key)
                known.append(f"{case.name} {e.sheet}!{e.cell} {e.code} missed ({e.why}): {case.known[key]}")
            else:
                misses.append(f"{case.name} {e.sheet}!{e.cell} {e.code} ({e.why})")
        wanted = {(e.sheet, e.cell, e.code) for e in case.expect}
        quiet = set(case.quiet)
        for f in findings:
            key = (f.sheet, f.cell, f.code)
            if key in wanted:
                continue
            line = f"{case.name} {f.sheet}!{f.cell} {f.code} {f.severity}: {f.message}"
            if key in case.known and (f.severity == "error" or (f.sheet, f.cell) in quiet):
                happened.add(key)
                known.append(f"{line} — {case.known[key]}")
            elif f.severity == "error":
                false_errors.append(line)
            elif (f.sheet, f.cell) in quiet:
                noisy.append(line)
        stale += [f"{case.name} {'!'.join(k[:2])} {k[2]}: no longer happens, remove it from known"
                  for k in case.known if k not in happened]
    print(f"\ncorpus: {found}/{expected} expected findings, {len(false_errors)} false errors, "
          f"{len(noisy)} findings on quiet cells; known gaps ({len(known)}):", *known, sep="\n")
    report = ["missed:", *misses, "false errors:", *false_errors, "findings on quiet cells:", *noisy,
              "stale known gaps:", *stale]
    assert not (misses or false_errors or noisy or stale), "\n".join(report)
