"""A report as a list of paragraphs: .docx (body paragraphs and table rows, in order) or
.txt (one paragraph a line; a line with tabs is a table row)."""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError, XlperfError

SUFFIXES = (".docx", ".txt")
# full-width digits and signs to ASCII; Chinese punctuation (，。：（）) is kept, since a
# full-width comma is a clause break, never a thousands separator
_WIDE = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                       "％": "%", "．": ".", "＋": "+", "－": "-", "\u3000": " "})
_SPACE = re.compile(r"[ \t\u00a0\u2002-\u200b]+")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


class UnreadableReport(XlperfError):
    """Not a report check-report can read."""


@dataclass(frozen=True)
class Para:
    no: int  # 1-based order among the non-empty paragraphs and table rows
    text: str  # whitespace removed, full-width digits made ASCII
    raw: str  # as written, for quoting
    cells: tuple[str, ...] | None = None  # a table row's cells (each normalised like text)
    where: str = ""  # 第N段 or 表K第R行

    @property
    def is_row(self) -> bool:
        return self.cells is not None


def clean(text: str) -> str:
    """Whitespace out (Chinese prose needs none; `2 932人` is one figure), digits ASCII."""
    return _SPACE.sub("", _BOOKMARK.sub("", text.translate(_WIDE))).strip()


@dataclass
class Report:
    name: str
    paras: list[Para]


def _from_lines(lines) -> list[Para]:
    paras: list[Para] = []
    for line in lines:
        if not line.strip():
            continue
        no = len(paras) + 1
        if "\t" in line.strip("\r\n") and len([c for c in line.split("\t") if c.strip()]) >= 2:
            cells = tuple(clean(c) for c in line.rstrip("\r\n").split("\t"))
            paras.append(Para(no, "｜".join(cells), line.strip(), cells, f"第{no}段"))
        else:
            paras.append(Para(no, clean(line), line.strip(), None, f"第{no}段"))
    return paras


def _read_txt(path: Path) -> list[Para]:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return _from_lines(data.decode(enc).splitlines())
        except UnicodeDecodeError:
            continue
    raise UnreadableReport("不是 UTF-8 或 GB18030 编码的文本文件", str(path))


def _read_docx(path: Path) -> list[Para]:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - a dependency
        raise UsageError("读取 .docx 需要 python-docx：pip install python-docx") from exc
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise UnreadableReport("不是可读取的 Word 文档（.docx），请用 Word 或 WPS 另存为 .docx 后重试",
                               str(path)) from exc
    paras: list[Para] = []
    n_tables = body = 0
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            if text.strip():
                body += 1  # 第N段 counts the body's paragraphs; a table's rows are 表K第R行
                paras.append(Para(len(paras) + 1, clean(text), text.strip(), None, f"第{body}段"))
        elif tag == "tbl":
            n_tables += 1
            for r, row in enumerate(Table(child, document).rows, start=1):
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:  # a merged cell repeats: keep one copy
                    if id(cell._tc) in seen:
                        cells.append("")
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
                if not any(c.strip() for c in cells):
                    continue
                no = len(paras) + 1
                norm = tuple(clean(c) for c in cells)
                paras.append(Para(no, "｜".join(norm), "｜".join(c.strip() for c in cells),
                                  norm, f"表{n_tables}第{r}行"))
    return paras


def read_report(path) -> Report:
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{p}：文件不存在")
    if p.is_dir():
        raise UsageError(f"{p}：是文件夹，请给出报告文件（.docx 或 .txt）")
    suffix = p.suffix.lower()
    if suffix == ".doc":
        raise UnreadableReport("是旧版 Word 文档（.doc），请用 Word 或 WPS 另存为 .docx 后重试", str(p))
    if suffix not in SUFFIXES:
        raise UnreadableReport("不是报告文件，请给出 .docx 或 .txt", str(p))
    paras = _read_docx(p) if suffix == ".docx" else _read_txt(p)
    if not paras:
        raise UnreadableReport("文件是空的，没有可检查的文字", str(p))
    return Report(p.name, paras)
