#include "widgets/SessionDetailsWidget.h"

#include "client/ClientTypes.h"
#include "client/SessionDisplay.h"
#include "ui_SessionDetailsWidget.h"
#include "widgets/Icons.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QStyle>

namespace vigie::widgets {

using vigie::client::qs;
using vigie::client::SessionDisplay;
using vigie::client::toDateTime;

namespace {

QString joined(const QStringList& parts, const QString& separator)
{
    QStringList kept;
    for (const QString& part : parts)
        if (!part.isEmpty())
            kept.append(part);
    return kept.join(separator);
}

// "25 Nov 2026 at 10:42": shorter than QLocale's long format (which would wrap in the pane),
// unambiguous unlike its short one; the long one is the tooltip.
QString mediumDateTime(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    const QLocale locale;
    const QDateTime local = time.toLocalTime();
    return SessionDetailsWidget::tr("%1 at %2", "date at time")
        .arg(locale.toString(local.date(), QStringLiteral("d MMM yyyy")),
             locale.toString(local.time(), QLocale::ShortFormat));
}

} // namespace

SessionDetailsWidget::SessionDetailsWidget(QWidget* parent)
    : QWidget(parent), m_ui(new ::Ui::SessionDetailsWidget)
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.2);
    m_ui->titleLabel->setFont(title);
    m_ui->thisDeviceLabel->setAutoFillBackground(true);
    m_ui->thisDeviceLabel->setBackgroundRole(QPalette::Highlight);
    m_ui->thisDeviceLabel->setForegroundRole(QPalette::HighlightedText);
    m_ui->thisDeviceLabel->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_ui->emptyLabel->setForegroundRole(QPalette::PlaceholderText);
    m_ui->copyButton->setIcon(Icons::icon(QStringLiteral("copy")));
    m_ui->revokeButton->setIcon(Icons::icon(QStringLiteral("revoke")));
    m_ui->userAgentEdit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    // Two lines show a whole User-Agent on most screens; it scrolls beyond.
    m_ui->userAgentEdit->setFixedHeight(m_ui->userAgentEdit->fontMetrics().lineSpacing() * 2 +
                                        2 * m_ui->userAgentEdit->frameWidth() + 10);
    m_ui->userAgentEdit->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    // Each caption labels its value, so that a screen reader says "IP address, 203.0.113.7":
    // the values keep their own text as their accessible name.
    const std::pair<QLabel*, QLabel*> captions[] = {
        {m_ui->deviceCaption, m_ui->deviceValue},
        {m_ui->browserCaption, m_ui->browserValue},
        {m_ui->osCaption, m_ui->osValue},
        {m_ui->ipCaption, m_ui->ipValue},
        {m_ui->locationCaption, m_ui->locationValue},
        {m_ui->lastActivityCaption, m_ui->lastActivityValue},
        {m_ui->signedInCaption, m_ui->signedInValue},
        {m_ui->expiresCaption, m_ui->expiresValue},
        {m_ui->sessionIdCaption, m_ui->sessionIdValue},
        {m_ui->lastSeenCaption, m_ui->lastSeenValue},
        {m_ui->flagsCaption, m_ui->flagsValue},
    };
    for (const auto& [caption, value] : captions)
        caption->setBuddy(value);
    connect(m_ui->copyButton, &QPushButton::clicked, this, &SessionDetailsWidget::copyToClipboard);
    connect(m_ui->revokeButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            Q_EMIT revokeRequested(sessionId());
    });
    connect(m_ui->renameButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            Q_EMIT renameRequested(sessionId());
    });
    connect(m_ui->notMeButton, &QPushButton::clicked, this, [this] {
        if (m_session)
            Q_EMIT notMeRequested(sessionId());
    });
    setSession(std::nullopt);
    updateOwnerButtons();
}

SessionDetailsWidget::~SessionDetailsWidget() = default;

QString SessionDetailsWidget::sessionId() const
{
    return m_session ? qs(m_session->id).toLower() : QString();
}

void SessionDetailsWidget::setRevokeVisible(bool visible)
{
    m_ui->revokeButton->setVisible(visible);
}

void SessionDetailsWidget::setRevokeEnabled(bool enabled)
{
    m_ui->revokeButton->setEnabled(enabled);
    m_ui->notMeButton->setEnabled(enabled);
}

void SessionDetailsWidget::setRenameVisible(bool visible)
{
    m_renameVisible = visible;
    updateOwnerButtons();
}

void SessionDetailsWidget::setNotMeVisible(bool visible)
{
    m_notMeVisible = visible;
    updateOwnerButtons();
}

void SessionDetailsWidget::updateOwnerButtons()
{
    m_ui->renameButton->setVisible(m_renameVisible);
    m_ui->notMeButton->setVisible(m_notMeVisible && m_session && !m_session->isCurrent);
}

