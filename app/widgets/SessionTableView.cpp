#include "widgets/SessionTableView.h"

#include "client/SessionListModel.h"
#include "widgets/SessionItemDelegate.h"
#include "widgets/SessionTableProxyModel.h"
#include "widgets/TableSizing.h"

#include <QHeaderView>

namespace vigie::widgets {

using vigie::client::SessionListModel;

SessionTableView::SessionTableView(QWidget* parent)
    : QTableView(parent), m_proxy(new SessionTableProxyModel(this))
{
    setItemDelegate(new SessionItemDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setShowGrid(false);
    setWordWrap(false);
    setTabKeyNavigation(false);
    setCornerButtonEnabled(false);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
}

void SessionTableView::setSessionModel(SessionListModel* model)
{
    m_sessions = model;
    m_proxy->setSourceModel(model);
    setModel(m_proxy);
    const int rowHeight = qMax(fontMetrics().height() + 12, iconSize().height() + 8);
    verticalHeader()->setDefaultSectionSize(qMax(rowHeight, 28));
    setIconSize(QSize(20, 20));
    // Most recently active first; the current session stays on top whatever the order.
    horizontalHeader()->setSortIndicator(SessionListModel::LastActivityColumn, Qt::DescendingOrder);
    setSortingEnabled(true);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QString id = selectedSessionId();
        if (id == m_lastSelected)
            return;
        m_lastSelected = id;
        Q_EMIT selectedSessionChanged(id);
    });
    // A removed or replaced row changes the selection without selectionChanged.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        const QString id = selectedSessionId();
        if (id != m_lastSelected) {
            m_lastSelected = id;
            Q_EMIT selectedSessionChanged(id);
        }
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_lastSelected.clear();
        Q_EMIT selectedSessionChanged({});
    });
}

void SessionTableView::fitColumns()
{
    if (!model())
        return;
    // The device with its "This device" badge, and the browser or app, stay whole ("Vigie 0.1.0 on
    // Debian GNU/Linux", "Samsung Internet 25 sur Android"); places and dates give way.
    fitColumnsToView(this, {SessionListModel::DeviceColumn, SessionListModel::ClientColumn});
}

QString SessionTableView::selectedSessionId() const
{
    if (!selectionModel())
        return {};
    const QModelIndexList rows = selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SessionListModel::SessionIdRole).toString();
}

std::optional<vigie::Session> SessionTableView::selectedSession() const
{
    if (!selectionModel())
        return std::nullopt;
    const QModelIndexList rows = selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first().data(SessionListModel::SessionRole).value<vigie::Session>();
}

bool SessionTableView::selectSession(const QString& sessionId)
{
    if (!m_sessions)
        return false;
    const int sourceRow = m_sessions->rowOf(sessionId);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_sessions->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

} // namespace vigie::widgets
