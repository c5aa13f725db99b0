@echo off
rem Runs Arbiter on Windows, from an unpacked distribution (bin\arbiter.cmd next to lib\arbiter.jar)
rem or from a source checkout built with 'mvn -B package' (policy-cli\target\arbiter.jar).
rem Like bin/arbiter, it makes a class-data sharing archive (arbiter.jsa, next to the jar) on first
rem run, from the class list the build recorded, and uses it after that; ARBITER_CDS=off skips it.
rem Unlike bin/arbiter it does not notice a jar or JDK newer than the archive: delete arbiter.jsa
rem (and arbiter.jsa.failed) after changing either; a JVM that cannot use it runs without it.
rem No parenthesised blocks: a path with a parenthesis, such as "Program Files (x86)", would end one.
setlocal
set "ARBITER_LIB=%~dp0..\lib"
if not exist "%ARBITER_LIB%\arbiter.jar" set "ARBITER_LIB=%~dp0..\policy-cli\target"
if exist "%ARBITER_LIB%\arbiter.jar" goto found
echo arbiter: %ARBITER_LIB%\arbiter.jar not found; run 'mvn -B package' first 1>&2
exit /b 2
:found
set "ARBITER_JAVA=java"
if defined JAVA_HOME set "ARBITER_JAVA=%JAVA_HOME%\bin\java"
if not defined ARBITER_JAVA_OPTS set "ARBITER_JAVA_OPTS=-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
if /i "%ARBITER_CDS%"=="off" goto run
if exist "%ARBITER_LIB%\arbiter.jsa" goto cds
if not exist "%ARBITER_LIB%\arbiter.classlist" goto run
if exist "%ARBITER_LIB%\arbiter.jsa.failed" goto run
"%ARBITER_JAVA%" -Xshare:dump "-XX:SharedClassListFile=%ARBITER_LIB%\arbiter.classlist" "-XX:SharedArchiveFile=%ARBITER_LIB%\arbiter.jsa.tmp" -cp "%ARBITER_LIB%\arbiter.jar" >nul 2>&1
if errorlevel 1 goto dumpfailed
move /y "%ARBITER_LIB%\arbiter.jsa.tmp" "%ARBITER_LIB%\arbiter.jsa" >nul 2>&1
if exist "%ARBITER_LIB%\arbiter.jsa" goto cds
goto run
:dumpfailed
del /q "%ARBITER_LIB%\arbiter.jsa.tmp" >nul 2>&1
type nul > "%ARBITER_LIB%\arbiter.jsa.failed" 2>nul
goto run
:cds
"%ARBITER_JAVA%" %ARBITER_JAVA_OPTS% "-XX:SharedArchiveFile=%ARBITER_LIB%\arbiter.jsa" -jar "%ARBITER_LIB%\arbiter.jar" %*
exit /b %ERRORLEVEL%
:run
"%ARBITER_JAVA%" %ARBITER_JAVA_OPTS% -jar "%ARBITER_LIB%\arbiter.jar" %*
exit /b %ERRORLEVEL%
