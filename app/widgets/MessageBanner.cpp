#include "widgets/MessageBanner.h"

#include "widgets/Icons.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QStyle>

namespace vigie::widgets {

namespace {

QColor mix(const QColor& a, const QColor& b, qreal amountOfB)
{
    return QColor::fromRgbF(a.redF() * (1 - amountOfB) + b.redF() * amountOfB,
                            a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB,
                            a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB);
}

// The mnemonic marker is for the eye, not for a screen reader: "&Retry" is read "Retry".
void setButton(QPushButton* button, const QString& text)
{
    button->setText(text);
    button->setAccessibleName(QString(text)
                                  .replace(QLatin1String("&&"), QLatin1String("\x01"))
                                  .remove(QLatin1Char('&'))
                                  .replace(QLatin1Char('\x01'), QLatin1Char('&')));
    button->setVisible(!text.isEmpty());
}

// What a screen reader is told the banner is: a warning or an error is an alert (AT-SPI
// "alert", UIA/MSAA alert), which Orca and NVDA read out as soon as it shows, wherever the
// focus is; information is a plain panel, read when the reader gets to it.
class BannerAccessible final : public QAccessibleWidget
{
public:
    explicit BannerAccessible(MessageBanner* banner) : QAccessibleWidget(banner, QAccessible::Pane) {}
    QAccessible::Role role() const override
    {
        return static_cast<const MessageBanner*>(widget())->kind() == MessageBanner::Kind::Information
                   ? QAccessible::Pane
                   : QAccessible::AlertMessage;
    }
};

QAccessibleInterface* bannerAccessible(const QString& className, QObject* object)
{
    if (className == QLatin1String(MessageBanner::staticMetaObject.className()))
        return new BannerAccessible(static_cast<MessageBanner*>(object));
    return nullptr;
}

} // namespace

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent), m_icon(new QLabel(this)), m_text(new QLabel(this)), m_action(new QPushButton(this)),
      m_secondary(new QPushButton(this))
{
    [[maybe_unused]] static const bool factoryInstalled = [] {
        QAccessible::installFactory(bannerAccessible);
        return true;
    }();
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_action->setObjectName(QStringLiteral("bannerAction"));
    m_action->hide();
    connect(m_action, &QPushButton::clicked, this, &MessageBanner::actionTriggered);
    m_secondary->setObjectName(QStringLiteral("bannerSecondaryAction"));
    m_secondary->hide();
    connect(m_secondary, &QPushButton::clicked, this, &MessageBanner::secondaryActionTriggered);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(10);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_secondary, 0, Qt::AlignVCenter);
    layout->addWidget(m_action, 0, Qt::AlignVCenter);
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString& text, const QString& actionText,
                                const QString& secondaryText)
{
    const bool news = kind != m_kind || text != m_text->text();
    m_kind = kind;
    m_text->setText(text);
    setButton(m_action, actionText);
    setButton(m_secondary, secondaryText);
    switch (kind) {
    case Kind::Information:
        setAccessibleName(tr("Information"));
        break;
    case Kind::Warning:
        setAccessibleName(tr("Warning"));
        break;
    case Kind::Error:
        setAccessibleName(tr("Error"));
        break;
    }
    setAccessibleDescription(text);
    updateIcon();
    const bool wasVisible = isVisible();
    const bool alert = kind != Kind::Information;
    // A screen reader announces an alert as it shows (AT-SPI "showing"): a new one replacing
    // another shows anew, unless the keyboard is on the banner (hiding would move the focus).
    if (wasVisible && news && alert && !isAncestorOf(QApplication::focusWidget()))
        hide();
    show();
    update();
    if ((!wasVisible || news) && alert) {
        QAccessibleEvent event(this, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}

void MessageBanner::setText(const QString& text)
{
    m_text->setText(text);
    setAccessibleDescription(text);
}

QString MessageBanner::text() const
{
    return m_text->text();
}

void MessageBanner::updateIcon()
{
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(
        Icons::icon(m_kind == Kind::Information ? QStringLiteral("info") : QStringLiteral("warning"))
            .pixmap(QSize(size, size), devicePixelRatioF()));
}

void MessageBanner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateIcon();
}

void MessageBanner::paintEvent(QPaintEvent*)
{
    // A tint of the window colour: light in a light theme, dark in a dark one.
    const QColor base = palette().color(QPalette::Window);
    QColor accent;
    switch (m_kind) {
    case Kind::Information:
        accent = palette().color(QPalette::Highlight);
        break;
    case Kind::Warning:
        accent = QColor(0xd9, 0x8c, 0x00);
        break;
    case Kind::Error:
        accent = QColor(0xd0, 0x30, 0x30);
        break;
    }
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(mix(base, accent, 0.55), 1));
    p.setBrush(mix(base, accent, 0.16));
    p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
}

} // namespace vigie::widgets
