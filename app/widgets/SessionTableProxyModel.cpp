#include "widgets/SessionTableProxyModel.h"

#include "client/SessionListModel.h"
#include "widgets/Icons.h"

#include <QFont>

namespace vigie::widgets {

using vigie::client::SessionListModel;

SessionTableProxyModel::SessionTableProxyModel(QObject* parent) : SessionFilterProxyModel(parent) {}

QString SessionTableProxyModel::thisDeviceText()
{
    return tr("This device");
}

QVariant SessionTableProxyModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return SessionFilterProxyModel::data(index, role);
    switch (role) {
    case Qt::DecorationRole:
        if (index.column() == SessionListModel::DeviceColumn) {
            const QString type = index.data(SessionListModel::DeviceTypeRole).toString();
            auto it = m_icons.find(type);
            if (it == m_icons.end())
                it = m_icons.insert(type, Icons::deviceIcon(type));
            return *it;
        }
        break;
    case Qt::FontRole:
        if (index.data(SessionListModel::IsCurrentRole).toBool()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        break;
    case Qt::AccessibleTextRole:
        if (index.column() == SessionListModel::DeviceColumn &&
            index.data(SessionListModel::IsCurrentRole).toBool())
            return tr("%1, this device").arg(index.data(Qt::DisplayRole).toString());
        return index.data(Qt::DisplayRole);
    case Qt::ToolTipRole:
        if (index.column() == SessionListModel::DeviceColumn &&
            index.data(SessionListModel::IsCurrentRole).toBool())
            return tr("%1 — this is the device you are using now")
                .arg(index.data(Qt::DisplayRole).toString());
        break;
    default:
        break;
    }
    return SessionFilterProxyModel::data(index, role);
}

} // namespace vigie::widgets
