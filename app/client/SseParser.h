#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace vigie::client {

// One message of a Server-Sent Events stream, as the HTML standard's "dispatch the event"
// makes it: the event type ("message" when none was given), the data lines joined by "\n",
// and the last event ID in force when it was dispatched.
struct SseMessage
{
    QByteArray event;
    QByteArray data;
    QByteArray lastEventId;
    bool operator==(const SseMessage&) const = default;
};

// Turns the bytes of a text/event-stream, in pieces of any size, into messages (HTML,
// "Server-sent events", "Interpreting an event stream"): lines end with CRLF, LF or CR, even
// when a piece ends between CR and LF; a leading byte order mark is dropped; ":" starts a
// comment; "field: value" loses one space; unknown fields are ignored.
//
// A hostile or broken server cannot make it grow without bound: a line longer than
// maxLineBytes, or a message whose data exceeds maxMessageBytes, puts the parser in an error
// state that it keeps (the stream must be dropped); nothing it is fed can crash it.
class SseParser
{
public:
    enum class Status { Ok, LineTooLong, MessageTooLong };

    static constexpr qsizetype kDefaultMaxLineBytes = 256 * 1024;
    static constexpr qsizetype kDefaultMaxMessageBytes = 256 * 1024;

    explicit SseParser(qsizetype maxLineBytes = kDefaultMaxLineBytes,
                       qsizetype maxMessageBytes = kDefaultMaxMessageBytes);

    // Appends the messages completed by bytes to out; returns the status after them.
    Status feed(QByteArrayView bytes, QList<SseMessage>& out);

    Status status() const { return m_status; }
    // The "last event ID" as the stream last set it (before a message is dispatched).
    QByteArray lastEventId() const { return m_lastEventId; }
    // The reconnection time the server asked for with "retry:", in ms; -1 when none.
    qint64 retryMs() const { return m_retryMs; }
    // Comment lines seen (": keep-alive"), so that a caller can tell the stream is alive.
    qint64 commentCount() const { return m_comments; }
    // Bytes held for an incomplete line or message.
    qsizetype bufferedBytes() const { return m_line.size() + m_data.size() + m_eventType.size(); }

private:
    void processLine(QList<SseMessage>& out);
    void processField(QByteArrayView field, QByteArrayView value);
    void dispatch(QList<SseMessage>& out);

    qsizetype m_maxLineBytes;
    qsizetype m_maxMessageBytes;
    Status m_status = Status::Ok;
    QByteArray m_line;
    QByteArray m_data;
    QByteArray m_eventType;
    QByteArray m_lastEventId;
    qint64 m_retryMs = -1;
    qint64 m_comments = 0;
    bool m_afterCr = false; // the last byte was a CR: an LF right after it ends nothing
    bool m_started = false; // past the optional byte order mark
    qsizetype m_bomMatched = 0;
};

} // namespace vigie::client
