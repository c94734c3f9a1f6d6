#!/bin/sh
# 安装“刷新评分”启动器（Kylin / UOS / 其他 Linux 桌面）：在本目录运行 sh install.sh
# 把 xlperf-refresh.sh 复制到 ~/.local/share/xlperf/，把“刷新评分”图标放到应用程序菜单
# 和桌面（桌面文件夹存在时），并登记到 .xlsx 的“打开方式”里。
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="$HOME/.local/share/xlperf"
apps="$HOME/.local/share/applications"
mkdir -p "$target" "$apps"
cp "$here/xlperf-refresh.sh" "$target/xlperf-refresh.sh"
chmod 755 "$target/xlperf-refresh.sh"
sed "s|@SCRIPT@|$target/xlperf-refresh.sh|" "$here/刷新评分.desktop.in" > "$apps/xlperf-refresh.desktop"
chmod 755 "$apps/xlperf-refresh.desktop"
desktop=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
for dir in "$desktop" "$HOME/桌面"; do
    if [ -d "$dir" ]; then
        cp "$apps/xlperf-refresh.desktop" "$dir/刷新评分.desktop"
        chmod 755 "$dir/刷新评分.desktop"
        # GNOME-based desktops only launch a desktop file marked trusted
        command -v gio >/dev/null 2>&1 && gio set "$dir/刷新评分.desktop" metadata::trusted true 2>/dev/null || true
        break
    fi
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" 2>/dev/null || true
echo "已安装：$apps/xlperf-refresh.desktop（脚本 $target/xlperf-refresh.sh）"
