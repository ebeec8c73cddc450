#pragma once

#include "widgets/MainWindow.h"

#include <QString>
#include <QStringList>

class QApplication;

namespace vigie::widgets {

// What main() and the screenshot tool share: names, resources, translations, colours and the
// command line.

// Organisation and application names (QSettings), version, icon, and the embedded resources.
void setUpApplication();

// Loads the app's translation and Qt's own for language ("en", "fr"), or for the system's
// languages when it is empty; sets the default QLocale too when a language is forced, so that
// dates and times follow. Returns the language in use ("en" when none matched).
QString installTranslations(const QString& language = {});
QStringList availableLanguages();

// Fusion with Qt's standard light palette, or a dark one: for screenshots and --theme. Without
// it the app follows the system's style and palette.
enum class ColorScheme { System, Light, Dark };
void applyColorScheme(ColorScheme scheme);

struct StartOptions
{
    MainWindow::Options window;
    QString language;
    ColorScheme colorScheme = ColorScheme::System;
    // --background (the autostart entry): start in the tray, without the window, when there is one.
    bool background = false;
};

// When VIGIE_SCREENSHOT_DIR is set (scripts/demo without a display), saves a picture of the
// window as it shows the sign-in screen and the session list.
void recordScreenshotsFromEnvironment(MainWindow* window);

// Parses the command line; prints and exits on --help, --version and bad arguments (status 2).
StartOptions parseCommandLine(const QStringList& arguments);

} // namespace vigie::widgets
