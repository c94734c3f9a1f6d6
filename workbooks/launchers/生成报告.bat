@echo off
chcp 65001 >nul
rem (the code page first: cmd reads every later line as UTF-8)
rem 生成报告（WPS 用户和没有按钮的电脑，Windows）
rem 把一本或几本部门工作簿拖到本文件的图标上：由工作簿已保存的数字起草自评报告，
rem 保存为工作簿旁边的“文件名-自评报告草稿.docx”（已有草稿时为“…(2).docx”，从不覆盖），
rem 在这个窗口里说明保存位置，然后用默认程序（WPS 文字或 Word）打开草稿。工作簿不改动。
rem 窗口按任意键关闭。
rem xlperf 命令按此顺序查找：环境变量 XLPERF_COMMAND、PATH 里的 xlperf、py -3 -m xlperf.cli。
setlocal EnableExtensions
set "PYTHONIOENCODING=utf-8"
title 生成报告
if "%~1"=="" (
    echo 请把部门工作簿（.xlsx）拖到“生成报告.bat”的图标上。
    pause
    exit /b 2
)
set "XLPERF=%XLPERF_COMMAND%"
if not defined XLPERF (
    where xlperf >nul 2>nul && set "XLPERF=xlperf"
)
if not defined XLPERF set "XLPERF=py -3 -m xlperf.cli"
set "WORST=0"
:next
if "%~1"=="" goto done
echo.
rem the draft's name: never over an earlier draft the department may have filled in
set "DRAFT=%~dpn1-自评报告草稿.docx"
set "N=2"
:pick
if not exist "%DRAFT%" goto draft
set "DRAFT=%~dpn1-自评报告草稿(%N%).docx"
set /a N+=1
goto pick
:draft
%XLPERF% report "%~1" -o "%DRAFT%"
set "STATUS=%ERRORLEVEL%"
if %STATUS% GTR %WORST% set "WORST=%STATUS%"
rem one-line ifs, not a ( ) block: a folder such as "新建文件夹 (2)" would end the block
if %STATUS% LEQ 1 if exist "%DRAFT%" start "" "%DRAFT%"
if %STATUS% EQU 9009 echo 找不到 xlperf 命令：请先安装 Python 和 xlperf（见 README 的“WPS 用户”一节）。
shift
goto next
:done
echo.
pause
exit /b %WORST%
