#include "widgets/Icons.h"

#include <QAction>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QPalette>
#include <QSvgRenderer>
#include <memory>

namespace vigie::widgets {

namespace {

// Renders an SVG drawn in black and fills what it covers with a palette colour chosen when it
// is painted, so that a palette change (light ↔ dark) needs no new icons.
class TintedSvgIconEngine final : public QIconEngine
{
public:
    explicit TintedSvgIconEngine(QString path) : m_path(std::move(path)) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QImage image = render(rect.size(), mode, state, dpr);
        painter->drawImage(rect, image);
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return QPixmap::fromImage(render(size, mode, state, 1.0));
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return QPixmap::fromImage(render(size, mode, state, scale));
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }
    QIconEngine* clone() const override { return new TintedSvgIconEngine(m_path); }
    QString key() const override { return QStringLiteral("VigieTintedSvg"); }
    bool isNull() override { return m_path.isEmpty(); }

private:
    QImage render(const QSize& size, QIcon::Mode mode, QIcon::State, qreal dpr)
    {
        const QColor color = colorFor(mode);
        const QString key = QStringLiteral("%1x%2@%3#%4")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(dpr)
                                .arg(color.rgba(), 0, 16);
        // Table rows paint the same few icons over and over: keep the last renderings.
        if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
            return *it;
        QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        if (image.isNull())
            return image;
        if (!m_renderer)
            m_renderer = std::make_unique<QSvgRenderer>(m_path);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        // Keep the drawing square and centred in a wider or taller rectangle.
        const qreal side = qMin(image.width(), image.height());
        m_renderer->render(&p, QRectF((image.width() - side) / 2, (image.height() - side) / 2, side, side));
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(image.rect(), color);
        p.end();
        image.setDevicePixelRatio(dpr);
        if (m_cache.size() >= 16)
            m_cache.clear();
        m_cache.insert(key, image);
        return image;
    }

    static QColor colorFor(QIcon::Mode mode)
    {
        const QPalette palette = QGuiApplication::palette();
        switch (mode) {
        case QIcon::Disabled:
            return palette.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected:
            return palette.color(QPalette::Active, QPalette::HighlightedText);
        default:
            return palette.color(QPalette::Active, QPalette::WindowText);
        }
    }

    QString m_path;
    std::unique_ptr<QSvgRenderer> m_renderer;
    QHash<QString, QImage> m_cache;
};

} // namespace

QIcon Icons::icon(const QString& name)
{
    return QIcon(new TintedSvgIconEngine(QStringLiteral(":/icons/%1.svg").arg(name)));
}

QIcon Icons::deviceIcon(const QString& deviceType)
{
    static const QStringList known{QStringLiteral("desktop"), QStringLiteral("mobile"),
                                   QStringLiteral("tablet"), QStringLiteral("app"), QStringLiteral("bot")};
    return icon(QStringLiteral("device-") +
                (known.contains(deviceType) ? deviceType : QStringLiteral("unknown")));
}

QIcon Icons::appIcon()
{
    return QIcon(QStringLiteral(":/icons/vigie.svg"));
}

void Icons::decorateField(QLineEdit* edit, bool search)
{
    if (search) {
        QAction* icon = edit->addAction(Icons::icon(QStringLiteral("search")), QLineEdit::LeadingPosition);
        icon->setText(QCoreApplication::translate("vigie::widgets::Icons", "Search"));
        icon->setToolTip(edit->placeholderText());
    }
    // Qt's clear button has an icon and no text.
    const auto actions = edit->findChildren<QAction*>(QStringLiteral("_q_qlineeditclearaction"));
    for (QAction* clear : actions) {
        clear->setText(QCoreApplication::translate("vigie::widgets::Icons", "Clear"));
        clear->setToolTip(clear->text());
    }
}

} // namespace vigie::widgets
