// The app's reader of the live event stream (SseParser, API.md v1.1 "Live events"), on any bytes
// a broken or hostile server could send. Beyond the sanitizers' checks: the bytes cut into
// pieces anywhere (between CR and LF, inside a byte order mark, inside a field) give exactly
// the messages, status, last event ID, retry time and comment count that the bytes in one
// piece give; what the parser holds stays within its limits; no message is longer than the
// message limit; an error state is final.
#include "client/SseParser.h"

#include <cstdint>
#include <cstdlib>

using vigie::client::SseMessage;
using vigie::client::SseParser;

namespace {

void require(bool condition)
{
    if (!condition)
        std::abort();
}

constexpr qsizetype kMaxLine = 64; // small, so that the fuzzer reaches the limits
constexpr qsizetype kMaxMessage = 256;

struct Outcome
{
    QList<SseMessage> messages;
    SseParser::Status status;
    QByteArray lastEventId;
    qint64 retryMs;
    qint64 comments;
    bool operator==(const Outcome&) const = default;
};

Outcome finish(const SseParser& parser, QList<SseMessage> messages)
{
    return {std::move(messages), parser.status(), parser.lastEventId(), parser.retryMs(),
            parser.commentCount()};
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte seeds where the stream is cut; the rest is the stream.
    unsigned cut = data[0] | 1u;
    const QByteArrayView stream(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));

    SseParser whole(kMaxLine, kMaxMessage);
    QList<SseMessage> wholeMessages;
    whole.feed(stream, wholeMessages);

    SseParser pieces(kMaxLine, kMaxMessage);
    QList<SseMessage> pieceMessages;
    for (qsizetype at = 0; at < stream.size();) {
        cut = cut * 1103515245u + 12345u;
        const qsizetype length = qMin<qsizetype>(stream.size() - at, 1 + (cut >> 16) % 7);
        const auto before = pieces.status();
        pieces.feed(stream.sliced(at, length), pieceMessages);
        require(before == SseParser::Status::Ok || pieces.status() == before); // errors are final
        require(pieces.bufferedBytes() <= 2 * kMaxLine + kMaxMessage + 3);
        at += length;
    }

    require(finish(whole, wholeMessages) == finish(pieces, pieceMessages));
    for (const auto& m : wholeMessages)
        require(m.data.size() < kMaxMessage && !m.event.isEmpty());
    return 0;
}
