"""Drive LibreOffice Calc as the accountant's spreadsheet application, through Python-UNO.

Run by the system Python that carries the `uno` module (python3-uno), not by the test's
interpreter: `python3 uno_session.py steps.json`. The steps file holds
{"profile": dir, "documents": [{"path": …, "steps": [...]}, …]}; each step is one of
  ["set", sheet, row, col, value]      value a number (typed as a figure) or a text
  ["insert_rows", sheet, index, count] Rows.insertByIndex, as the row menu does
and each document is loaded hidden, edited, recalculated as Calc does while one types,
and stored over itself as .xlsx (the "Calc MS Excel 2007 XML" filter, as 另存为 does).
soffice runs headless with a private profile, reached through a named pipe; it is
terminated at the end (killed if it does not stop).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import uno  # the system Python's python3-uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _connect(pipe: str, proc, timeout: float = 90):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"LibreOffice did not accept the connection (rc={proc.poll()})") from None
            time.sleep(0.3)


def _edit(desktop, document: dict) -> None:
    url = Path(document["path"]).resolve().as_uri()
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
    if doc is None:
        raise SystemExit(f"LibreOffice could not open {document['path']}")
    try:
        sheets = doc.getSheets()
        for step in document["steps"]:
            kind, sheet = step[0], sheets.getByName(step[1])
            if kind == "set":
                _, _, row, col, value = step
                cell = sheet.getCellByPosition(col, row)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell.setValue(value)
                elif value is None:
                    cell.setString("")
                else:
                    cell.setString(value)
            elif kind == "insert_rows":
                _, _, index, count = step
                sheet.getRows().insertByIndex(index, count)
            else:
                raise SystemExit(f"unknown step {kind}")
        doc.calculateAll()
        doc.storeToURL(url, (_prop("FilterName", "Calc MS Excel 2007 XML"), _prop("Overwrite", True)))
    finally:
        doc.close(True)


def main(steps_file: str) -> None:
    spec = json.loads(Path(steps_file).read_text(encoding="utf-8"))
    pipe = f"xlperf_{uuid.uuid4().hex}"
    profile = Path(spec["profile"]).resolve().as_uri()
    proc = subprocess.Popen(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
         "--nolockcheck", "--nodefault", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        ctx = _connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for document in spec["documents"]:
            _edit(desktop, document)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as soffice exits
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    print("ok")


if __name__ == "__main__":
    main(sys.argv[1])
