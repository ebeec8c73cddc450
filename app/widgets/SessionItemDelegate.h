#pragma once

#include <QStyledItemDelegate>

namespace vigie::widgets {

// Paints the sessions tables' cells as usual, and the "This device" badge after the device of
// the current session, in the palette's highlight colours.
class SessionItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    static bool hasBadge(const QModelIndex& index);
    static QFont badgeFont(const QFont& base);
    static QSize badgeSize(const QFont& base);
};

} // namespace vigie::widgets
