// Renders the app's main screens into PNG files against a running Vigie server (normally
// `vigie-server serve --demo`), for the README and for looking at the app without a display:
// sign-in, the session list with one session's details, the password prompt, and the support
// view (a user's sessions, then their audit trail), the user's activity, the v1.1 alerts (a
// sign-in notification, drawn here as the desktop would show it: no notification daemon can be
// captured offscreen; a flagged row with where it was last seen; the tray menu), naming a
// device, Account security and the "Not me" flow. Run by scripts/screenshots with
// QT_QPA_PLATFORM=offscreen.
#include "client/AccountAlerts.h"
#include "client/AccountSession.h"
#include "client/AdminJobs.h"
#include "client/SessionListModel.h"
#include "widgets/AccountSecurityDialog.h"
#include "widgets/ActivityWidget.h"
#include "widgets/Application.h"
#include "widgets/MainWindow.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/RenameSessionDialog.h"
#include "widgets/SessionTableView.h"
#include "widgets/SessionsWidget.h"
#include "widgets/SignInWidget.h"
#include "widgets/SupportWidget.h"
#include "widgets/TrayIcon.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <limits>

using namespace vigie::widgets;

namespace {

bool waitUntil(const std::function<bool()>& done, int timeoutMs = 15000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

void settle()
{
    waitUntil([] { return false; }, 300);
}

[[noreturn]] void fail(const QString& message)
{
    std::fprintf(stderr, "vigie-screenshots: %s\n", qPrintable(message));
    std::exit(1);
}

// The 256 most frequent colours, every other one mapped to the nearest of them: a screenshot is
// mostly flat colours and anti-aliased text, so this is hard to tell from the original at about
// half the size of a true-colour PNG (the files are committed).
QImage toPalette(const QImage& source)
{
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            ++counts[line[x]];
    }
    QList<QPair<int, QRgb>> byFrequency;
    byFrequency.reserve(counts.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        byFrequency.append({it.value(), it.key()});
    std::sort(byFrequency.begin(), byFrequency.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    QList<QRgb> palette;
    for (qsizetype i = 0; i < byFrequency.size() && i < 256; ++i)
        palette.append(byFrequency.at(i).second);
    QHash<QRgb, uchar> nearest;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        int best = 0;
        int bestDistance = std::numeric_limits<int>::max();
        for (int i = 0; i < palette.size(); ++i) {
            const int dr = qRed(it.key()) - qRed(palette.at(i));
            const int dg = qGreen(it.key()) - qGreen(palette.at(i));
            const int db = qBlue(it.key()) - qBlue(palette.at(i));
            const int distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        nearest.insert(it.key(), uchar(best));
    }
    QImage out(image.size(), QImage::Format_Indexed8);
    out.setColorTable(palette);
    for (int y = 0; y < image.height(); ++y) {
        const auto* in = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        uchar* line = out.scanLine(y);
        for (int x = 0; x < image.width(); ++x)
            line[x] = nearest.value(in[x]);
    }
    return out;
}

void save(const QImage& image, const QString& path)
{
    if (!toPalette(image).save(path, "PNG", 0))
        fail(QStringLiteral("cannot write %1").arg(path));
    std::printf("%s\n", qPrintable(path));
}

// A window-modal dialog over its window, as the screen shows it: the window shaded, the dialog
// centred in its upper third.
QImage overWindow(QWidget& window, QWidget* dialog)
{
    // The painter works in logical pixels: at a scale factor the images have more than that.
    QImage composite = window.grab().toImage();
    QPainter p(&composite);
    const QRectF area(QPointF(0, 0), composite.deviceIndependentSize());
    QColor shade = window.palette().color(QPalette::Shadow);
    shade.setAlphaF(0.35);
    p.fillRect(area, shade);
    const QImage image = dialog->grab().toImage();
    const QSizeF size = image.deviceIndependentSize();
    const QPointF at(qMax(0.0, (area.width() - size.width()) / 2),
                     qMax(0.0, (area.height() - size.height()) / 3));
    p.drawImage(at, image);
    QColor border = window.palette().color(QPalette::WindowText);
    border.setAlphaF(0.45);
    p.setPen(border);
    p.drawRect(QRectF(at, size).adjusted(-1, -1, 0, 0));
    return composite;
}

// The message box a blocking Dialogs call shows, once it is on screen.
QWidget* visibleMessageBox()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget* w : widgets)
        if (w->isVisible() && w->objectName() == QLatin1String("messageBox"))
            return w;
    return nullptr;
}

bool signIn(MainWindow& window, const QString& email, const QString& password)
{
    auto* signInWidget = window.signInWidget();
    signInWidget->setEmail(email);
    signInWidget->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))->setText(password);
    signInWidget->submit();
    return waitUntil([&] { return window.page() == MainWindow::Page::Account; });
}

