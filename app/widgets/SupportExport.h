#pragma once

#include "core/ApiTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace vigie::widgets {

// What support staff attach to a ticket: a user's sessions and audit trail as CSV (RFC 4180:
// CRLF line ends, fields quoted when they hold a comma, a quote or a line break, quotes
// doubled; UTF-8 without a byte order mark, non-ASCII kept) and as JSON (API.md's objects).
// Columns and keys are the API's field names, times RFC 3339 in UTC, so the files read the
// same in any language.
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
QByteArray auditCsv(const QList<vigie::AuditEvent>& events);

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

} // namespace SupportExport

} // namespace vigie::widgets
