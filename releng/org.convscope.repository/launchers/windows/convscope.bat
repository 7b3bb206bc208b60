@echo off
rem Convscope on Windows, in the product's folder beside plugins\ (inside a parenthesised
rem block, variables are read as !VAR!: a path such as "C:\Program Files (x86)" would end the block):
rem   convscope.bat                    start the workbench on the bundled sample
rem   convscope.bat MODEL [IMAGE...]   start the workbench on a model
rem   convscope.bat COMMAND [ARGS...]  run a headless command (summary, activations, ...)
rem   convscope.bat --help ^| --version
rem Finds Java 17 or newer through JAVA_HOME, then the PATH. The product build writes this
rem archive's ND4J natives fragment below and CRLF line ends (releng/org.convscope.repository/pom.xml).
setlocal EnableExtensions EnableDelayedExpansion

set "PRODUCT=%~dp0"
set "PLUGINS=%PRODUCT%plugins"
set "NATIVES=@NATIVES@"
set "COMMANDS= summary activations filters gradcam compare explain diff scan scan-report "

call :find_java || exit /b 1

rem libnd4j's OpenMP threads wait without spinning (see the Linux launcher)
if not defined OMP_WAIT_POLICY set "OMP_WAIT_POLICY=PASSIVE"
if not defined CONVSCOPE_HEAP set "CONVSCOPE_HEAP=4g"
if not defined CONVSCOPE_NATIVES set "CONVSCOPE_NATIVES=%USERPROFILE%\.convscope\javacpp"
if not defined CONVSCOPE_MAX_PHYSICAL set "CONVSCOPE_MAX_PHYSICAL=12G"
if not defined CONVSCOPE_MAX_OFFHEAP set "CONVSCOPE_MAX_OFFHEAP=8G"
if not defined CONVSCOPE_LOG_LEVEL set "CONVSCOPE_LOG_LEVEL=off"
if not defined CONVSCOPE_WORKSPACE set "CONVSCOPE_WORKSPACE=%USERPROFILE%\.convscope\workspace"
set JVM_OPTIONS=-Xms256m -Xmx%CONVSCOPE_HEAP% -XX:MetaspaceSize=96m "-Dorg.bytedeco.javacpp.cachedir=%CONVSCOPE_NATIVES%" -Dorg.bytedeco.javacpp.maxphysicalbytes=%CONVSCOPE_MAX_PHYSICAL% -Dorg.bytedeco.javacpp.maxbytes=%CONVSCOPE_MAX_OFFHEAP% -Dorg.slf4j.simpleLogger.defaultLogLevel=%CONVSCOPE_LOG_LEVEL% -Dorg.slf4j.simpleLogger.logFile=System.err

set "FIRST=%~1"
if "%FIRST%"=="" goto workbench
if "%FIRST%"=="-h" goto headless
if "%FIRST%"=="--help" goto headless
if "%FIRST%"=="help" goto headless
if "%FIRST%"=="--version" goto headless
if "%FIRST:~0,1%"=="-" (
  echo convscope: unknown option '!FIRST!' ^(try convscope.bat --help^) 1>&2
  exit /b 2
)
if not "!COMMANDS: %FIRST% =!"=="!COMMANDS!" goto headless
if exist "%FIRST%" goto workbench
echo convscope: '%FIRST%' is neither a command nor a file ^(try convscope.bat --help^) 1>&2
exit /b 2

:headless
set "CP="
for %%n in (org.convscope.cli org.convscope.core org.convscope.engine org.convscope.scan org.xerial.sqlite-jdbc io.jhdf com.google.gson org.apache.commons.lang3 com.ning.compress-lzf lz4-java slf4j.api slf4j.simple) do (
  call :bundle %%n || exit /b 1
  set "CP=!CP!;!BUNDLE!"
)
call :bundle org.convscope.nd4j || exit /b 1
set "CP=!CP:~1!;!BUNDLE!\lib\*"
call :bundle %NATIVES% || exit /b 1
set "CP=!CP!;!BUNDLE!\lib\*"
call :bundle org.convscope.samples || exit /b 1
rem a scan's heap by what it holds, not by the machine's load (as ./convscope does on Linux)
set "GC="
if "%FIRST%"=="scan" set "GC=-XX:+UseSerialGC"
"%JAVA%" %JVM_OPTIONS% %GC% "-Dconvscope.samples=!BUNDLE!" -cp "!CP!" org.convscope.cli.Main %*
exit /b %ERRORLEVEL%

:workbench
call :bundle org.eclipse.equinox.launcher || exit /b 1
set "LAUNCHER=!BUNDLE!"
rem the workbench runs with its own working directory: hand it absolute paths
set ARGS=
:next_arg
if "%~1"=="" goto start_workbench
set "ARG=%~1"
if exist "%~1" set "ARG=%~f1"
set ARGS=!ARGS! "!ARG!"
shift
goto next_arg
:start_workbench
rem exit code 23 is the workbench asking to be restarted (a change of theme offers it)
"%JAVA%" %JVM_OPTIONS% -Dosgi.requiredJavaVersion=17 -jar "%LAUNCHER%" -data "%CONVSCOPE_WORKSPACE%" !ARGS!
if %ERRORLEVEL%==23 goto start_workbench
exit /b %ERRORLEVEL%

rem BUNDLE := the jar or folder of bundle %1 in plugins\
:bundle
set "BUNDLE="
for /d %%b in ("%PLUGINS%\%~1_*") do set "BUNDLE=%%~fb"
for %%b in ("%PLUGINS%\%~1_*.jar") do set "BUNDLE=%%~fb"
if not defined BUNDLE (
  echo convscope: bundle %~1 missing from !PLUGINS!: is this the Convscope for Windows x86-64? 1>&2
  exit /b 1
)
exit /b 0

rem JAVA := java.exe of JAVA_HOME or the PATH, if it is Java 17 or newer
:find_java
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for %%j in (java.exe) do if not "%%~$PATH:j"=="" set "JAVA=%%~$PATH:j"
if not defined JAVA (
  echo convscope: no Java found: install Java 17 or newer, or set JAVA_HOME 1>&2
  exit /b 1
)
set "JAVA_VERSION="
for /f "tokens=2 delims==" %%v in ('call "%JAVA%" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "JAVA_VERSION=%%v"
set "JAVA_MAJOR=0"
for /f "tokens=1 delims=. " %%m in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%m"
if %JAVA_MAJOR% LSS 17 (
  echo convscope: Java !JAVA_VERSION! found at !JAVA!; Convscope needs Java 17 or newer ^(set JAVA_HOME^) 1>&2
  exit /b 1
)
exit /b 0