// A sign-in from Berlin on a new device, as the event stream would bring it; the place in the
// reader's language, as a v1.1 server names it.
vigie::AccountEvent flaggedSignIn(const QString& language)
{
    const bool fr = language == QLatin1String("fr");
    const auto now = vigie::TimePoint(std::chrono::milliseconds(QDateTime::currentMSecsSinceEpoch()));
    vigie::Session s;
    s.id = "7d0c1a52-5f2e-4c1b-9a37-0b6f3c2d9e41";
    s.deviceInfo.browser = "Chrome";
    s.deviceInfo.browserVersion = "131.0.0.0";
    s.deviceInfo.os = "Windows";
    s.deviceInfo.osVersion = "10";
    s.deviceInfo.deviceType = "desktop";
    s.deviceInfo.userAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36";
    s.ipAddress = "198.51.100.23";
    s.locationData = vigie::LocationData{"Berlin", std::nullopt, fr ? "Allemagne" : "Germany", "DE"};
    s.lastIpAddress = "203.0.113.99";
    s.lastLocationData =
        vigie::LocationData{fr ? "Varsovie" : "Warsaw", std::nullopt, fr ? "Pologne" : "Poland", "PL"};
    s.createdAt = now - std::chrono::minutes(2);
    s.lastActivity = now;
    s.expiresAt = now + std::chrono::hours(24 * 30);
    s.isActive = true;
    s.flags = {vigie::session::kFlagNewCountry, vigie::session::kFlagNewDevice};
    vigie::AccountEvent e;
    e.event.id = "screenshot-login";
    e.event.action = "login";
    e.event.at = s.createdAt;
    e.event.targetSessionId = s.id;
    e.session = s;
    return e;
}

// The alert as a notification daemon draws it: application, title, text, then its actions.
QImage notificationCard(const vigie::client::Alert& alert, const QPalette& palette)
{
    QFrame card;
    card.setFrameShape(QFrame::StyledPanel);
    card.setAutoFillBackground(true);
    QPalette p = palette;
    p.setColor(QPalette::Window, palette.color(QPalette::Base));
    card.setPalette(p);
    auto* layout = new QVBoxLayout(&card);
    layout->setContentsMargins(14, 10, 14, 12);
    auto* app = new QLabel(QStringLiteral("Vigie"));
    app->setForegroundRole(QPalette::PlaceholderText);
    auto* title = new QLabel(alert.title);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    auto* body = new QLabel(alert.body);
    body->setWordWrap(true);
    body->setMinimumWidth(380);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(
        new QPushButton(QCoreApplication::translate("vigie::widgets::DesktopNotifier", "It was me")));
    buttons->addWidget(new QPushButton(
        QCoreApplication::translate("vigie::widgets::DesktopNotifier", "Not me – sign it out")));
    layout->addWidget(app);
    layout->addWidget(title);
    layout->addWidget(body);
    layout->addLayout(buttons);
    card.adjustSize();
    return card.grab().toImage();
}

