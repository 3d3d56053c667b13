; Inno Setup script: turns the PyInstaller folder dist\mock-interview\ into one installer .exe.
; Build the bundle first (packaging\README.md), then:  iscc packaging\windows\mock-interview-coach.iss
; Output: dist\MockInterviewCoach-0.1.0-setup.exe. Installs per user by default (no admin rights needed);
; recordings and settings live in %LOCALAPPDATA%\MockInterviewCoach and are NOT removed on uninstall.

#define AppVersion "0.1.0"
#define Bundle "..\..\dist\mock-interview"

[Setup]
AppId={{4C0F5D0E-7B7A-4E0B-9C55-6A1D2F1B8C21}
AppName=Mock Interview Coach
AppVersion={#AppVersion}
AppPublisher=Mock Interview Coach contributors
DefaultDirName={autopf}\Mock Interview Coach
DefaultGroupName=Mock Interview Coach
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=MockInterviewCoach-{#AppVersion}-setup
SetupIconFile=..\..\assets\icons\mock-interview-coach.ico
UninstallDisplayIcon={app}\Mock Interview Coach.exe
Compression=lzma2/ultra64
SolidCompression=yes
WizardStyle=modern

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Mock Interview Coach"; Filename: "{app}\Mock Interview Coach.exe"
Name: "{autodesktop}\Mock Interview Coach"; Filename: "{app}\Mock Interview Coach.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
Filename: "{app}\Mock Interview Coach.exe"; Description: "Start Mock Interview Coach"; Flags: nowait postinstall skipifsilent
