"""Build the LibreOffice extension:

    python workbooks/libreoffice/build_oxt.py

writes workbooks/xlperf.oxt: a 绩效评价 menu and toolbar in Calc (刷新评分, 生成报告,
校验, 新增项目表) whose commands (`org.xlperf:refresh` …) go to the protocol handler in
xlperf_lo.py, which calls the `xlperf` command on the open workbook's file. The same
module is a script library, so Tools → Macros and the tests reach the actions through
LibreOffice's script provider. Deterministic: fixed member order and timestamps.
"""
from __future__ import annotations

import os
import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "xlperf.oxt"
MODULE = "xlperf_lo.py"
IDENTIFIER = "org.xlperf.libreoffice"
CALC = "com.sun.star.sheet.SpreadsheetDocument"
# menu and toolbar entries: (command path, label); a toolbar item without an image
# shows its label
COMMANDS = [("refresh", "刷新评分"), ("report", "生成报告"), ("check", "校验"),
            ("add-project", "新增项目表")]
_DATE = (1980, 1, 1, 0, 0, 0)


def version() -> str:
    text = (HERE.parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    return re.search(r'^version = "([^"]+)"', text, re.M).group(1)


def _prop(name: str, value: str) -> str:
    return (f'<prop oor:name="{name}" oor:type="xs:string"><value>{escape(value)}</value></prop>')


def _item(node: str, path: str, label: str) -> str:
    props = [_prop("URL", f"org.xlperf:{path}"), _prop("Title", label), _prop("Target", "_self"),
             _prop("Context", CALC)]
    return f'<node oor:name="{node}" oor:op="replace">{"".join(props)}</node>'


def addons_xcu() -> str:
    menu = "".join(_item(f"m{i:02d}", p, label) for i, (p, label) in enumerate(COMMANDS, 1))
    bar = "".join(_item(f"t{i:02d}", p, label) for i, (p, label) in enumerate(COMMANDS, 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:component-data xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" oor:name="Addons" '
        'oor:package="org.openoffice.Office">\n'
        '<node oor:name="AddonUI">\n'
        '<node oor:name="OfficeMenuBar">\n'
        '<node oor:name="org.xlperf.menu" oor:op="replace">'
        f'{_prop("Title", "绩效评价")}{_prop("Context", CALC)}'
        f'<node oor:name="Submenu">{menu}</node></node>\n'
        '</node>\n'
        '<node oor:name="OfficeToolBar">\n'
        f'<node oor:name="org.xlperf.toolbar" oor:op="replace">{bar}</node>\n'
        '</node>\n'
        '</node>\n'
        '</oor:component-data>\n')


def protocol_handler_xcu() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:component-data xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" oor:name="ProtocolHandler" '
        'oor:package="org.openoffice.Office">\n'
        '<node oor:name="HandlerSet">\n'
        '<node oor:name="org.xlperf.ProtocolHandler" oor:op="replace">'
        '<prop oor:name="Protocols" oor:type="oor:string-list"><value>org.xlperf:*</value></prop>'
        '</node>\n'
        '</node>\n'
        '</oor:component-data>\n')


def manifest_xml() -> str:
    entries = [
        (f"python/{MODULE}", "application/vnd.sun.star.uno-component;type=Python"),
        ("python", "application/vnd.sun.star.framework-script"),
        ("Addons.xcu", "application/vnd.sun.star.configuration-data"),
        ("ProtocolHandler.xcu", "application/vnd.sun.star.configuration-data"),
    ]
    body = "".join(f' <manifest:file-entry manifest:full-path="{p}" manifest:media-type="{t}"/>\n'
                   for p, t in entries)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<manifest:manifest xmlns:manifest="http://openoffice.org/2001/manifest">\n'
            f'{body}</manifest:manifest>\n')


def description_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<description xmlns="http://openoffice.org/extensions/description/2006" '
        'xmlns:d="http://openoffice.org/extensions/description/2006" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">\n'
        f' <identifier value="{IDENTIFIER}"/>\n'
        f' <version value="{version()}"/>\n'
        ' <display-name><name lang="zh-CN">绩效评价（xlperf）</name>'
        '<name lang="en">xlperf performance evaluation</name></display-name>\n'
        ' <dependencies><d:OpenOffice.org-minimal-version value="4.0" d:name="OpenOffice.org 4.0"/>'
        '</dependencies>\n'
        '</description>\n')


def members() -> list[tuple[str, bytes]]:
    return [
        ("META-INF/manifest.xml", manifest_xml().encode()),
        ("description.xml", description_xml().encode()),
        ("Addons.xcu", addons_xcu().encode()),
        ("ProtocolHandler.xcu", protocol_handler_xcu().encode()),
        (f"python/{MODULE}", (HERE / MODULE).read_bytes()),
    ]


def build(out: Path = OUT) -> Path:
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members():
            info = zipfile.ZipInfo(name, date_time=_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    os.replace(tmp, out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
