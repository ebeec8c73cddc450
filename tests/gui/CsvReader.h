#pragma once

// A small RFC 4180 reader for the export tests, written separately from the writer so that the
// round trip checks one against the other.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace guitest {

// Records of fields; false in *ok on a malformed quote.
inline QList<QStringList> readCsv(const QByteArray& bytes, bool* ok = nullptr)
{
    // A byte order mark is not part of the first field (spreadsheets skip it too).
    const QString text = QString::fromUtf8(bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    if (ok)
        *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += QLatin1Char('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            record.append(field);
            field.clear();
            fieldStarted = false;
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\n') || c == QLatin1Char('\r')) {
            if (ok)
                *ok = false; // a bare quote or line break outside quotes is not RFC 4180
            field += c;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted && ok)
        *ok = false;
    if (fieldStarted || !record.isEmpty()) {
        record.append(field);
        records.append(record);
    }
    return records;
}

} // namespace guitest
