#include "client/SessionFilterProxyModel.h"

#include "client/SessionListModel.h"

namespace vigie::client {

SessionFilterProxyModel::SessionFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(SessionListModel::SortRole);
    setSortLocaleAware(true);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void SessionFilterProxyModel::setFilterText(const QString& text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool SessionFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString haystack =
        sourceModel()->index(sourceRow, 0, sourceParent).data(SessionListModel::SearchTextRole).toString();
    for (const QString& word : m_words)
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    return true;
}

bool SessionFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const bool leftCurrent = left.data(SessionListModel::IsCurrentRole).toBool();
    const bool rightCurrent = right.data(SessionListModel::IsCurrentRole).toBool();
    if (leftCurrent != rightCurrent) {
        // A descending sort reverses lessThan's answer; answer so that current ends up first.
        return sortOrder() == Qt::AscendingOrder ? leftCurrent : rightCurrent;
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace vigie::client
