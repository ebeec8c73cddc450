#include "widgets/SessionItemDelegate.h"

#include "client/SessionListModel.h"
#include "widgets/SessionTableProxyModel.h"

#include <QApplication>
#include <QPainter>

namespace vigie::widgets {

namespace {

constexpr int kBadgeSpacing = 8;
constexpr int kBadgePaddingX = 7;
constexpr int kBadgePaddingY = 1;

} // namespace

QStringList SessionItemDelegate::badges(const QModelIndex& index)
{
    return index.data(SessionTableProxyModel::BadgesRole).toStringList();
}

QFont SessionItemDelegate::badgeFont(const QFont& base)
{
    QFont font = base;
    font.setBold(true);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 0.85);
    else
        font.setPixelSize(qMax(8, font.pixelSize() * 85 / 100));
    return font;
}

QSize SessionItemDelegate::badgeSize(const QFont& base, const QString& text)
{
    const QFontMetrics metrics(badgeFont(base));
    return {metrics.horizontalAdvance(text) + 2 * kBadgePaddingX, metrics.height() + 2 * kBadgePaddingY};
}

int SessionItemDelegate::badgesWidth(const QFont& base, const QStringList& texts)
{
    int width = 0;
    for (const QString& text : texts)
        width += kBadgeSpacing + badgeSize(base, text).width();
    return width;
}

QSize SessionItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QStringList texts = badges(index);
    if (!texts.isEmpty()) {
        size.rwidth() += badgesWidth(option.font, texts);
        size.setHeight(qMax(size.height(), badgeSize(option.font, texts.first()).height() + 4));
    }
    return size;
}

void SessionItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    const QStringList texts = badges(index);
    if (texts.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();

    // Leave room for the badges: the text is elided before them, never under them.
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const QFontMetrics metrics(opt.font);
    const int available = qMax(0, textRect.width() - badgesWidth(option.font, texts) - 4);
    const QString text = metrics.elidedText(opt.text, opt.textElideMode, available);
    opt.text = text;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Enabled
            ? (option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive)
            : QPalette::Disabled;
    int left = textRect.left() + metrics.horizontalAdvance(text) + 2;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setFont(badgeFont(option.font));
    for (const QString& badgeText : texts) {
        const QSize badge = badgeSize(option.font, badgeText);
        left += kBadgeSpacing;
        if (left + badge.width() > option.rect.right())
            break;
        const QRect pill(left, option.rect.top() + (option.rect.height() - badge.height()) / 2, badge.width(),
                         badge.height());
        left += badge.width();
        QColor fill;
        QColor ink;
        QPen border = Qt::NoPen;
        if (badgeText == SessionTableProxyModel::thisDeviceText()) {
            // On a selected row the highlight is the background: swap the colours to keep contrast.
            fill = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Highlight);
            ink = option.palette.color(group, selected ? QPalette::Highlight : QPalette::HighlightedText);
        } else {
            fill = option.palette.color(group, QPalette::ToolTipBase);
            ink = option.palette.color(group, QPalette::ToolTipText);
            border = QPen(ink, 1);
        }
        painter->setPen(border);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(pill).adjusted(0.5, 0.5, -0.5, -0.5), pill.height() / 2.0,
                                 pill.height() / 2.0);
        painter->setPen(ink);
        painter->drawText(pill, Qt::AlignCenter, badgeText);
    }
    painter->restore();
}

} // namespace vigie::widgets
