#include "widgets/Application.h"
#include "widgets/MainWindow.h"

#include <QApplication>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    vigie::widgets::setUpApplication();
    const auto options = vigie::widgets::parseCommandLine(QApplication::arguments());
    vigie::widgets::MainWindow window(options.window);
    vigie::widgets::recordScreenshotsFromEnvironment(&window);
    // Started at login: only the tray icon, until the user opens the window.
    if (!options.background || !window.hasTrayIcon())
        window.show();
    window.start();
    return QApplication::exec();
}
