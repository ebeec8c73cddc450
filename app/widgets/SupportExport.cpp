#include "widgets/SupportExport.h"

#include "client/AuditEventModel.h"
#include "client/ClientTypes.h"
#include "client/SessionDisplay.h"
#include "core/TimeFormat.h"
#include "widgets/Dialogs.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <nlohmann/json.hpp>

namespace vigie::widgets {

namespace {

QString text(const std::optional<std::string>& value)
{
    return value ? QString::fromStdString(*value) : QString();
}

QString text(const std::string& value)
{
    return QString::fromStdString(value);
}

QString time(vigie::TimePoint t)
{
    return QString::fromStdString(vigie::formatRfc3339(t));
}

QString tr(const char* text)
{
    return QCoreApplication::translate("vigie::widgets::SupportExport", text);
}

// Local time as a spreadsheet reads a date and time in any language.
QString localTime(vigie::TimePoint t)
{
    return vigie::client::toDateTime(t).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// A spreadsheet opens a CSV in the system's legacy code page unless it starts with a UTF-8
// byte order mark ("tÃ©lÃ©phone" instead of "téléphone").
const QByteArray kUtf8Bom = QByteArrayLiteral("\xEF\xBB\xBF");

QStringList sessionMachineColumns()
{
    return {QStringLiteral("id"),           QStringLiteral("device_type"),
            QStringLiteral("browser"),      QStringLiteral("browser_version"),
            QStringLiteral("os"),           QStringLiteral("os_version"),
            QStringLiteral("device_brand"), QStringLiteral("device_model"),
            QStringLiteral("user_agent"),   QStringLiteral("ip_address"),
            QStringLiteral("city"),         QStringLiteral("region"),
            QStringLiteral("country"),      QStringLiteral("country_code"),
            QStringLiteral("created_at"),   QStringLiteral("last_activity"),
            QStringLiteral("expires_at"),   QStringLiteral("is_active"),
            QStringLiteral("name")};
}

QStringList auditMachineColumns()
{
    return {QStringLiteral("id"),
            QStringLiteral("at"),
            QStringLiteral("action"),
            QStringLiteral("actor_user_id"),
            QStringLiteral("target_user_id"),
            QStringLiteral("target_session_id"),
            QStringLiteral("ip_address"),
            QStringLiteral("reason")};
}

// Only free text can start a formula; ids, addresses and times never do.
QString neutralised(const QString& value)
{
    if (!value.isEmpty() && QStringLiteral("=+-@\t\r").contains(value.front()))
        return QLatin1Char('\'') + value;
    return value;
}

} // namespace

QString SupportExport::csvField(const QString& value)
{
    if (!value.contains(QLatin1Char(',')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('\r')))
        return value;
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray SupportExport::csvRecord(const QStringList& fields)
{
    QStringList out;
    out.reserve(fields.size());
    for (const QString& field : fields)
        out.append(csvField(field));
    return out.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

QStringList SupportExport::sessionColumns()
{
    // What the screen shows first, in the reader's language; the API's fields after, for tools.
    return QStringList{tr("Device"), tr("Browser or app"), tr("Location"), tr("Last activity (local time)"),
                       tr("Signed in (local time)")} +
           sessionMachineColumns();
}

QByteArray SupportExport::sessionsCsv(const QList<vigie::Session>& sessions)
{
    using vigie::client::SessionDisplay;
    QByteArray out = kUtf8Bom + csvRecord(sessionColumns());
    for (const vigie::Session& s : sessions) {
        const vigie::DeviceInfo& d = s.deviceInfo;
        const vigie::LocationData l = s.locationData.value_or(vigie::LocationData{});
        out += csvRecord({neutralised(SessionDisplay::deviceLabel(s)),
                          neutralised(SessionDisplay::clientDescription(d)),
                          neutralised(SessionDisplay::locationDescription(s)),
                          localTime(s.lastActivity),
                          localTime(s.createdAt),
                          text(s.id),
                          text(d.deviceType),
                          neutralised(text(d.browser)),
                          neutralised(text(d.browserVersion)),
                          neutralised(text(d.os)),
                          neutralised(text(d.osVersion)),
                          neutralised(text(d.deviceBrand)),
                          neutralised(text(d.deviceModel)),
                          neutralised(text(d.userAgent)),
                          text(s.ipAddress),
                          neutralised(text(l.city)),
                          neutralised(text(l.region)),
                          neutralised(text(l.country)),
                          neutralised(text(l.countryCode)),
                          time(s.createdAt),
                          time(s.lastActivity),
                          time(s.expiresAt),
                          s.isActive ? QStringLiteral("true") : QStringLiteral("false"),
                          neutralised(text(s.name))});
    }
    return out;
}

QStringList SupportExport::auditColumns()
{
    return QStringList{tr("Time (local time)"), tr("Event"), tr("By"), tr("Device"), tr("Details")} +
           auditMachineColumns();
}

QByteArray SupportExport::auditCsv(const QList<vigie::AuditEvent>& events,
                                   const QHash<QString, QString>& people)
{
    using vigie::client::AuditEventModel;
    QByteArray out = kUtf8Bom + csvRecord(auditColumns());
    for (const vigie::AuditEvent& e : events) {
        QString by;
        if (!e.actorUserId)
            by = e.action == "session_expired" ? tr("System") : QString();
        else if (const auto name = people.constFind(text(e.actorUserId).toLower()); name != people.constEnd())
            by = *name;
        else if (e.targetUserId && *e.targetUserId != *e.actorUserId)
            by = tr("Support staff");
        else
            by = text(e.actorUserId);
        out += csvRecord({localTime(e.at), AuditEventModel::eventLabel(e), neutralised(by),
                          neutralised(AuditEventModel::targetText(e)),
                          neutralised(AuditEventModel::reasonText(e)), text(e.id), time(e.at), text(e.action),
                          text(e.actorUserId), text(e.targetUserId), text(e.targetSessionId),
                          text(e.ipAddress), neutralised(text(e.reason))});
    }
    return out;
}

QByteArray SupportExport::json(const Context& context, const vigie::User& user,
                               const QList<vigie::Session>& sessions, const QList<vigie::AuditEvent>& events)
{
    nlohmann::json root = nlohmann::json::object();
    const QDateTime at = context.exportedAt.isValid() ? context.exportedAt : QDateTime::currentDateTimeUtc();
    root["exported_at"] =
        vigie::formatRfc3339(vigie::TimePoint(std::chrono::milliseconds(at.toMSecsSinceEpoch())));
    root["exported_by"] = context.exportedBy.toStdString();
    root["server"] = context.server.toStdString();
    root["user"] = user;
    root["sessions"] = nlohmann::json::array();
    for (const vigie::Session& s : sessions)
        root["sessions"].push_back(s);
    root["events"] = nlohmann::json::array();
    for (const vigie::AuditEvent& e : events)
        root["events"].push_back(e);
    // A User-Agent may hold bytes that are not UTF-8: replace them rather than fail the export.
    return QByteArray::fromStdString(root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) +
           '\n';
}

bool SupportExport::writeFile(const QString& path, const QByteArray& contents, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("vigie::widgets::SupportExport", "Could not save %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

QString SupportExport::personText(const vigie::User& user)
{
    return user.displayName.empty()
               ? text(user.email)
               : QCoreApplication::translate("vigie::widgets::SupportExport", "%1 <%2>", "name <email>")
                     .arg(text(user.displayName), text(user.email));
}

QString SupportExport::saveWithDialog(QWidget* parent, const QString& caption, const QString& stem,
                                      const QString& suffix, const QString& filter,
                                      const std::function<bool(const QString&, QString*)>& write)
{
    QString safeStem = stem;
    safeStem.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(QStringLiteral("vigie-%1-%2-%3")
                          .arg(safeStem, QDate::currentDate().toString(QStringLiteral("yyyyMMdd")), suffix));
    const QString path = Dialogs::saveFileName(parent, caption, suggested, filter);
    if (path.isEmpty())
        return {};
    QString error;
    if (write(path, &error))
        return path;
    Dialogs::warning(parent, tr("Export failed"), error);
    return {};
}

} // namespace vigie::widgets
