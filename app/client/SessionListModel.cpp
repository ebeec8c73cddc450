#include "client/SessionListModel.h"

#include "client/SessionDisplay.h"

#include <QHash>
#include <QHostAddress>

namespace vigie::client {

namespace {

QVariant optionalText(const std::optional<std::string>& text)
{
    return text ? QVariant(QString::fromStdString(*text)) : QVariant();
}

// An IP address as a key that sorts numerically: IPv4 before IPv6, each by value.
QString ipSortKey(const QString& ip)
{
    QHostAddress address;
    if (ip.isEmpty() || !address.setAddress(ip))
        return QStringLiteral("~") + ip;
    const Q_IPV6ADDR bytes = address.toIPv6Address();
    bool isV4 = false;
    address.toIPv4Address(&isV4);
    return QLatin1String(isV4 ? "4" : "6") +
           QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes.c), 16).toHex());
}

} // namespace

SessionListModel::SessionListModel(QObject* parent) : QAbstractTableModel(parent) {}

int SessionListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QDateTime SessionListModel::now() const
{
    return m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTimeUtc();
}

QVariant SessionListModel::sortKey(const Row& row, int column) const
{
    switch (column) {
    case DeviceColumn:
        return row.deviceText;
    case ClientColumn:
        return row.clientText;
    case LocationColumn:
        return row.locationText;
    case IpAddressColumn:
        return ipSortKey(row.ipText);
    case LastActivityColumn:
        return row.lastActivity.toMSecsSinceEpoch();
    case SignedInColumn:
        return row.createdAt.toMSecsSinceEpoch();
    }
    return {};
}

QVariant SessionListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    const vigie::Session& s = row.session;
    const int column = index.column();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case DeviceColumn:
            return row.deviceText;
        case ClientColumn:
            return row.clientText;
        case LocationColumn:
            return row.locationText;
        case IpAddressColumn:
            return row.ipText;
        case LastActivityColumn:
            return SessionDisplay::relativeTime(row.lastActivity, now());
        case SignedInColumn:
            return SessionDisplay::shortDateTime(row.createdAt);
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case DeviceColumn:
            return SessionDisplay::deviceDescription(s.deviceInfo);
        case ClientColumn:
            return QString::fromStdString(s.deviceInfo.userAgent);
        case LastActivityColumn:
            return SessionDisplay::exactTime(row.lastActivity);
        case SignedInColumn:
            return SessionDisplay::exactTime(row.createdAt);
        case LocationColumn:
            if (s.locationData && s.locationData->region)
                return tr("%1 (%2)", "place (region)").arg(row.locationText, qs(s.locationData->region));
            return row.locationText;
        default:
            return data(index, Qt::DisplayRole);
        }
    case SessionIdRole:
        return row.id;
    case DeviceTypeRole:
        return QString::fromStdString(s.deviceInfo.deviceType);
    case BrowserRole:
        return optionalText(s.deviceInfo.browser);
    case BrowserVersionRole:
        return optionalText(s.deviceInfo.browserVersion);
    case OsRole:
        return optionalText(s.deviceInfo.os);
    case OsVersionRole:
        return optionalText(s.deviceInfo.osVersion);
    case DeviceBrandRole:
        return optionalText(s.deviceInfo.deviceBrand);
    case DeviceModelRole:
        return optionalText(s.deviceInfo.deviceModel);
    case UserAgentRole:
        return QString::fromStdString(s.deviceInfo.userAgent);
    case IpAddressRole:
        return optionalText(s.ipAddress);
    case CityRole:
        return s.locationData ? optionalText(s.locationData->city) : QVariant();
    case RegionRole:
        return s.locationData ? optionalText(s.locationData->region) : QVariant();
    case CountryRole:
        return s.locationData ? optionalText(s.locationData->country) : QVariant();
    case CountryCodeRole:
        return s.locationData ? optionalText(s.locationData->countryCode) : QVariant();
    case CreatedAtRole:
        return row.createdAt;
    case LastActivityRole:
        return row.lastActivity;
    case ExpiresAtRole:
        return row.expiresAt;
    case IsActiveRole:
        return s.isActive;
    case IsCurrentRole:
        return row.isCurrent;
    case IsLocalNetworkRole:
        return row.isLocalNetwork;
    case DeviceTextRole:
        return row.deviceText;
    case ClientTextRole:
        return row.clientText;
    case LocationTextRole:
        return row.locationText;
    case SearchTextRole:
        return row.searchText;
    case SortRole:
        return sortKey(row, column);
    case NameRole:
        return SessionDisplay::sessionName(s.name);
    case SessionRole:
        return QVariant::fromValue(s);
    case FlagsRole:
        return SessionDisplay::flagLabels(s);
    default:
        return {};
    }
}

