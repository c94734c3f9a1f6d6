"""Drive LibreOffice as the accountant does, with the xlperf extension installed: run by
LibreOffice's Python (python3 with the uno module), never by the test interpreter.

    python3 lo_extension_driver.py REQUEST.json   → one JSON line on stdout

The request names soffice, the bootstrap variables of a private installation (user
profile and shared extension cache), and steps on one workbook:
  {"type": [sheet, A1, value]}        the user types into a cell (unsaved)
  {"run": "refresh"|"report"|"check"|"add_project", "args": [...]}
                                      the extension's script, through the script provider
  {"read": [sheet, A1]}               a cell as the open document shows it
  {"sheets": true}                    the open document's sheet names
  {"modified": true}                  whether the open document has unsaved changes
  {"components": true}                the file paths of every open document (Writer too)
  {"dispatch": URL}                   whether the document's frame has a handler for URL
                                      (what a menu or toolbar item needs), without running it
  {"click": URL}                      run URL as the menu item does (the frame's dispatch)
Each step's result is returned in order. soffice is started headless with the given
environment and stopped (its own process group) at the end.
"""
import json
import os
import signal
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

SCRIPT = "vnd.sun.star.script:xlperf.oxt|python|xlperf_lo.py${}?language=Python&location=share:uno_packages"


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def find_document(desktop, url):
    for component in desktop.getComponents():
        if hasattr(component, "getURL") and component.getURL() == url:
            return component
    return None


def main():
    request = json.load(open(sys.argv[1], encoding="utf-8"))
    pipe = f"xlperf_ext_{os.getpid()}"
    cmd = [request["soffice"], "--headless", "--invisible", "--norestore", "--nologo",
           "--nodefault", *[f"-env:{k}={v}" for k, v in request["bootstrap"].items()],
           f"--accept=pipe,name={pipe};urp;"]
    office = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    results = []
    desktop = None
    try:
        ctx = connect(pipe, time.monotonic() + 120)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(request["workbook"])
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        factory = smgr.createInstanceWithContext(
            "com.sun.star.script.provider.MasterScriptProviderFactory", ctx)
        provider = factory.createScriptProvider("")
        for step in request["steps"]:
            if "type" in step:
                sheet, address, value = step["type"]
                cell = doc.getSheets().getByName(sheet).getCellRangeByName(address)
                if isinstance(value, str):
                    cell.setString(value)
                else:
                    cell.setValue(value)
                results.append(None)
            elif "run" in step:
                script = provider.getScript(SCRIPT.format(step["run"]))
                message, _, _ = script.invoke(tuple([doc] + step.get("args", [])), (), ())
                doc = find_document(desktop, url) or doc  # refresh reloads the document
                results.append(message)
            elif "read" in step:
                sheet, address = step["read"]
                cell = doc.getSheets().getByName(sheet).getCellRangeByName(address)
                results.append(cell.getString())
            elif "sheets" in step:
                results.append(list(doc.getSheets().getElementNames()))
            elif "modified" in step:
                results.append(bool(doc.isModified()))
            elif "components" in step:
                results.append(sorted(uno.fileUrlToSystemPath(c.getURL())
                                      for c in desktop.getComponents()
                                      if hasattr(c, "getURL") and c.getURL()))
            elif "dispatch" in step or "click" in step:
                transformer = smgr.createInstanceWithContext("com.sun.star.util.URLTransformer", ctx)
                target = uno.createUnoStruct("com.sun.star.util.URL")
                target.Complete = step.get("dispatch") or step["click"]
                _, target = transformer.parseStrict(target)
                dispatcher = doc.getCurrentController().getFrame().queryDispatch(target, "", 0)
                if "dispatch" in step:
                    results.append(dispatcher is not None)
                else:
                    dispatcher.dispatch(target, ())
                    doc = find_document(desktop, url) or doc
                    results.append(None)
        doc.setModified(False)
        doc.close(True)
        print(json.dumps({"results": results}, ensure_ascii=False))
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, signal.SIGKILL)
            office.wait()


if __name__ == "__main__":
    main()
