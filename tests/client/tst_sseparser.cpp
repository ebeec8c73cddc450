// SseParser on its own: the event-stream format as the HTML standard defines it, fed in every
// way a network delivers bytes (whole, one byte at a time, split inside a CRLF), and the limits
// that keep a hostile server from growing the app's memory.
#include "client/SseParser.h"

#include <QRandomGenerator>
#include <QtTest>

using vigie::client::SseMessage;
using vigie::client::SseParser;

namespace {

QList<SseMessage> parseWhole(const QByteArray& stream)
{
    SseParser parser;
    QList<SseMessage> out;
    parser.feed(stream, out);
    return out;
}

QList<SseMessage> parseBytewise(const QByteArray& stream)
{
    SseParser parser;
    QList<SseMessage> out;
    for (char c : stream)
        parser.feed(QByteArrayView(&c, 1), out);
    return out;
}

} // namespace

class TestSseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagesWithEveryLineEnding_data()
    {
        QTest::addColumn<QByteArray>("newline");
        QTest::newRow("LF") << QByteArray("\n");
        QTest::newRow("CRLF") << QByteArray("\r\n");
        QTest::newRow("CR") << QByteArray("\r");
    }

    void messagesWithEveryLineEnding()
    {
        QFETCH(QByteArray, newline);
        QByteArray stream = "id: 41\nevent: login\ndata: {\"a\":1}\n\n: keep-alive\n\nid: 42\nevent: logout\n"
                            "data: first\ndata:second\ndata\n\n";
        stream.replace("\n", newline);
        const QList<SseMessage> expected{{"login", "{\"a\":1}", "41"}, {"logout", "first\nsecond\n", "42"}};
        QCOMPARE(parseWhole(stream), expected);
        QCOMPARE(parseBytewise(stream), expected);
    }

    void everySplitPointGivesTheSameMessages()
    {
        const QByteArray stream = "\xEF\xBB\xBFid: 7\r\nevent: login\r\ndata: x\r\n\r\nid: 8\rdata: y\r\r";
        const QList<SseMessage> expected{{"login", "x", "7"}, {"message", "y", "8"}};
        for (qsizetype split = 0; split <= stream.size(); ++split) {
            SseParser parser;
            QList<SseMessage> out;
            parser.feed(QByteArrayView(stream).first(split), out);
            parser.feed(QByteArrayView(stream).sliced(split), out);
            QVERIFY2(out == expected, qPrintable(QStringLiteral("split at %1").arg(split)));
        }
    }

    void fieldsAsTheStandardSaysThem()
    {
        // One space after the colon goes, a second stays; a field without a colon has an
        // empty value; unknown fields and an id with NUL are ignored; the id persists.
        static const char raw[] = "data:  two spaces\nfoo: bar\n\nid: 1\0x\ndata: a\n\nid\ndata: b\n\n"
                                  "retry: 2500\nretry: x\n:comment\n";
        const QByteArray stream(raw, sizeof(raw) - 1);
        SseParser exact;
        QList<SseMessage> messages;
        exact.feed(stream, messages);
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages.at(0), (SseMessage{"message", " two spaces", ""}));
        QCOMPARE(messages.at(1), (SseMessage{"message", "a", ""})); // "1\0x" was not taken
        QCOMPARE(messages.at(2), (SseMessage{"message", "b", ""})); // "id" alone empties it
        QCOMPARE(exact.retryMs(), 2500);
        QCOMPARE(exact.commentCount(), 1);
        QCOMPARE(exact.bufferedBytes(), 0);
    }

    void eventWithoutDataIsNotDispatched()
    {
        SseParser parser;
        QList<SseMessage> out;
        parser.feed("event: login\nid: 5\n\ndata: z\n\n", out);
        // The event type of a message without data is dropped with it; the id stays.
        QCOMPARE(out, (QList<SseMessage>{{"message", "z", "5"}}));
        QCOMPARE(parser.lastEventId(), "5");
    }

    void incompleteMessageWaits()
    {
        SseParser parser;
        QList<SseMessage> out;
        parser.feed("id: 3\nevent: login\ndata: {\"half\":", out);
        QVERIFY(out.isEmpty());
        parser.feed("1}\n", out);
        QVERIFY(out.isEmpty());
        parser.feed("\n", out);
        QCOMPARE(out, (QList<SseMessage>{{"login", "{\"half\":1}", "3"}}));
    }

    void lineTooLongIsAnErrorThatStays()
    {
        SseParser parser(64, 1024);
        QList<SseMessage> out;
        QCOMPARE(parser.feed("data: " + QByteArray(40, 'a'), out), SseParser::Status::Ok);
        QCOMPARE(parser.feed(QByteArray(40, 'a'), out), SseParser::Status::LineTooLong);
        QCOMPARE(parser.bufferedBytes(), 0);
        QCOMPARE(parser.feed("\n\ndata: ok\n\n", out), SseParser::Status::LineTooLong);
        QVERIFY(out.isEmpty());
    }

    void messageTooLongIsAnError()
    {
        SseParser parser(64, 100);
        QList<SseMessage> out;
        QByteArray stream;
        for (int i = 0; i < 10; ++i)
            stream += "data: " + QByteArray(20, 'b') + "\n";
        QCOMPARE(parser.feed(stream, out), SseParser::Status::MessageTooLong);
        QVERIFY(out.isEmpty());
        QVERIFY(parser.bufferedBytes() <= 100);
    }

    void endlessLineWithoutNewlineStaysBounded()
    {
        SseParser parser;
        QList<SseMessage> out;
        const QByteArray chunk(16 * 1024, 'x');
        SseParser::Status status = SseParser::Status::Ok;
        for (int i = 0; i < 64 && status == SseParser::Status::Ok; ++i)
            status = parser.feed(chunk, out);
        QCOMPARE(status, SseParser::Status::LineTooLong);
        QVERIFY(parser.bufferedBytes() <= SseParser::kDefaultMaxLineBytes);
    }

    void garbageNeverCrashes()
    {
        // Random bytes, with many line ends and colons: whatever comes out, the parser stays
        // within its limits.
        QRandomGenerator random(14);
        const QByteArray alphabet("\r\n:\0 dataeventidretry\xEF\xBB\xBF\xFF", 27);
        for (int round = 0; round < 200; ++round) {
            SseParser parser(512, 2048);
            QList<SseMessage> out;
            QByteArray bytes(int(random.bounded(4096)), '\0');
            for (char& c : bytes)
                c = alphabet.at(int(random.bounded(alphabet.size())));
            for (qsizetype at = 0; at < bytes.size();) {
                const qsizetype size = qMin<qsizetype>(bytes.size() - at, random.bounded(1, 64));
                parser.feed(QByteArrayView(bytes).sliced(at, size), out);
                at += size;
            }
            QVERIFY(parser.bufferedBytes() <= 512 + 2048 + 512);
            for (const SseMessage& m : out)
                QVERIFY(m.data.size() <= 2048);
        }
    }
};

QTEST_APPLESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