QVariant SessionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DeviceColumn:
        return tr("Device");
    case ClientColumn:
        return tr("Browser or app");
    case LocationColumn:
        return tr("Location");
    case IpAddressColumn:
        return tr("IP address");
    case LastActivityColumn:
        return tr("Last activity");
    case SignedInColumn:
        return tr("Signed in");
    }
    return {};
}

QHash<int, QByteArray> SessionListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({{SessionIdRole, "sessionId"},
                  {DeviceTypeRole, "deviceType"},
                  {BrowserRole, "browser"},
                  {BrowserVersionRole, "browserVersion"},
                  {OsRole, "os"},
                  {OsVersionRole, "osVersion"},
                  {DeviceBrandRole, "deviceBrand"},
                  {DeviceModelRole, "deviceModel"},
                  {UserAgentRole, "userAgent"},
                  {IpAddressRole, "ipAddress"},
                  {CityRole, "city"},
                  {RegionRole, "region"},
                  {CountryRole, "country"},
                  {CountryCodeRole, "countryCode"},
                  {CreatedAtRole, "createdAt"},
                  {LastActivityRole, "lastActivity"},
                  {ExpiresAtRole, "expiresAt"},
                  {IsActiveRole, "isActive"},
                  {IsCurrentRole, "isCurrent"},
                  {IsLocalNetworkRole, "isLocalNetwork"},
                  {DeviceTextRole, "deviceText"},
                  {ClientTextRole, "clientText"},
                  {LocationTextRole, "locationText"},
                  {SearchTextRole, "searchText"},
                  {SortRole, "sortKey"},
                  {SessionRole, "session"},
                  {NameRole, "name"}});
    return names;
}

SessionListModel::Row SessionListModel::makeRow(const vigie::Session& session, bool isCurrent)
{
    Row row;
    row.session = session;
    row.session.isCurrent = isCurrent;
    row.id = QString::fromStdString(session.id).toLower();
    row.isCurrent = isCurrent;
    row.createdAt = toDateTime(session.createdAt);
    row.lastActivity = toDateTime(session.lastActivity);
    row.expiresAt = toDateTime(session.expiresAt);
    row.deviceText = SessionDisplay::deviceLabel(session);
    row.clientText = SessionDisplay::clientDescription(session.deviceInfo);
    row.locationText = SessionDisplay::locationDescription(session);
    row.ipText = qs(session.ipAddress);
    row.isLocalNetwork = SessionDisplay::isLocalNetworkAddress(row.ipText);
    row.searchText = QStringList{row.deviceText, SessionDisplay::deviceDescription(session.deviceInfo),
                                 row.clientText, row.locationText,
                                 row.ipText,     QString::fromStdString(session.deviceInfo.userAgent)}
                         .join(QLatin1Char('\n'));
    return row;
}

bool SessionListModel::sameSession(const vigie::Session& x, const vigie::Session& y)
{
    return x.deviceInfo == y.deviceInfo && x.ipAddress == y.ipAddress && x.locationData == y.locationData &&
           x.createdAt == y.createdAt && x.lastActivity == y.lastActivity && x.expiresAt == y.expiresAt &&
           x.isActive == y.isActive && x.name == y.name && x.flags == y.flags &&
           x.lastIpAddress == y.lastIpAddress && x.lastLocationData == y.lastLocationData;
}

bool SessionListModel::sameContents(const Row& a, const Row& b)
{
    return a.isCurrent == b.isCurrent && sameSession(a.session, b.session);
}

