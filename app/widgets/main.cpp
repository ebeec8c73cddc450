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
    window.show();
    window.start();
    return QApplication::exec();
}
