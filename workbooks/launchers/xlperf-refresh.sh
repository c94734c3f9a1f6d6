#!/bin/sh
# 刷新评分（WPS 及其他没有按钮的电脑，Kylin / UOS / 其他 Linux）
#
# 把一本或几本部门工作簿拖到桌面的“刷新评分”图标上（或在文件管理器里右键 → 打开方式 →
# 刷新评分）：先把原文件备份为“文件名.bak.xlsx”，再用 xlperf 刷新评分，弹出一个窗口显示
# 错误、警告、提示的条数和各表总分、等级，最后用默认程序（WPS 表格等）重新打开工作簿。
# 刷新前请先在 WPS 里关闭这本工作簿（打开着的文件 xlperf 不会改动，会提示先关闭）。
#
# 生成报告（xlperf-refresh.sh --report 工作簿…，桌面的“生成报告”图标）：由工作簿已保存的
# 数字起草自评报告，保存为工作簿旁边的“文件名-自评报告草稿.docx”（已有草稿时为“…(2).docx”，
# 从不覆盖），弹出窗口说明保存位置，再用默认程序（WPS 文字等）打开草稿。工作簿不改动。
#
# xlperf 命令按此顺序查找：环境变量 XLPERF_COMMAND、PATH 里的 xlperf、~/.local/bin/xlperf、
# python3 -m xlperf.cli。XLPERF_LAUNCHER_NO_GUI=1 时不弹窗口、不重新打开，只在终端输出（测试用）。
set -u

action=refresh
title=刷新评分
if [ "${1:-}" = "--report" ]; then
    action=report
    title=生成报告
    shift
fi

if [ -n "${XLPERF_COMMAND:-}" ]; then
    xlperf_cmd=$XLPERF_COMMAND
elif command -v xlperf >/dev/null 2>&1; then
    xlperf_cmd=xlperf
elif [ -x "$HOME/.local/bin/xlperf" ]; then
    xlperf_cmd="$HOME/.local/bin/xlperf"
else
    xlperf_cmd="python3 -m xlperf.cli"
fi
export PYTHONIOENCODING=utf-8

gui() { [ "${XLPERF_LAUNCHER_NO_GUI:-}" != "1" ]; }

show() {  # one window with the whole message, or the terminal
    if ! gui; then
        printf '%s\n' "$1"
    elif command -v zenity >/dev/null 2>&1; then
        zenity --info --no-wrap --title="$title" --text="$1" 2>/dev/null
    elif command -v kdialog >/dev/null 2>&1; then
        kdialog --title "$title" --msgbox "$1" 2>/dev/null
    elif command -v x-terminal-emulator >/dev/null 2>&1; then
        printf '%s\n' "$1" > "${TMPDIR:-/tmp}/xlperf-refresh.$$.txt"
        x-terminal-emulator -e sh -c 'cat "$0"; rm -f "$0"; printf "\n按回车键关闭窗口"; read -r _' \
            "${TMPDIR:-/tmp}/xlperf-refresh.$$.txt"
    else
        printf '%s\n' "$1"
    fi
}

if [ $# -eq 0 ]; then
    show "请把部门工作簿（.xlsx）拖到“$title”图标上。"
    exit 2
fi

draft_for() {  # beside the workbook, never over an earlier draft the department may have filled in
    base="${1%.*}-自评报告草稿"
    draft="$base.docx"
    n=2
    while [ -e "$draft" ]; do
        draft="$base($n).docx"
        n=$((n + 1))
    done
    printf '%s' "$draft"
}

message=""
worst=0
reopen=""
for workbook in "$@"; do
    opened=$workbook  # what the default application opens afterwards
    if [ "$action" = report ]; then
        opened=$(draft_for "$workbook")
        # shellcheck disable=SC2086  # XLPERF_COMMAND may be "python3 -m xlperf.cli"
        output=$($xlperf_cmd report "$workbook" -o "$opened" 2>&1)
    else
        # shellcheck disable=SC2086
        output=$($xlperf_cmd refresh --backup "$workbook" 2>&1)
    fi
    status=$?
    if [ $status -eq 127 ]; then
        output="找不到 xlperf 命令：请先安装 Python 和 xlperf（见 README 的“WPS 用户”一节）。"
    fi
    backup="${workbook%.*}.bak.${workbook##*.}"
    if [ "$action" = refresh ] && [ $status -le 1 ] && [ -f "$backup" ]; then
        output="$output
原文件已备份为 $backup"
    fi
    message="$message$output
"
    [ $status -gt $worst ] && worst=$status
    [ $status -le 1 ] && [ -f "$opened" ] && reopen="$reopen$opened
"
done
show "${message%?}"
# opened after the message is read, in the default application (WPS 表格 / WPS 文字, Excel ...)
if gui && command -v xdg-open >/dev/null 2>&1; then
    printf '%s' "$reopen" | while IFS= read -r file; do
        [ -n "$file" ] && xdg-open "$file" >/dev/null 2>&1 &
    done
fi
exit $worst
