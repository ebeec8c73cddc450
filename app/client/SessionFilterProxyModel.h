#pragma once

#include <QSortFilterProxyModel>

namespace vigie::client {

// Sorts and filters a SessionListModel for display. Whatever the column and order, the current
// session stays first. The filter keeps the rows that contain every word typed, in the device,
// browser, place, IP address or User-Agent, ignoring case.
class SessionFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SessionFilterProxyModel(QObject* parent = nullptr);

    QString filterText() const { return m_filterText; }
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_filterText;
    QStringList m_words;
};

} // namespace vigie::client
