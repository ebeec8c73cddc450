#include "widgets/Application.h"

#include "client/ServerUrlPolicy.h"
#include "core/Version.h"
#include "widgets/Icons.h"
#include "widgets/SessionsWidget.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QPainter>
#include <QPalette>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <cstdlib>

static void initVigieResources()
{
    // Resources of a static library are registered explicitly (outside any namespace).
    Q_INIT_RESOURCE(vigie);
}

namespace vigie::widgets {

namespace {

// The value of --lang before the parser exists: its help text must already be translated.
QString languageArgument(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if (a == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return {};
}

// Fusion draws a check box's border darker than the window: on a dark window an unticked box
// all but disappears. This one draws it in the text colour, half strength.
class DarkFusionStyle : public QProxyStyle
{
public:
    DarkFusionStyle() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion"))) {}

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if (element != PE_IndicatorCheckBox)
            return;
        QColor border = option->palette.color(QPalette::Text);
        border.setAlphaF(option->state & State_Enabled ? 0.6 : 0.3);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(border, 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(option->rect).adjusted(0.5, 0.5, -1.5, -1.5), 2, 2);
        painter->restore();
    }
};

[[noreturn]] void failUsage(const QString& message)
{
    std::fprintf(stderr, "vigie: %s\n", qPrintable(message));
    std::exit(2);
}

} // namespace

void setUpApplication()
{
    initVigieResources();
    // The client's debug lines are for developers: QT_LOGGING_RULES still turns them on.
    QLoggingCategory::setFilterRules(QStringLiteral("vigie.client.debug=false"));
    QCoreApplication::setOrganizationName(QStringLiteral("Vigie"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("vigie.example"));
    QCoreApplication::setApplicationName(QStringLiteral("vigie"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(vigie::kVersion));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Vigie"));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.vigie.Vigie"));
    QGuiApplication::setWindowIcon(Icons::appIcon());
}

QStringList availableLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("fr")};
}

QString installTranslations(const QString& language)
{
    initVigieResources();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!language.isEmpty())
        QLocale::setDefault(locale);

    auto* app = new QTranslator(qApp);
    QString used = QStringLiteral("en");
    if (app->load(locale, QStringLiteral("vigie"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(app);
        used = QFileInfo(app->filePath()).completeBaseName().section(QLatin1Char('_'), 1);
    } else {
        delete app;
    }
    // Qt's own strings (standard buttons, context menus of text fields).
    auto* qt = new QTranslator(qApp);
    if (used != QLatin1String("en") && qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                                                QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return used;
}

void applyColorScheme(ColorScheme scheme)
{
    if (scheme == ColorScheme::System)
        return;
    if (scheme == ColorScheme::Light) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(new DarkFusionStyle);
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x82, 0x86);
    const QColor highlight(0x3d, 0x7b, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3b));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::Mid, QColor(0x25, 0x26, 0x29));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0c, 0x0c, 0x0d));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x7a, 0xb0, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x9a, 0xff));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4c, 0x50));
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    QApplication::setPalette(p);
}

void recordScreenshotsFromEnvironment(MainWindow* window)
{
    const QString dir = qEnvironmentVariable("VIGIE_SCREENSHOT_DIR");
    if (dir.isEmpty() || !QDir().mkpath(dir))
        return;
    const auto save = [window, dir](const QString& name) {
        const QString path = QDir(dir).filePath(name);
        if (window->grab().save(path))
            std::fprintf(stderr, "vigie: saved %s\n", qPrintable(path));
    };
    QTimer::singleShot(1000, window, [save] { save(QStringLiteral("signin.png")); });
    QObject::connect(window->account(), &vigie::client::AccountSession::signedIn, window, [window, save] {
        // Once the first list has arrived and been painted.
        auto* poll = new QTimer(window);
        poll->start(200);
        QObject::connect(poll, &QTimer::timeout, window, [window, save, poll] {
            if (window->sessionsWidget()->isLoading() || window->sessionsWidget()->model()->rowCount() == 0)
                return;
            poll->deleteLater();
            QTimer::singleShot(300, window, [save] { save(QStringLiteral("sessions.png")); });
        });
    });
}

StartOptions parseCommandLine(const QStringList& arguments)
{
    StartOptions options;
    options.language = languageArgument(arguments);
    if (!options.language.isEmpty() && !availableLanguages().contains(options.language))
        failUsage(QCoreApplication::translate("vigie::widgets::CommandLine",
                                              "unknown language \"%1\" (available: %2)")
                      .arg(options.language, availableLanguages().join(QStringLiteral(", "))));
    installTranslations(options.language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "vigie::widgets::CommandLine",
        "See where your Vigie account is signed in, and sign out the devices you do not recognise."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(
        QStringLiteral("server"),
        QCoreApplication::translate("vigie::widgets::CommandLine", "The Vigie server to sign in to."),
        QStringLiteral("url"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QCoreApplication::translate("vigie::widgets::CommandLine",
                                    "The language of the interface: en or fr (default: the system's)."),
        QStringLiteral("language"));
    const QCommandLineOption theme(
        QStringLiteral("theme"),
        QCoreApplication::translate("vigie::widgets::CommandLine",
                                    "light or dark: Fusion with that palette instead of the system's."),
        QStringLiteral("theme"));
    const QCommandLineOption background(
        QStringLiteral("background"),
        QCoreApplication::translate(
            "vigie::widgets::CommandLine",
            "Start in the system tray, without opening the window (when there is a tray)."));
    parser.addOptions({server, lang, theme, background});
    parser.process(arguments);

    if (parser.isSet(server)) {
        const auto check = vigie::client::ServerUrlPolicy::check(parser.value(server), true);
        if (!check.isOk())
            failUsage(check.message);
        options.window.serverUrl = check.url.toString();
    }
    if (parser.isSet(theme)) {
        const QString value = parser.value(theme);
        if (value == QLatin1String("dark"))
            options.colorScheme = ColorScheme::Dark;
        else if (value == QLatin1String("light"))
            options.colorScheme = ColorScheme::Light;
        else
            failUsage(QCoreApplication::translate("vigie::widgets::CommandLine",
                                                  "unknown theme \"%1\" (light or dark)")
                          .arg(value));
    }
    options.background = parser.isSet(background);
    applyColorScheme(options.colorScheme);
    return options;
}

} // namespace vigie::widgets
