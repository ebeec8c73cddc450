#include "widgets/SessionTableProxyModel.h"

#include "client/SessionDisplay.h"
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
    case BadgesRole: {
        QStringList badges;
        const bool device = index.column() == SessionListModel::DeviceColumn;
        if (device && index.data(SessionListModel::IsCurrentRole).toBool())
            badges.append(thisDeviceText());
        // The device's badge on the device, the country's on the place.
        const char* flag = device ? vigie::session::kFlagNewDevice
                           : index.column() == SessionListModel::LocationColumn
                               ? vigie::session::kFlagNewCountry
                               : nullptr;
        const auto session = index.data(SessionListModel::SessionRole).value<vigie::Session>();
        if (flag && vigie::client::SessionDisplay::showsFlag(session, flag))
            badges.append(vigie::client::SessionDisplay::flagLabel(flag));
        return badges;
    }
    case Qt::AccessibleTextRole: {
        QString text = index.data(Qt::DisplayRole).toString();
        if (index.column() == SessionListModel::DeviceColumn &&
            index.data(SessionListModel::IsCurrentRole).toBool())
            text = tr("%1, this device").arg(text);
        // The unusual-sign-in badges are heard, not only seen.
        for (const QString& badge : index.data(BadgesRole).toStringList()) {
            if (badge != thisDeviceText())
                text = tr("%1, %2", "cell text, badge").arg(text, badge);
        }
        return text;
    }
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
