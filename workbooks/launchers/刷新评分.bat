@echo off
chcp 65001 >nul
rem (the code page first: cmd reads every later line as UTF-8)
rem 刷新评分（WPS 用户和没有按钮的电脑，Windows）
rem 把一本或几本部门工作簿拖到本文件的图标上：先把原文件备份为“文件名.bak.xlsx”，
rem 再用 xlperf 刷新评分，在这个窗口里显示错误、警告、提示的条数和各表总分、等级，
rem 然后用默认程序（WPS 表格或 Excel）重新打开工作簿。窗口按任意键关闭。
rem 刷新前请先关闭这本工作簿（打开着的文件 xlperf 不会改动，会提示先关闭）。
rem xlperf 命令按此顺序查找：环境变量 XLPERF_COMMAND、PATH 里的 xlperf、py -3 -m xlperf.cli。
setlocal EnableExtensions
set "PYTHONIOENCODING=utf-8"
title 刷新评分
if "%~1"=="" (
    echo 请把部门工作簿（.xlsx）拖到“刷新评分.bat”的图标上。
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
%XLPERF% refresh --backup "%~1"
set "STATUS=%ERRORLEVEL%"
if %STATUS% GTR %WORST% set "WORST=%STATUS%"
rem one-line ifs, not a ( ) block: a folder such as "新建文件夹 (2)" would end the block
if %STATUS% LEQ 1 if exist "%~dpn1.bak%~x1" echo 原文件已备份为 "%~dpn1.bak%~x1"
if %STATUS% LEQ 1 start "" "%~1"
if %STATUS% EQU 9009 echo 找不到 xlperf 命令：请先安装 Python 和 xlperf（见 README 的“WPS 用户”一节）。
shift
goto next
:done
echo.
pause
exit /b %WORST%
