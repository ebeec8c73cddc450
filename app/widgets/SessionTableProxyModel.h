#pragma once

#include "client/SessionFilterProxyModel.h"

#include <QHash>
#include <QIcon>

namespace vigie::widgets {

// The sessions as the tables show them: SessionFilterProxyModel's sorting and filtering, plus
// what only a widget view needs: the device-type icon, the current session in bold, and the
// "This device" badge in words for screen readers and tooltips.
class SessionTableProxyModel : public vigie::client::SessionFilterProxyModel
{
    Q_OBJECT

public:
    explicit SessionTableProxyModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    // The label of the current session's badge.
    static QString thisDeviceText();

private:
    mutable QHash<QString, QIcon> m_icons;
};

} // namespace vigie::widgets
