#pragma once

#include <QStyledItemDelegate>

namespace vigie::widgets {

// Paints the sessions tables' cells as usual, then their badges in words after the text
// (SessionTableProxyModel::BadgesRole): "This device" in the palette's highlight colours, an
// unusual sign-in ("New device", "New country") in the tooltip colours with a border, so that
// neither relies on colour alone.
class SessionItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    static QStringList badges(const QModelIndex& index);
    static QFont badgeFont(const QFont& base);
    static QSize badgeSize(const QFont& base, const QString& text);
    static int badgesWidth(const QFont& base, const QStringList& texts);
};

} // namespace vigie::widgets
