#pragma once

#include "core/ApiTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

class QWidget;

namespace vigie::widgets {

// What support staff attach to a ticket: a user's sessions and audit trail as CSV and as JSON
// (API.md's objects).
//
// The CSV files open in a spreadsheet as the screen shows them: UTF-8 with a byte order mark
// (without it Excel reads "tÃ©lÃ©phone"), first the columns a person reads (devices, places,
// actions in words, people by name and email, local times; headed in the interface language),
// then the API's fields under their API names (ids, codes, RFC 3339 UTC times) for tools.
// RFC 4180: CRLF line ends, fields quoted when they hold a comma, a quote or a line break,
// quotes doubled.
//
// A text field that starts with =, +, -, @, a tab or a carriage return gets a leading
// apostrophe in CSV: a User-Agent is whatever the client sent, and a spreadsheet would
// otherwise run it as a formula. The JSON keeps every value exactly.
namespace SupportExport {

QString csvField(const QString& value);
QByteArray csvRecord(const QStringList& fields);

QStringList sessionColumns();
QByteArray sessionsCsv(const QList<vigie::Session>& sessions);
QStringList auditColumns();
// people: user id (lower case) → "Name <email>", for the "By" column.
QByteArray auditCsv(const QList<vigie::AuditEvent>& events, const QHash<QString, QString>& people = {});

struct Context
{
    QString server;     // the server's address
    QString exportedBy; // the staff member's email
    QDateTime exportedAt;
};
// {"exported_at", "exported_by", "server", "user": User, "sessions": [Session…], "events": [Event…]}
QByteArray json(const Context& context, const vigie::User& user, const QList<vigie::Session>& sessions,
                const QList<vigie::AuditEvent>& events);

// Writes the whole file or nothing (QSaveFile); false with a sentence in *error.
bool writeFile(const QString& path, const QByteArray& contents, QString* error);

// "Name <email>", or the email alone: how the "By" column names a person.
QString personText(const vigie::User& user);

// Asks where to save (suggesting vigie-<stem>-<yyyyMMdd>-<suffix> in Documents, stem made safe
// for a file name), then calls write. Returns the path written; empty when cancelled, or after
// a warning box saying why it failed.
QString saveWithDialog(QWidget* parent, const QString& caption, const QString& stem, const QString& suffix,
                       const QString& filter, const std::function<bool(const QString&, QString*)>& write);

} // namespace SupportExport

} // namespace vigie::widgets
