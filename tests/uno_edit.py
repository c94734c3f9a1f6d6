"""LibreOffice as the accountant's spreadsheet application, driven through Python-UNO.

Run by the system python3 (where python3-uno lives) in a subprocess of the test:

    python3 uno_edit.py PROFILE_URL IN.xlsx OUT.xlsx STEPS.json

STEPS is a list of {"sheet", "insert_rows": [index, count]} (0-based row index, as
Rows.insertByIndex takes it) or {"sheet", "cell": "D14", "text": "…"} / {"value": 12.5}.
Each cell is typed the way the application takes user input (setString/setValue: the
row of a non-fixed height grows with its text), then the book is saved as .xlsx by
LibreOffice's own filter. The test reads the saved file; nothing here checks anything.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time

sys.path.append("/usr/lib/python3/dist-packages")

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def _props(**kw):
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def _connect(pipe: str, proc: subprocess.Popen):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 120
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main(profile: str, src: str, dst: str, steps_path: str) -> int:
    with open(steps_path, encoding="utf-8") as fh:
        steps = json.load(fh)
    pipe = f"xlperf_uno_{os.getpid()}"
    proc = subprocess.Popen(["soffice", f"-env:UserInstallation={profile}", "--headless", "--invisible",
                             "--norestore", "--nolockcheck", "--nodefault",
                             f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        desktop = _connect(pipe, proc)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           _props(Hidden=True))
        for step in steps:
            sheet = doc.Sheets.getByName(step["sheet"])
            if "insert_rows" in step:
                index, count = step["insert_rows"]
                sheet.Rows.insertByIndex(index, count)
            elif "text" in step:
                sheet.getCellRangeByName(step["cell"]).setString(step["text"])
            else:
                sheet.getCellRangeByName(step["cell"]).setValue(step["value"])
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       _props(FilterName="Calc Office Open XML", Overwrite=True))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as the office quits
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
            proc.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:5]))
