; Inno Setup 6 script: the kiosk's Windows installer, from the PyInstaller onedir dist\kiosk\.
; Build (installer/windows/README.md):
;   ISCC.exe /DAppVersion=0.1.0 installer\windows\kiosk.iss   -> dist\kiosk-0.1.0-windows-x64-setup.exe
;
; * Installs dist\kiosk\ into Program Files\KioskDVC (the old _internal\ is removed first, so an
;   upgrade never mixes two builds' files), a Start-menu entry, optionally a desktop icon and
;   the "Tự khởi động cùng Windows" task (a shortcut in the common Startup folder).
; * The data home is NOT in the install dir: it is %LOCALAPPDATA%\KhanhHoa\kiosk-dvc of the
;   Windows account that runs the kiosk (platformdirs), and the data key and client secret are
;   in that account's Credential Locker. Installing a newer version keeps both; the new
;   version migrates the database at its next start (a copy goes to backups\ first).
;   Uninstalling removes only the program files.
; * Saved as UTF-8 with a BOM (Inno Setup 6 reads the Vietnamese text correctly only with it).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "Kiosk Dịch vụ công"
#define Dist "..\..\dist"

[Setup]
; The AppId never changes: it is how a newer setup finds and upgrades an installed kiosk.
AppId={{BBA1610D-178D-49CD-8660-97E1F05D973B}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Support-point kiosk team (Khánh Hòa)
DefaultDirName={autopf}\KioskDVC
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousTasks=yes
LicenseFile=..\..\LICENSE
OutputDir={#Dist}
OutputBaseFilename=kiosk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
MinVersion=10.0
; close a running kiosk (Restart Manager) before its files are replaced
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\kiosk-gui.exe
UninstallDisplayName={#AppName}
WizardStyle=modern
SetupLogging=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#if FileExists(AddBackslash(CompilerPath) + "Languages\Vietnamese.isl")
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#endif

[Tasks]
Name: "autostart"; Description: "Tự khởi động cùng Windows (start the kiosk at every sign-in)"; Flags: unchecked
Name: "desktopicon"; Description: "Biểu tượng trên màn hình nền (desktop icon)"; Flags: unchecked

[InstallDelete]
; the previous build's bundle: PyInstaller file names change between versions
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Dist}\kiosk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\kiosk-gui.exe"; WorkingDir: "{app}"
Name: "{group}\{#AppName} — cửa sổ thường (kỹ thuật viên)"; Filename: "{app}\kiosk-gui.exe"; Parameters: "--windowed"; WorkingDir: "{app}"
Name: "{group}\Tự kiểm tra (self-test)"; Filename: "{cmd}"; Parameters: "/k ""{app}\kiosk.exe"" --selftest"; WorkingDir: "{app}"
Name: "{commondesktop}\{#AppName}"; Filename: "{app}\kiosk-gui.exe"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{commonstartup}\{#AppName}"; Filename: "{app}\kiosk-gui.exe"; WorkingDir: "{app}"; Tasks: autostart

[Run]
Filename: "{cmd}"; Parameters: "/k ""{app}\kiosk.exe"" --selftest"; Description: "Tự kiểm tra ngay (run the self-test)"; Flags: postinstall unchecked nowait runasoriginaluser
Filename: "{app}\kiosk-gui.exe"; Description: "Khởi động kiosk (start the kiosk)"; Flags: postinstall unchecked nowait skipifsilent runasoriginaluser
