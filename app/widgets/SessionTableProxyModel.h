#pragma once

#include "client/SessionFilterProxyModel.h"
#include "client/SessionListModel.h"

#include <QHash>
#include <QIcon>

namespace vigie::widgets {

// The sessions as the tables show them: SessionFilterProxyModel's sorting and filtering, plus
// what only a widget view needs: the device-type icon, the current session in bold, and the
// badges ("This device", an unusual sign-in's "New device") in words for screen readers and
// tooltips.
class SessionTableProxyModel : public vigie::client::SessionFilterProxyModel
{
    Q_OBJECT

public:
    enum Role {
        // QStringList: the badges after a cell's text ("This device"; "New device" on the
        // device, "New country" on the place of an unusual sign-in).
        BadgesRole = vigie::client::SessionListModel::FlagsRole + 100,
    };

    explicit SessionTableProxyModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // The label of the current session's badge.
    static QString thisDeviceText();

private:
    mutable QHash<QString, QIcon> m_icons;
};

} // namespace vigie::widgets