// Draws image over base near its top right corner, framed.
void overlay(QImage& base, const QImage& image, const QPalette& palette, int top)
{
    QPainter p(&base);
    const QPoint at(base.width() - image.width() - 24, top);
    p.drawImage(at, image);
    QColor border = palette.color(QPalette::WindowText);
    border.setAlphaF(0.45);
    p.setPen(border);
    p.drawRect(QRect(at, image.size()).adjusted(-1, -1, 0, 0));
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    setUpApplication();
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(QStringLiteral("vigie-screenshots"));
    QSettings().clear();

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server URL."),
                                    QStringLiteral("url"));
    const QCommandLineOption email(QStringLiteral("email"), QStringLiteral("Demo user's email."),
                                   QStringLiteral("email"), QStringLiteral("demo@vigie.test"));
    const QCommandLineOption password(QStringLiteral("password"), QStringLiteral("Demo user's password."),
                                      QStringLiteral("password"));
    const QCommandLineOption supportEmail(QStringLiteral("support-email"), QStringLiteral("Support's email."),
                                          QStringLiteral("email"), QStringLiteral("support@vigie.test"));
    const QCommandLineOption supportPassword(QStringLiteral("support-password"),
                                             QStringLiteral("Support's password."),
                                             QStringLiteral("password"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("en or fr."), QStringLiteral("lang"),
                                  QStringLiteral("en"));
    const QCommandLineOption theme(QStringLiteral("theme"), QStringLiteral("light or dark."),
                                   QStringLiteral("theme"), QStringLiteral("light"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Output folder."),
                                 QStringLiteral("dir"), QStringLiteral("."));
    const QCommandLineOption width(QStringLiteral("width"), QStringLiteral("Window width."),
                                   QStringLiteral("px"), QStringLiteral("1180"));
    const QCommandLineOption height(QStringLiteral("height"), QStringLiteral("Window height."),
                                    QStringLiteral("px"), QStringLiteral("780"));
    const QCommandLineOption suffix(QStringLiteral("suffix"),
                                    QStringLiteral("Appended to the file names (\"-scale2\")."),
                                    QStringLiteral("text"));
    parser.addOptions(
        {server, email, password, supportEmail, supportPassword, lang, theme, out, width, height, suffix});
    parser.process(app);
    if (!parser.isSet(server) || !parser.isSet(password) || !parser.isSet(supportPassword))
        fail(QStringLiteral("--server, --password and --support-password are required"));

    const QString language = parser.value(lang);
    const QString scheme = parser.value(theme);
    installTranslations(language);
    applyColorScheme(scheme == QLatin1String("dark") ? ColorScheme::Dark : ColorScheme::Light);
    QDir().mkpath(parser.value(out));
    const auto path = [&](const QString& screen) {
        return QDir(parser.value(out))
            .filePath(QStringLiteral("%1-%2-%3%4.png").arg(screen, language, scheme, parser.value(suffix)));
    };

    MainWindow::Options options;
    options.serverUrl = parser.value(server);
    options.keychainService = QStringLiteral("vigie-screenshots");
    MainWindow window(options);
    window.resize(parser.value(width).toInt(), parser.value(height).toInt());
    window.show();
    window.start();
    settle();

    // 1. Sign-in, filled in.
    window.signInWidget()->setEmail(parser.value(email));
    window.signInWidget()
        ->findChild<QLineEdit*>(QStringLiteral("passwordEdit"))
        ->setText(parser.value(password));
    settle();
    save(window.grab().toImage(), path(QStringLiteral("signin")));

    // 2. The session list, with another session's details.
    if (!signIn(window, parser.value(email), parser.value(password)))
        fail(QStringLiteral("cannot sign in as %1").arg(parser.value(email)));
    auto* sessions = window.sessionsWidget();
    if (!waitUntil([&] { return !sessions->isLoading() && sessions->model()->rowCount() > 1; }))
        fail(QStringLiteral("the session list did not load"));
    auto* table = sessions->findChild<SessionTableView*>(QStringLiteral("sessionTable"));
    table->selectRow(2);
    table->setFocus();
    settle();
    save(window.grab().toImage(), path(QStringLiteral("sessions")));

    // 3. The password prompt over the window, as a window-modal dialog shows it.
    // The sentence SessionsWidget shows when revoking the selected session needs the password.
    const QString description = table->selectionModel()
                                    ->selectedRows(vigie::client::SessionListModel::ClientColumn)
                                    .value(0)
                                    .data()
                                    .toString();
    const QString message =
        QCoreApplication::translate("vigie::widgets::SessionsWidget",
                                    "For your security, enter the password of %1 again to sign out %2.")
            .arg(parser.value(email), description);
    auto* prompt = PasswordPromptDialog::ask(&window, window.account(), message, {});
    settle();
    save(overWindow(window, prompt), path(QStringLiteral("reauth")));
    prompt->reject();
    settle();

    // 4. The support view, as support staff looking up the demo user.
    window.signOut();
    if (!waitUntil([&] { return window.page() == MainWindow::Page::SignIn; }))
        fail(QStringLiteral("cannot sign out"));
    if (!signIn(window, parser.value(supportEmail), parser.value(supportPassword)))
        fail(QStringLiteral("cannot sign in as %1").arg(parser.value(supportEmail)));
    window.showSupportView();
    auto* support = window.supportWidget();
    support->findChild<QLineEdit*>(QStringLiteral("emailEdit"))->setText(parser.value(email));
    support->lookUp(parser.value(email));
    if (!waitUntil([&] { return !support->isLoading() && support->sessionModel()->rowCount() > 0; }))
        fail(QStringLiteral("the support look-up did not load"));
    support->findChild<SessionTableView*>(QStringLiteral("sessionTable"))->selectRow(0);
    settle();
    save(window.grab().toImage(), path(QStringLiteral("support")));

    // 5. The same account's audit trail.
    auto* results = support->findChild<QTabWidget*>(QStringLiteral("resultTabs"));
    results->setCurrentIndex(1);
    support->findChild<QTableView*>(QStringLiteral("auditTable"))->selectRow(0);
    settle();
    save(window.grab().toImage(), path(QStringLiteral("support-audit")));

    // 6. Support signs out the demo user's phone, with a reason; the user is told at next sign-in.
    std::optional<vigie::Session> phone;
    for (int row = 0; row < support->sessionModel()->rowCount() && !phone; ++row)
        if (const auto s = support->sessionModel()->session(row); s && s->deviceInfo.deviceType == "mobile")
            phone = s;
    if (!phone)
        fail(QStringLiteral("the demo user has no phone session"));
    bool revoked = false;
    auto* job = window.account()->adminRevokeSession(
        vigie::client::qs(support->user()->id), vigie::client::qs(phone->id),
        language == QLatin1String("fr") ? QStringLiteral("Téléphone déclaré perdu — ticket 4512")
                                        : QStringLiteral("Phone reported lost — ticket 4512"));
    QObject::connect(job, &vigie::client::AdminRevokeSessionJob::finished, [&] { revoked = true; });
    if (!waitUntil([&] { return revoked; }))
        fail(QStringLiteral("support could not sign out the phone"));
    window.signOut();
    if (!waitUntil([&] { return window.page() == MainWindow::Page::SignIn; }))
        fail(QStringLiteral("cannot sign out"));
    if (!signIn(window, parser.value(email), parser.value(password)))
        fail(QStringLiteral("cannot sign in as %1").arg(parser.value(email)));
    if (!waitUntil([&] { return !sessions->isLoading() && !sessions->supportNoticeText().isEmpty(); }))
        fail(QStringLiteral("the support notice did not show"));
    table->selectRow(0);
    settle();
    save(window.grab().toImage(), path(QStringLiteral("support-notice")));

    // 7. The user's own activity, where that sign-out reads as support's.
    QMetaObject::invokeMethod(sessions->findChild<QWidget*>(QStringLiteral("supportNoticeBanner"))
                                  ->findChild<QPushButton*>(QStringLiteral("bannerAction")),
                              "click");
    auto* activity = window.activityWidget()->findChild<QTableView*>(QStringLiteral("activityView"));
    if (!waitUntil([&] { return activity->isVisible() && activity->model()->rowCount() > 0; }))
        fail(QStringLiteral("the activity did not load"));
    activity->selectRow(0);
    settle();
    save(window.grab().toImage(), path(QStringLiteral("activity")));

    // 8. A sign-in from elsewhere: the notification (drawn as a desktop shows it), and the
    // window's alert banner with the same two answers.
    window.findChild<QTabWidget*>(QStringLiteral("tabs"))->setCurrentWidget(sessions);
    const vigie::AccountEvent elsewhere = flaggedSignIn(language);
    vigie::client::AccountAlerts alerts;
    const auto alert = alerts.alertFor(elsewhere);
    if (!alert)
        fail(QStringLiteral("no alert for a sign-in elsewhere"));
    sessions->applyEvent(elsewhere); // as the event stream adds it
    sessions->showAlert(*alert);
    table->selectRow(0);
    settle();
    QImage notified = window.grab().toImage();
    const QImage card = notificationCard(*alert, window.palette());
    overlay(notified, card, window.palette(), notified.height() - card.height() - 24);
    save(notified, path(QStringLiteral("alert")));

    // 9. The flagged row, its badges in words, and where it was last seen.
    sessions->findChild<QWidget*>(QStringLiteral("alertBanner"))->hide();
    const int flaggedRow = [&] {
        for (int row = 0; row < table->model()->rowCount(); ++row)
            if (table->model()
                    ->index(row, 0)
                    .data(vigie::client::SessionListModel::SessionIdRole)
                    .toString() == QString::fromStdString(elsewhere.session->id))
                return row;
        return -1;
    }();
    table->selectRow(flaggedRow);
    table->setFocus();
    settle();
    save(window.grab().toImage(), path(QStringLiteral("flagged")));

    // 10. The tray icon's menu.
    TrayIcon tray;
    tray.setWatching(parser.value(email));
    QMenu* menu = tray.menu();
    menu->setPalette(window.palette());
    menu->adjustSize();
    QImage withMenu = window.grab().toImage();
    overlay(withMenu, menu->grab().toImage(), window.palette(), 8);
    save(withMenu, path(QStringLiteral("tray")));

    // 11. Naming a device (API v1.1): one named already, the dialog open on another.
    window.showSessionsView();
    if (!waitUntil([&] { return window.account()->supports(vigie::feature::kSessionNames); }))
        fail(QStringLiteral("the server does not offer session names"));
    const bool french = language == QLatin1String("fr");
    std::optional<vigie::Session> laptop;
    std::optional<vigie::Session> other;
    for (int row = 1; row < sessions->model()->rowCount(); ++row) {
        auto s = sessions->model()->session(row);
        if (s && s->id == elsewhere.session->id)
            s.reset(); // the sign-in drawn for the alert exists only in this window, not on the server
        if (s && s->deviceInfo.deviceType == "desktop" && !laptop)
            laptop = s;
        else if (s && !other)
            other = s;
    }
    if (!laptop || !other)
        fail(QStringLiteral("the demo user has too few sessions"));
    bool named = false;
    auto* rename = window.account()->renameSession(vigie::client::qs(laptop->id),
                                                   french ? QStringLiteral("Portable du travail")
                                                          : QStringLiteral("Work laptop"));
    QObject::connect(rename, &vigie::client::RenameSessionJob::finished, [&](const vigie::Session& s) {
        sessions->model()->updateSession(s);
        named = true;
    });
    if (!waitUntil([&] { return named; }))
        fail(QStringLiteral("cannot name a session"));
    table->selectSession(vigie::client::qs(other->id));
    table->setFocus();
    sessions->requestRename(vigie::client::qs(other->id));
    auto* renameDialog = window.findChild<RenameSessionDialog*>(QStringLiteral("renameSessionDialog"));
    if (!renameDialog)
        fail(QStringLiteral("the rename dialog did not open"));
    renameDialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))
        ->setText(french ? QStringLiteral("Tablette du salon") : QStringLiteral("Living room tablet"));
    settle();
    save(overWindow(window, renameDialog), path(QStringLiteral("rename")));
    renameDialog->reject();

    // 12. Account security: how soon idle sessions end, and the password.
    auto* security = window.showAccountSecurity();
    if (!security)
        fail(QStringLiteral("the server does not offer account security"));
    auto* idleCombo = security->findChild<QComboBox*>(QStringLiteral("idleTimeoutCombo"));
    if (!waitUntil([&] { return idleCombo->isEnabled(); }))
        fail(QStringLiteral("the settings did not load"));
    settle();
    save(overWindow(window, security), path(QStringLiteral("security")));
    security->reject();
    settle();

    // 13. "Not me" on the named laptop: the confirmation, then (once it is signed out) the offer
    // to change the password, which is declined, then the sessions that remain.
    table->selectSession(vigie::client::qs(laptop->id));
    QImage notMe;
    int boxes = 0;
    QTimer answer;
    answer.setInterval(300);
    QObject::connect(&answer, &QTimer::timeout, [&] {
        QWidget* box = visibleMessageBox();
        if (!box)
            return;
        ++boxes;
        if (boxes == 1) {
            save(overWindow(window, box), path(QStringLiteral("notme")));
            box->findChild<QPushButton*>(QStringLiteral("confirmButton"))->click();
        } else {
            save(overWindow(window, box), path(QStringLiteral("notme-password")));
            answer.stop();
            QMetaObject::invokeMethod(box, "reject");
        }
    });
    answer.start();
    if (!window.startNotMeFlow(vigie::client::qs(laptop->id)))
        fail(QStringLiteral("the Not me flow did not start"));
    if (!waitUntil([&] { return boxes == 2 && !sessions->isLoading() && !sessions->statusText().isEmpty(); }))
        fail(QStringLiteral("the Not me flow did not end"));
    answer.stop();
    table->selectRow(0);
    settle();
    save(window.grab().toImage(), path(QStringLiteral("notme-review")));

    window.signOut();
    waitUntil([&] { return window.page() == MainWindow::Page::SignIn; }, 5000);
    return 0;
}
