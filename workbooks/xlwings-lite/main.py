"""xlperf 在 xlwings Lite 中的入口：把本文件的全部内容粘贴到 xlwings Lite 编辑器的 main.py，
把同目录的 requirements.txt 粘贴到 requirements.txt 标签页，然后重启 xlwings Lite。

之后 Lite 的脚本列表里有“刷新评分”“生成报告”“校验”“新增项目表”四个按钮，单元格里可以直接用
=XP_RATE(...)、=XP_EXEC_SCORE(...) 等函数。计算与命令行 xlperf refresh 完全相同。
“生成报告”在浏览器里不能保存 Word 文件，只提示改用电脑上的按钮或命令 xlperf report。
"""
from udfs.lite import *  # noqa: F401,F403  (the scripts and the XP_* functions)
