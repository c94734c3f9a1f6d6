"""xlperf in LibreOffice Calc: the 绩效评价 menu and toolbar (刷新评分, 生成报告, 校验,
新增项目表).

Runs inside LibreOffice's own Python, which on Windows is a Python bundled with
LibreOffice that cannot import a pip-installed xlperf: so every action calls the
`xlperf` command on the workbook's file, exactly as a user would in a terminal, and
LibreOffice writes the file only when the user agrees to save unsaved changes.

- 刷新评分 / 新增项目表: a workbook with unsaved changes is saved first (after asking;
  saying no stops here, nothing is lost); then `xlperf refresh --backup <file>`
  (or `add-project`), which edits the file in place and keeps `<name>.bak.xlsx`; then
  the document is reloaded from the file and xlperf's own summary (counts of errors,
  warnings and hints, each table's 总分 and 等级) is shown in one message box.
- 生成报告: saved first (after asking, as above); then `xlperf report <file> -o
  <folder>/<name>-自评报告草稿.docx` (`…(2).docx` and so on when a draft is there: a
  draft the department has filled in is never overwritten); xlperf's own line saying
  where the draft is, in a message box; then the draft is opened in Writer. The
  workbook is only read.
- 校验: `xlperf check <file>` on the saved file; its summary in a message box.

The command is found in this order: the environment variable XLPERF_COMMAND (a command
line, e.g. `C:\\Python312\\python.exe -m xlperf.cli`), `xlperf` on PATH, the Scripts /
bin folders pip installs into, then `py -3 -m xlperf.cli` (Windows) or
`python3 -m xlperf.cli`.

Two entry routes share the actions: the menu and toolbar dispatch `org.xlperf:<action>`
URLs to `XlperfHandler` (a protocol handler, so the same menu works whether the
extension was installed for one user or for all), and the script provider reaches
`refresh`, `report`, `check`, `add_project` (g_exportedScripts) — the route most tests take.
XLPERF_LO_NO_DIALOG=1 turns the dialogs off for tests (the message is returned, a
question is answered by XLPERF_LO_ANSWER, 是 unless "no").
"""
import glob
import os
import shlex
import shutil
import subprocess
import sys

import uno
import unohelper
from com.sun.star.frame import XDispatch, XDispatchProvider
from com.sun.star.lang import XInitialization, XServiceInfo

TITLE = "xlperf 绩效评价"
IMPLEMENTATION = "org.xlperf.ProtocolHandler"
PROTOCOL = "org.xlperf:"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
TIMEOUT = 600  # seconds; a department workbook takes about one
NOT_FOUND = ("找不到 xlperf 命令。请先安装 Python 和 xlperf（README 的“LibreOffice”一节），"
             "或设置环境变量 XLPERF_COMMAND 后重新启动 LibreOffice。")


class Stop(Exception):
    """An action ends early with a message for the user (nothing was changed)."""


# ---- finding and running the xlperf command ---------------------------------------------
def xlperf_command():
    configured = os.environ.get("XLPERF_COMMAND", "").strip()
    if configured:
        return split_command(configured, os.name == "nt")
    found = shutil.which("xlperf")
    if found:
        return [found]
    for pattern in _install_places():
        hits = sorted(glob.glob(pattern))
        if hits:
            return [hits[-1]]  # the newest Python's, by name
    if os.name == "nt":
        return ["py", "-3", "-m", "xlperf.cli"]
    return ["python3", "-m", "xlperf.cli"]


def split_command(text, windows):
    """A command line as a list; on Windows paths keep their backslashes and double
    quotes only group ("C:\\Program Files\\Python312\\python.exe" -m xlperf.cli)."""
    if not windows:
        return shlex.split(text)
    return [t[1:-1] if len(t) > 1 and t[0] == t[-1] == '"' else t
            for t in shlex.split(text, posix=False)]


