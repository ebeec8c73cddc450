#pragma once

#include "client/ClientTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <optional>

namespace vigie::client {

// The signed-in user's sessions, one row each, the current one first. setSessions() updates
// the rows in place (changed rows, inserted and removed rows, moves), never with a reset, so a
// view keeps its selection and scroll position across the periodic refresh.
class SessionListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        DeviceColumn,   // "Computer", "Apple iPhone"; DeviceTypeRole for the icon
        ClientColumn,   // "Firefox 128 on Windows"
        LocationColumn, // "Paris, France"
        IpAddressColumn,
        LastActivityColumn, // "5 minutes ago"; the exact time as a tooltip
        SignedInColumn,     // the sign-in date and time
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SessionIdRole = Qt::UserRole + 1,
        DeviceTypeRole, // "desktop", "mobile", "tablet", "bot", "app", "unknown"
        BrowserRole,
        BrowserVersionRole,
        OsRole,
        OsVersionRole,
        DeviceBrandRole,
        DeviceModelRole,
        UserAgentRole,
        IpAddressRole,
        CityRole,
        RegionRole,
        CountryRole,
        CountryCodeRole,
        CreatedAtRole,    // QDateTime, UTC
        LastActivityRole, // QDateTime, UTC
        ExpiresAtRole,    // QDateTime, UTC
        IsActiveRole,
        IsCurrentRole,
        IsLocalNetworkRole,
        DeviceTextRole, // the display texts of the columns, whatever the column
        ClientTextRole,
        LocationTextRole,
        SearchTextRole, // what the filter matches against
        SortRole,       // the column's sort key
        SessionRole,    // the whole vigie::Session
        FlagsRole,      // QStringList: the unusual sign-in flags in words ("New device")
        NameRole,       // the user's own name for it (API v1.1), empty when none
    };
    Q_ENUM(Role)

    explicit SessionListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the contents in place, matching rows by session id. The session marked
    // is_current, or the one whose id is currentSessionId, comes first.
    void setSessions(const QList<vigie::Session>& sessions, const QString& currentSessionId = {});
    void setSessions(const SessionList& list) { setSessions(list.sessions, list.currentSessionId); }
    // Adds a session that just signed in (the newest, so first after the current one), or
    // updates it in place when it is listed.
    void addSession(const vigie::Session& session);
    // Replaces one listed session (after a rename) in place; false when its id is not listed.
    bool updateSession(const vigie::Session& session);
    // Removes one row (after a revocation); false when the id is not listed.
    bool removeSession(const QString& sessionId);
    void clear();

    std::optional<vigie::Session> session(int row) const;
    int rowOf(const QString& sessionId) const;
    QString currentSessionId() const;
    int otherSessionCount() const;

    // "Now" for the relative times; an invalid QDateTime (the default) means the clock.
    void setReferenceTime(const QDateTime& now);
    // Tells views that the relative times moved on (call it every minute or so).
    void refreshRelativeTimes();

private:
    struct Row
    {
        vigie::Session session;
        QString id;
        bool isCurrent = false;
        QDateTime createdAt;
        QDateTime lastActivity;
        QDateTime expiresAt;
        QString deviceText;
        QString clientText;
        QString locationText;
        QString ipText;
        QString searchText;
        bool isLocalNetwork = false;
    };

    static Row makeRow(const vigie::Session& session, bool isCurrent);
    static bool sameSession(const vigie::Session& a, const vigie::Session& b);
    static bool sameContents(const Row& a, const Row& b);
    QVariant sortKey(const Row& row, int column) const;
    QDateTime now() const;

    QList<Row> m_rows;
    QDateTime m_referenceTime;
};

} // namespace vigie::client