void SessionListModel::setSessions(const QList<vigie::Session>& sessions, const QString& currentSessionId)
{
    // The wanted order: the current session first, then the server's order; duplicates dropped.
    QList<Row> wanted;
    wanted.reserve(sessions.size());
    QHash<QString, qsizetype> wantedIndex;
    const QString currentId = currentSessionId.toLower();
    QHash<QString, int> existing;
    existing.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        existing.insert(m_rows.at(i).id, i);
    for (const vigie::Session& s : sessions) {
        const QString id = QString::fromStdString(s.id).toLower();
        if (wantedIndex.contains(id))
            continue;
        const bool isCurrent = currentId.isEmpty() ? s.isCurrent : id == currentId;
        // Most rows are unchanged on a refresh: reuse their display texts.
        const int at = existing.value(id, -1);
        Row row = at >= 0 && m_rows.at(at).isCurrent == isCurrent && sameSession(m_rows.at(at).session, s)
                      ? m_rows.at(at)
                      : makeRow(s, isCurrent);
        if (isCurrent) {
            wanted.prepend(std::move(row));
            for (auto it = wantedIndex.begin(); it != wantedIndex.end(); ++it)
                ++it.value();
            wantedIndex.insert(id, 0);
        } else {
            wantedIndex.insert(id, wanted.size());
            wanted.append(std::move(row));
        }
    }

    if (m_rows.isEmpty()) {
        if (!wanted.isEmpty()) {
            beginInsertRows({}, 0, int(wanted.size()) - 1);
            m_rows = std::move(wanted);
            endInsertRows();
        }
        return;
    }

    // 1. Remove the rows that are gone, in contiguous blocks from the bottom.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (wantedIndex.contains(m_rows.at(i).id)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !wantedIndex.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, first, i);
        m_rows.remove(first, i - first + 1);
        endRemoveRows();
        i = first - 1;
    }

    // 2. Update the rows that stay, where they are.
    QList<QString> changedIds;
    for (Row& row : m_rows) {
        Row& target = wanted[wantedIndex.value(row.id)];
        if (!sameContents(row, target))
            changedIds.append(row.id);
        row = target;
    }

    // 3. Append the new rows in one block.
    QHash<QString, int> present;
    for (int i = 0; i < m_rows.size(); ++i)
        present.insert(m_rows.at(i).id, i);
    QList<Row> added;
    for (const Row& row : wanted)
        if (!present.contains(row.id))
            added.append(row);
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }

    // 4. Put the rows in the wanted order: a layout change that carries persistent indexes
    //    (and so a view's selection) along, however many rows moved.
    bool inOrder = true;
    for (int i = 0; i < m_rows.size() && inOrder; ++i)
        inOrder = m_rows.at(i).id == wanted.at(i).id;
    if (!inOrder) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList persistent = persistentIndexList();
        QModelIndexList moved;
        moved.reserve(persistent.size());
        for (const QModelIndex& p : persistent)
            moved.append(index(int(wantedIndex.value(m_rows.at(p.row()).id)), p.column()));
        m_rows = std::move(wanted);
        changePersistentIndexList(persistent, moved);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }

    // 5. Tell views which rows now read differently.
    for (const QString& id : changedIds) {
        const int row = int(wantedIndex.value(id));
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

bool SessionListModel::updateSession(const vigie::Session& session)
{
    const int row = rowOf(QString::fromStdString(session.id));
    if (row < 0)
        return false;
    m_rows[row] = makeRow(session, m_rows.at(row).isCurrent);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

bool SessionListModel::removeSession(const QString& sessionId)
{
    const int row = rowOf(sessionId);
    if (row < 0)
        return false;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    return true;
}

void SessionListModel::addSession(const vigie::Session& session)
{
    QList<vigie::Session> sessions;
    sessions.reserve(m_rows.size() + 1);
    for (const Row& row : std::as_const(m_rows))
        sessions.append(row.session);
    // setSessions() keeps a listed id's place and drops the duplicate that follows it.
    const QString id = QString::fromStdString(session.id).toLower();
    const int at = rowOf(id);
    if (at >= 0)
        sessions[at] = session;
    else
        sessions.insert(m_rows.isEmpty() || !m_rows.first().isCurrent ? 0 : 1, session);
    setSessions(sessions, currentSessionId());
}

void SessionListModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

std::optional<vigie::Session> SessionListModel::session(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row).session;
}

int SessionListModel::rowOf(const QString& sessionId) const
{
    const QString id = sessionId.toLower();
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

QString SessionListModel::currentSessionId() const
{
    for (const Row& row : m_rows)
        if (row.isCurrent)
            return row.id;
    return {};
}

int SessionListModel::otherSessionCount() const
{
    int count = 0;
    for (const Row& row : m_rows)
        if (!row.isCurrent)
            ++count;
    return count;
}

void SessionListModel::setReferenceTime(const QDateTime& now)
{
    m_referenceTime = now;
    refreshRelativeTimes();
}

void SessionListModel::refreshRelativeTimes()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, LastActivityColumn), index(int(m_rows.size()) - 1, LastActivityColumn),
                           {Qt::DisplayRole});
}

} // namespace vigie::client
