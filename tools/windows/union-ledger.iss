; Inno Setup 6 script for 工会台账 (Windows 10/11). Built by `python -m tools.build --installer`,
; which passes /DAppVersion (models/version.py), /DSourceDir (dist\UnionLedger) and /DIconFile.
; By hand: ISCC /DAppVersion=0.1.0 /DSourceDir=..\..\dist\UnionLedger tools\windows\union-ledger.iss
; Installs for the current user (no administrator rights needed: an office PC often has none);
; the data stays in %LOCALAPPDATA%\UnionLedger and is never removed by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\assets\union-ledger.ico"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\UnionLedger"
#endif

[Setup]
AppId={{6B0F7C8E-3A52-4C39-9E0B-5D1F2A7C4E91}
AppName=工会台账
AppVersion={#AppVersion}
AppVerName=工会台账 {#AppVersion}
AppPublisher=工会台账
DefaultDirName={autopf}\UnionLedger
DefaultGroupName=工会台账
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=UnionLedger-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\UnionLedger.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
; ChineseSimplified.isl is an unofficial translation: the build copies it in when present,
; otherwise the wizard speaks English (the program itself is Chinese either way).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\工会台账"; Filename: "{app}\UnionLedger.exe"; WorkingDir: "{userdocs}"
Name: "{group}\工会台账命令行（高级）"; Filename: "{cmd}"; Parameters: "/k ""{app}\union-ledger-cli.exe"" --help"; WorkingDir: "{userdocs}"
Name: "{group}\卸载工会台账"; Filename: "{uninstallexe}"
Name: "{autodesktop}\工会台账"; Filename: "{app}\UnionLedger.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\UnionLedger.exe"; Description: "立即启动工会台账"; Flags: nowait postinstall skipifsilent