void SessionDetailsWidget::setSession(const std::optional<vigie::Session>& session)
{
    m_session = session;
    if (!session) {
        m_ui->stack->setCurrentWidget(m_ui->emptyPage);
        return;
    }
    const vigie::Session& s = *session;
    const vigie::DeviceInfo& d = s.deviceInfo;
    m_ui->titleLabel->setText(SessionDisplay::sessionDescription(s));
    m_ui->thisDeviceLabel->setVisible(s.isCurrent);
    const QString deviceType = SessionDisplay::deviceTypeLabel(qs(d.deviceType));
    const QString device = SessionDisplay::deviceDescription(d);
    m_ui->deviceValue->setText(device == deviceType ? device
                                                    : tr("%1 (%2)", "device (type)").arg(device, deviceType));
    const QString browser = d.browser ? SessionDisplay::friendlyBrowserName(qs(d.browser)) : QString();
    m_ui->browserValue->setText(
        browser.isEmpty() ? tr("Unknown") : joined({browser, qs(d.browserVersion)}, QStringLiteral(" ")));
    const QString os = d.os ? SessionDisplay::friendlyOsName(qs(d.os)) : QString();
    m_ui->osValue->setText(os.isEmpty() ? tr("Unknown") : joined({os, qs(d.osVersion)}, QStringLiteral(" ")));
    m_ui->ipValue->setText(s.ipAddress ? qs(s.ipAddress) : tr("Unknown"));

    QString place = SessionDisplay::locationDescription(s);
    if (s.locationData) {
        const vigie::LocationData& l = *s.locationData;
        const QString detailed = joined({qs(l.city), qs(l.region), qs(l.country)}, QStringLiteral(", ")) +
                                 (l.countryCode ? QStringLiteral(" (%1)").arg(qs(l.countryCode)) : QString());
        if (!detailed.trimmed().isEmpty())
            place = detailed.trimmed();
    }
    m_ui->locationValue->setText(place);
    // v1.1: shown only when they say something (another address; an unusual sign-in).
    const QString lastSeen = SessionDisplay::lastSeenDescription(s);
    m_ui->lastSeenValue->setText(lastSeen);
    m_ui->lastSeenCaption->setVisible(!lastSeen.isEmpty());
    m_ui->lastSeenValue->setVisible(!lastSeen.isEmpty());
    const QString flags = SessionDisplay::flagLabels(s).join(tr(", ", "between flags"));
    m_ui->flagsValue->setText(flags);
    m_ui->flagsCaption->setVisible(!flags.isEmpty());
    m_ui->flagsValue->setVisible(!flags.isEmpty());
    m_ui->signedInValue->setText(mediumDateTime(toDateTime(s.createdAt)));
    m_ui->signedInValue->setToolTip(SessionDisplay::exactTime(toDateTime(s.createdAt)));
    m_ui->expiresValue->setText(mediumDateTime(toDateTime(s.expiresAt)));
    m_ui->expiresValue->setToolTip(SessionDisplay::exactTime(toDateTime(s.expiresAt)));
    m_ui->sessionIdValue->setText(qs(s.id));
    m_ui->userAgentEdit->setPlainText(d.userAgent.empty() ? tr("(none sent)") : qs(d.userAgent));
    m_ui->revokeButton->setText(s.isCurrent ? tr("Sign &out this device") : tr("Sign &out this session"));
    m_ui->revokeButton->setAccessibleName(s.isCurrent ? tr("Sign out this device")
                                                      : tr("Sign out this session"));
    refreshTimes();
    updateIcon();
    updateOwnerButtons();
    m_ui->stack->setCurrentWidget(m_ui->detailsPage);
}

int SessionDetailsWidget::preferredHeight() const
{
    const QWidget* contents = m_ui->scrollContents;
    const int width = m_ui->scrollArea->viewport()->width();
    const int fields = contents->hasHeightForWidth() && width > 0 ? contents->heightForWidth(width)
                                                                  : contents->sizeHint().height();
    const int buttons = m_ui->copyButton->sizeHint().height();
    return fields + qMax(0, m_ui->detailsLayout->spacing()) + buttons + 12;
}

void SessionDetailsWidget::refreshTimes()
{
    if (!m_session)
        return;
    const QDateTime last = toDateTime(m_session->lastActivity);
    m_ui->lastActivityValue->setText(
        tr("%1 (%2)", "relative time (date and time)")
            .arg(SessionDisplay::relativeTime(last, QDateTime::currentDateTimeUtc()), mediumDateTime(last)));
    m_ui->lastActivityValue->setToolTip(SessionDisplay::exactTime(last));
}

void SessionDetailsWidget::updateIcon()
{
    if (!m_session)
        return;
    const int size = style()->pixelMetric(QStyle::PM_LargeIconSize, nullptr, this);
    m_ui->iconLabel->setPixmap(Icons::deviceIcon(qs(m_session->deviceInfo.deviceType))
                                   .pixmap(QSize(size, size), devicePixelRatioF()));
    m_ui->iconLabel->setAccessibleName(SessionDisplay::deviceTypeLabel(qs(m_session->deviceInfo.deviceType)));
}

void SessionDetailsWidget::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateIcon();
}

QString SessionDetailsWidget::detailsText() const
{
    if (!m_session)
        return {};
    const auto line = [](const QString& caption, const QString& value) {
        return tr("%1: %2", "caption: value").arg(caption, value);
    };
    QStringList lines{m_ui->titleLabel->text()};
    if (m_session->isCurrent)
        lines.append(tr("This device"));
    lines << line(tr("Device"), m_ui->deviceValue->text())
          << line(tr("Browser or app"), m_ui->browserValue->text())
          << line(tr("Operating system"), m_ui->osValue->text())
          << line(tr("IP address"), m_ui->ipValue->text())
          << line(tr("Location"), m_ui->locationValue->text());
    if (!m_ui->lastSeenValue->text().isEmpty())
        lines << line(tr("Last seen from"), m_ui->lastSeenValue->text());
    if (!m_ui->flagsValue->text().isEmpty())
        lines << line(tr("Unusual sign-in"), m_ui->flagsValue->text());
    lines << line(tr("Last activity"), m_ui->lastActivityValue->text())
          << line(tr("Signed in"), m_ui->signedInValue->text())
          << line(tr("Expires"), m_ui->expiresValue->text())
          << line(tr("Session ID"), m_ui->sessionIdValue->text())
          << line(tr("User-Agent"), qs(m_session->deviceInfo.userAgent));
    return lines.join(QLatin1Char('\n'));
}

void SessionDetailsWidget::copyToClipboard() const
{
    if (m_session)
        QGuiApplication::clipboard()->setText(detailsText());
}

} // namespace vigie::widgets
