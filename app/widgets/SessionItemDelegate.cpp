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

bool SessionItemDelegate::hasBadge(const QModelIndex& index)
{
    return index.column() == vigie::client::SessionListModel::DeviceColumn &&
           index.data(vigie::client::SessionListModel::IsCurrentRole).toBool();
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

QSize SessionItemDelegate::badgeSize(const QFont& base)
{
    const QFontMetrics metrics(badgeFont(base));
    return {metrics.horizontalAdvance(SessionTableProxyModel::thisDeviceText()) + 2 * kBadgePaddingX,
            metrics.height() + 2 * kBadgePaddingY};
}

QSize SessionItemDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (hasBadge(index)) {
        const QSize badge = badgeSize(option.font);
        size.rwidth() += kBadgeSpacing + badge.width();
        size.setHeight(qMax(size.height(), badge.height() + 4));
    }
    return size;
}

void SessionItemDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                const QModelIndex& index) const
{
    if (!hasBadge(index)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();

    // Leave room for the badge: the device name is elided before it, never under it.
    const QSize badge = badgeSize(option.font);
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    const QFontMetrics metrics(opt.font);
    const int available = qMax(0, textRect.width() - badge.width() - kBadgeSpacing - 4);
    const QString text = metrics.elidedText(opt.text, opt.textElideMode, available);
    opt.text = text;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const int left = textRect.left() + metrics.horizontalAdvance(text) + kBadgeSpacing + 2;
    if (left + badge.width() > option.rect.right())
        return;
    const QRect pill(left, option.rect.top() + (option.rect.height() - badge.height()) / 2, badge.width(),
                     badge.height());
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Enabled
            ? (option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive)
            : QPalette::Disabled;
    // On a selected row the highlight is the background: swap the colours to keep contrast.
    const QColor fill =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Highlight);
    const QColor ink =
        option.palette.color(group, selected ? QPalette::Highlight : QPalette::HighlightedText);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(pill), pill.height() / 2.0, pill.height() / 2.0);
    painter->setPen(ink);
    painter->setFont(badgeFont(option.font));
    painter->drawText(pill, Qt::AlignCenter, SessionTableProxyModel::thisDeviceText());
    painter->restore();
}

} // namespace vigie::widgets
