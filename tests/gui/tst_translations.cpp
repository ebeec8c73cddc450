// English and French: the French translation is complete (every string of the client and the
// widgets, plural forms, placeholders kept), the compiled translations are embedded and used,
// and relative times and dates follow the language.
#include "client/ApiClient.h"
#include "client/SessionDisplay.h"
#include "widgets/Application.h"
#include "widgets/SignInWidget.h"

#include <QDialogButtonBox>
#include <QDomDocument>
#include <QLabel>
#include <QLibraryInfo>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using vigie::client::SessionDisplay;

namespace {

QString sourceDir()
{
    return qEnvironmentVariable("VIGIE_SOURCE_DIR");
}

struct Message
{
    QString context;
    QString source;
    QString comment;
    QStringList translations; // one, or the plural forms
    QString type;
};

QList<Message> readTs(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QDomDocument doc;
    if (!doc.setContent(&file))
        return {};
    QList<Message> out;
    for (QDomElement ctx = doc.documentElement().firstChildElement(QStringLiteral("context")); !ctx.isNull();
         ctx = ctx.nextSiblingElement(QStringLiteral("context"))) {
        const QString name = ctx.firstChildElement(QStringLiteral("name")).text();
        for (QDomElement m = ctx.firstChildElement(QStringLiteral("message")); !m.isNull();
             m = m.nextSiblingElement(QStringLiteral("message"))) {
            Message message{name,
                            m.firstChildElement(QStringLiteral("source")).text(),
                            m.firstChildElement(QStringLiteral("comment")).text(),
                            {},
                            {}};
            const QDomElement t = m.firstChildElement(QStringLiteral("translation"));
            message.type = t.attribute(QStringLiteral("type"));
            const QDomElement first = t.firstChildElement(QStringLiteral("numerusform"));
            if (first.isNull())
                message.translations.append(t.text());
            for (QDomElement n = first; !n.isNull(); n = n.nextSiblingElement(QStringLiteral("numerusform")))
                message.translations.append(n.text());
            out.append(message);
        }
    }
    return out;
}

QSet<QString> placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d|n)"));
    QSet<QString> out;
    for (auto it = re.globalMatch(text); it.hasNext();)
        out.insert(it.next().captured(0));
    return out;
}

} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { vigie::widgets::setUpApplication(); }

    void frenchIsComplete()
    {
        const auto messages = readTs(sourceDir() + QStringLiteral("/resources/translations/vigie_fr.ts"));
        QVERIFY(messages.size() > 200);
        for (const Message& m : messages) {
            const QString where = m.context + QStringLiteral(": ") + m.source;
            QVERIFY2(m.type.isEmpty(), qPrintable(QStringLiteral("%1 is %2").arg(where, m.type)));
            for (const QString& t : m.translations) {
                QVERIFY2(!t.isEmpty(), qPrintable(QStringLiteral("untranslated: ") + where));
                QVERIFY2(placeholders(t) == placeholders(m.source),
                         qPrintable(QStringLiteral("placeholders differ: ") + where));
            }
        }
    }

    void everySourceStringIsInTheTsFile()
    {
        // lupdate over today's sources: a string added since the last translation fails here.
        const QString lupdate = qEnvironmentVariable("VIGIE_LUPDATE");
        if (lupdate.isEmpty())
            QSKIP("VIGIE_LUPDATE is not set");
        QTemporaryDir dir;
        const QString scanned = dir.filePath(QStringLiteral("scan.ts"));
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(sourceDir());
        p.start(lupdate, {QStringLiteral("app/client"), QStringLiteral("app/widgets"), QStringLiteral("ui"),
                          QStringLiteral("-I"), QStringLiteral("app"), QStringLiteral("-locations"),
                          QStringLiteral("none"), QStringLiteral("-ts"), scanned});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAll().constData());
        QSet<QString> known;
        for (const Message& m : readTs(sourceDir() + QStringLiteral("/resources/translations/vigie_fr.ts")))
            known.insert(m.context + QLatin1Char('\x1f') + m.source + QLatin1Char('\x1f') + m.comment);
        QStringList missing;
        for (const Message& m : readTs(scanned))
            if (!known.contains(m.context + QLatin1Char('\x1f') + m.source + QLatin1Char('\x1f') + m.comment))
                missing.append(m.context + QStringLiteral(": ") + m.source);
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral("not in vigie_fr.ts (run the vigie-widgets_lupdate target and "
                                           "translate): ") +
                            missing.join(QStringLiteral(" | "))));
    }

    // English first: a French translator installed later takes precedence.
    void englishPluralForms()
    {
        QCOMPARE(vigie::widgets::installTranslations(QStringLiteral("en")), QStringLiteral("en"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-60), now), QStringLiteral("Active now"));
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-5 * 60), now), QStringLiteral("5 minutes ago"));
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-3600), now), QStringLiteral("1 hour ago"));
        QCOMPARE(vigie::client::ApiClient::acceptLanguage(), QByteArray("en"));
    }

    void frenchAtRunTime()
    {
        QCOMPARE(vigie::widgets::installTranslations(QStringLiteral("fr")), QStringLiteral("fr"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-30), now), QStringLiteral("À l’instant"));
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-5 * 60), now), QStringLiteral("Il y a 5 minutes"));
        QCOMPARE(SessionDisplay::relativeTime(now.addSecs(-3600), now), QStringLiteral("Il y a 1 heure"));
        QCOMPARE(SessionDisplay::relativeTime(now.addDays(-1), now), QStringLiteral("Hier"));
        const QDateTime old(QDate(2026, 3, 4), QTime(12, 0), Qt::UTC);
        QCOMPARE(SessionDisplay::relativeTime(old, now), QStringLiteral("04/03/2026"));
        // The server is asked to name places in the language the user reads.
        QCOMPARE(vigie::client::ApiClient::acceptLanguage(), QByteArray("fr, en;q=0.5"));
        QVERIFY(SessionDisplay::exactTime(old).contains(QStringLiteral("mars")));

        vigie::widgets::SignInWidget signIn;
        QCOMPARE(signIn.findChild<QLabel*>(QStringLiteral("titleLabel"))->text(),
                 QStringLiteral("Se connecter à Vigie"));
        QCOMPARE(signIn.findChild<QPushButton*>(QStringLiteral("signInButton"))->text(),
                 QStringLiteral("Se &connecter"));

        // Qt's own strings (qt6-translations-l10n).
        if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) +
                           QStringLiteral("/qtbase_fr.qm")))
            QSKIP("qtbase_fr.qm is not installed (Debian package qt6-translations-l10n)");
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')),
                 QStringLiteral("Annuler"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
