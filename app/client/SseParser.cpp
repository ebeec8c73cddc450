#include "client/SseParser.h"

#include <algorithm>

namespace vigie::client {

namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr qsizetype kBomSize = 3;

bool isAsciiDigits(QByteArrayView text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

SseParser::SseParser(qsizetype maxLineBytes, qsizetype maxMessageBytes)
    : m_maxLineBytes(maxLineBytes), m_maxMessageBytes(maxMessageBytes)
{}

SseParser::Status SseParser::feed(QByteArrayView bytes, QList<SseMessage>& out)
{
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    while (i < n && m_status == Status::Ok) {
        if (!m_started) {
            // The stream may begin with a byte order mark, itself possibly split across pieces.
            if (bytes[i] == kBom[m_bomMatched]) {
                ++i;
                if (++m_bomMatched == kBomSize)
                    m_started = true;
                continue;
            }
            m_started = true;
            m_line.append(kBom, m_bomMatched); // not a mark after all: ordinary bytes
        }
        const char c = bytes[i];
        if (m_afterCr) {
            m_afterCr = false;
            if (c == '\n') {
                ++i;
                continue;
            }
        }
        if (c == '\r' || c == '\n') {
            m_afterCr = c == '\r';
            ++i;
            processLine(out);
            m_line.clear();
            continue;
        }
        qsizetype end = i;
        while (end < n && bytes[end] != '\r' && bytes[end] != '\n')
            ++end;
        if (m_line.size() + (end - i) > m_maxLineBytes) {
            m_status = Status::LineTooLong;
            break;
        }
        m_line.append(bytes.data() + i, end - i);
        i = end;
    }
    if (m_status != Status::Ok) {
        m_line.clear();
        m_data.clear();
        m_eventType.clear();
    }
    return m_status;
}

void SseParser::processLine(QList<SseMessage>& out)
{
    if (m_line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (m_line.startsWith(':')) {
        ++m_comments;
        return;
    }
    const qsizetype colon = m_line.indexOf(':');
    if (colon < 0) {
        processField(m_line, {});
        return;
    }
    QByteArrayView value = QByteArrayView(m_line).sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    processField(QByteArrayView(m_line).first(colon), value);
}

void SseParser::processField(QByteArrayView field, QByteArrayView value)
{
    if (field == "event") {
        m_eventType = value.toByteArray();
    } else if (field == "data") {
        if (m_data.size() + value.size() + 1 > m_maxMessageBytes) {
            m_status = Status::MessageTooLong;
            return;
        }
        m_data.append(value);
        m_data.append('\n');
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_lastEventId = value.toByteArray();
    } else if (field == "retry") {
        if (isAsciiDigits(value) && value.size() <= 9)
            m_retryMs = value.toByteArray().toLongLong();
    }
}

void SseParser::dispatch(QList<SseMessage>& out)
{
    if (m_status != Status::Ok)
        return;
    if (m_data.isEmpty()) {
        m_eventType.clear();
        return;
    }
    m_data.chop(1); // the last line's "\n"
    out.append(SseMessage{m_eventType.isEmpty() ? QByteArrayLiteral("message") : m_eventType, m_data,
                          m_lastEventId});
    m_data.clear();
    m_eventType.clear();
}

} // namespace vigie::client
