#!/bin/sh
# 安装“刷新评分”和“生成报告”启动器（Kylin / UOS / 其他 Linux 桌面）：在本目录运行 sh install.sh
# 把 xlperf-refresh.sh 复制到 ~/.local/share/xlperf/，把“刷新评分”“生成报告”图标放到应用程序菜单
# 和桌面（桌面文件夹存在时），并登记到 .xlsx 的“打开方式”里。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="$HOME/.local/share/xlperf"
apps="$HOME/.local/share/applications"
mkdir -p "$target" "$apps"
cp "$here/xlperf-refresh.sh" "$target/xlperf-refresh.sh"
chmod 755 "$target/xlperf-refresh.sh"
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
# one script, two icons: 刷新评分 and 生成报告 (the script with --report)
for pair in "xlperf-refresh:刷新评分" "xlperf-report:生成报告"; do
    id=${pair%%:*}
    name=${pair#*:}
    sed "s|@SCRIPT@|$target/xlperf-refresh.sh|" "$here/$name.desktop.in" > "$apps/$id.desktop"
    chmod 755 "$apps/$id.desktop"
    for dir in "$desktop" "$HOME/桌面"; do
        if [ -d "$dir" ]; then
            cp "$apps/$id.desktop" "$dir/$name.desktop"
            chmod 755 "$dir/$name.desktop"
            # GNOME-based desktops only launch a desktop file marked trusted
            command -v gio >/dev/null 2>&1 && gio set "$dir/$name.desktop" metadata::trusted true 2>/dev/null || true
            break
        fi
    done
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" 2>/dev/null || true
echo "已安装：$apps/xlperf-refresh.desktop、$apps/xlperf-report.desktop（脚本 $target/xlperf-refresh.sh）"