def _install_places():
    home = os.path.expanduser("~")
    if os.name == "nt":
        local = os.environ.get("LOCALAPPDATA", os.path.join(home, "AppData", "Local"))
        roaming = os.environ.get("APPDATA", os.path.join(home, "AppData", "Roaming"))
        return [os.path.join(roaming, "Python", "Python3*", "Scripts", "xlperf.exe"),
                os.path.join(local, "Programs", "Python", "Python3*", "Scripts", "xlperf.exe"),
                os.path.join("C:\\", "Program Files", "Python3*", "Scripts", "xlperf.exe")]
    return [os.path.join(home, ".local", "bin", "xlperf"), "/usr/local/bin/xlperf"]


def run_xlperf(args, folder):
    """(exit status, what xlperf printed), run in the workbook's folder (not wherever
    LibreOffice was started). LibreOffice's own Python settings are not passed on: they
    would point the user's Python at LibreOffice's library."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "PYTHONPATH")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONUTF8="1")
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows
    try:
        done = subprocess.run(xlperf_command() + list(args), capture_output=True, env=env,
                              timeout=TIMEOUT, creationflags=flags, cwd=folder)
    except FileNotFoundError:
        raise Stop(NOT_FOUND) from None
    except subprocess.TimeoutExpired:
        raise Stop(f"xlperf 在 {TIMEOUT} 秒内没有完成，工作簿未改动。") from None
    text = "\n".join(part.decode("utf-8", errors="replace").strip()
                     for part in (done.stdout, done.stderr) if part.strip())
    if "No module named xlperf" in text or "No module named 'xlperf" in text:
        raise Stop(NOT_FOUND)  # `python -m xlperf.cli` on a Python without xlperf
    return done.returncode, text


# ---- the document ---------------------------------------------------------------------
def workbook_path(doc):
    if doc is None or not hasattr(doc, "getSheets"):
        raise Stop("请先打开一个部门绩效自评工作簿（.xlsx），再点“绩效评价”里的按钮。")
    if not doc.hasLocation():
        raise Stop("这个工作簿还没有保存过。请先另存为 Excel 2007-365 (.xlsx) 文件。")
    path = uno.fileUrlToSystemPath(doc.getURL())
    if not path.lower().endswith(WORKBOOK_SUFFIXES):
        raise Stop("xlperf 只处理 .xlsx 工作簿。请用“文件 → 另存为”保存为 "
                   "Excel 2007-365 (.xlsx)，再点按钮。")
    return path


def save_first(doc, what):
    """Unsaved changes are the user's work: save them (when the user agrees) so that
    xlperf works on what is on screen; otherwise stop with nothing changed."""
    if not doc.isModified():
        return
    if not ask(doc, f"工作簿有未保存的修改。{what}要先保存工作簿，现在保存吗？\n"
                    "（选“否”则不做任何改动。）"):
        raise Stop(f"未{what}：工作簿有未保存的修改，没有做任何改动。")
    doc.store()


def reload(doc):
    """The document again from its file, in the same window; the new model."""
    url = doc.getURL()
    hidden = any(p.Name == "Hidden" and p.Value for p in doc.getArgs())
    frame = doc.getCurrentController().getFrame()
    doc.setModified(False)  # just stored or unchanged: no "save changes?" question
    return frame.loadComponentFromURL(url, "_self", 0, (_prop("Hidden", hidden),))


def _prop(name, value):
    p = uno.createUnoStruct("com.sun.star.beans.PropertyValue")
    p.Name, p.Value = name, value
    return p


# ---- talking to the user --------------------------------------------------------------
def _quiet():
    return os.environ.get("XLPERF_LO_NO_DIALOG") == "1"


def _toolkit_parent(doc):
    ctx = uno.getComponentContext()
    toolkit = ctx.ServiceManager.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx)
    try:
        parent = doc.getCurrentController().getFrame().getContainerWindow()
    except Exception:
        parent = toolkit.getDesktopWindow()
    return toolkit, parent


def tell(doc, text):
    if _quiet():
        return
    from com.sun.star.awt.MessageBoxType import INFOBOX

    toolkit, parent = _toolkit_parent(doc)
    box = toolkit.createMessageBox(
        parent, INFOBOX, uno.getConstantByName("com.sun.star.awt.MessageBoxButtons.BUTTONS_OK"),
        TITLE, text)
    box.execute()
    box.dispose()


def ask(doc, text):
    if _quiet():  # the tests' stand-in for the user's answer (是 unless told 否)
        return os.environ.get("XLPERF_LO_ANSWER", "yes") != "no"
    from com.sun.star.awt.MessageBoxType import QUERYBOX

    toolkit, parent = _toolkit_parent(doc)
    box = toolkit.createMessageBox(
        parent, QUERYBOX,
        uno.getConstantByName("com.sun.star.awt.MessageBoxButtons.BUTTONS_YES_NO"), TITLE, text)
    answer = box.execute()
    box.dispose()
    return answer == uno.getConstantByName("com.sun.star.awt.MessageBoxResults.YES")


def ask_text(prompt):
    """A one-line input dialog; '' when cancelled."""
    ctx = uno.getComponentContext()
    smgr = ctx.ServiceManager
    model = smgr.createInstanceWithContext("com.sun.star.awt.UnoControlDialogModel", ctx)
    model.Width, model.Height, model.Title = 200, 62, TITLE
    for name, kind, props in (
            ("label", "FixedText", {"PositionX": 6, "PositionY": 6, "Width": 188, "Height": 10,
                                    "Label": prompt}),
            ("name", "Edit", {"PositionX": 6, "PositionY": 20, "Width": 188, "Height": 14}),
            ("ok", "Button", {"PositionX": 84, "PositionY": 42, "Width": 52, "Height": 14,
                              "Label": "确定", "PushButtonType": 1, "DefaultButton": True}),
            ("cancel", "Button", {"PositionX": 142, "PositionY": 42, "Width": 52, "Height": 14,
                                  "Label": "取消", "PushButtonType": 2})):
        control = model.createInstance(f"com.sun.star.awt.UnoControl{kind}Model")
        for key, value in props.items():
            setattr(control, key, value)
        model.insertByName(name, control)
    dialog = smgr.createInstanceWithContext("com.sun.star.awt.UnoControlDialog", ctx)
    dialog.setModel(model)
    dialog.createPeer(smgr.createInstanceWithContext("com.sun.star.awt.Toolkit", ctx), None)
    ok = dialog.execute() == 1
    text = dialog.getControl("name").getText().strip() if ok else ""
    dialog.dispose()
    return text


# ---- the actions ----------------------------------------------------------------------
def do_refresh(doc):
    path = workbook_path(doc)
    save_first(doc, "刷新评分")
    status, text = run_xlperf(["refresh", "--backup", path], os.path.dirname(path))
    if status in (0, 1):
        doc = reload(doc)
    return doc, text


DRAFT_SUFFIX = "-自评报告草稿"  # as udfs.report and the WPS launchers name the draft


def draft_path(workbook):
    """<folder>/<name>-自评报告草稿.docx, or the first free (2), (3)… beside it."""
    base = os.path.splitext(workbook)[0] + DRAFT_SUFFIX
    path, n = base + ".docx", 2
    while os.path.exists(path):
        path, n = f"{base}({n}).docx", n + 1
    return path


def do_report(doc):
    path = workbook_path(doc)
    save_first(doc, "生成报告")
    draft = draft_path(path)
    status, text = run_xlperf(["report", path, "-o", draft], os.path.dirname(path))
    if status in (0, 1) and os.path.exists(draft):
        return doc, text, lambda: open_in_writer(doc, draft)
    return doc, text


def open_in_writer(doc, path):
    """The draft in a new Writer window (hidden when the workbook is, as in the tests)."""
    hidden = any(p.Name == "Hidden" and p.Value for p in doc.getArgs())
    ctx = uno.getComponentContext()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
                                 (_prop("Hidden", hidden),))


def do_check(doc):
    path = workbook_path(doc)
    save_first(doc, "校验")
    return doc, run_xlperf(["check", path], os.path.dirname(path))[1]


def do_add_project(doc, name=None):
    path = workbook_path(doc)
    if name is None:
        name = "" if _quiet() else ask_text("请输入新项目的名称：")
    if not name.strip():
        raise Stop("没有输入项目名称，未新增项目表。")
    save_first(doc, "新增项目表")
    status, text = run_xlperf(["add-project", "--backup", "--name", name.strip(), path],
                              os.path.dirname(path))
    if status == 0:
        doc = reload(doc)
        text += "\n请填写黄色单元格后点“刷新评分”。"
    return doc, text


# each returns (document, message) or (document, message, what to do after the message)
ACTIONS = {"refresh": do_refresh, "report": do_report, "check": do_check,
           "add-project": do_add_project}


def shorten(text, limit=25):
    """A message box of one screen: the first `limit` lines and how many were left out
    (校验 lists every finding; the full list is one `xlperf check` away)."""
    lines = text.splitlines()
    if len(lines) <= limit:
        return text
    return "\n".join(lines[:limit] + [f"……另有 {len(lines) - limit} 行；全部问题请刷新评分后看“校验结果”工作表。"])


def perform(action, doc, *args):
    """Run one action and tell the user; the message (also returned). Nothing raises
    into LibreOffice: an error dialog from a failed macro is worse than a sentence."""
    then = None
    try:
        doc, message, *after = ACTIONS[action](doc, *args)
        message = shorten(message)
        then = after[0] if after else None
    except Stop as stop:
        message = str(stop)
    except Exception as exc:  # a UNO error mid-way: say so, in one sentence
        message = f"xlperf 出错：{type(exc).__name__}: {exc}"
    try:
        tell(doc, message)
    except Exception:
        print(message, file=sys.stderr)
    if then is not None:
        try:
            then()
        except Exception as exc:  # the draft is saved; only opening it failed
            print(f"xlperf：未能打开草稿（{type(exc).__name__}: {exc}）", file=sys.stderr)
    return message


# ---- the script provider's entry points (Tools → Macros, and the tests) -----------------
def _document(args):
    for arg in args:
        if hasattr(arg, "getSheets"):
            return arg
    return XSCRIPTCONTEXT.getDocument()  # noqa: F821 (set by LibreOffice's script provider)


def refresh(*args):
    return perform("refresh", _document(args))


def report(*args):
    return perform("report", _document(args))


def check(*args):
    return perform("check", _document(args))


def add_project(*args):
    names = [a for a in args if isinstance(a, str)]
    return perform("add-project", _document(args), names[0] if names else None)


g_exportedScripts = (refresh, report, check, add_project)


# ---- the menu and toolbar: a protocol handler for org.xlperf:<action> ------------------
class XlperfHandler(unohelper.Base, XInitialization, XDispatchProvider, XDispatch, XServiceInfo):
    def __init__(self, ctx, *args):
        self.ctx = ctx
        self.frame = None

    def initialize(self, args):
        if args:
            self.frame = args[0]

    def queryDispatch(self, url, target, flags):
        if url.Protocol == PROTOCOL and url.Path in ACTIONS:
            return self
        return None

    def queryDispatches(self, requests):
        return tuple(self.queryDispatch(r.FeatureURL, r.FrameName, r.SearchFlags)
                     for r in requests)

    def dispatch(self, url, args):
        doc = None
        try:
            doc = self.frame.getController().getModel()
        except Exception:
            pass
        perform(url.Path, doc)

    def addStatusListener(self, listener, url):
        pass

    def removeStatusListener(self, listener, url):
        pass

    def getImplementationName(self):
        return IMPLEMENTATION

    def supportsService(self, name):
        return name == "com.sun.star.frame.ProtocolHandler"

    def getSupportedServiceNames(self):
        return ("com.sun.star.frame.ProtocolHandler",)


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(XlperfHandler, IMPLEMENTATION,
                                         ("com.sun.star.frame.ProtocolHandler",))
