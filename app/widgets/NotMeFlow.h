#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

namespace vigie::client {
struct ApiError;
} // namespace vigie::client

namespace vigie::widgets {

class MainWindow;

// "That was not me": one flow from a session the user does not recognise (a row of the list, or
// a sign-in notification) to an account that is theirs again. It signs that session out (asking
// for the password when the server wants it), offers to change the password (when the server
// can), then shows the sessions that remain. Started by MainWindow::startNotMeFlow(); it deletes
// itself when done.
class NotMeFlow : public QObject
{
    Q_OBJECT

public:
    enum class Step { NotStarted, Confirming, SigningOut, ChangingPassword, Reviewing, Done, Cancelled };
    Q_ENUM(Step)

    NotMeFlow(MainWindow* window, const QString& sessionId);

    void start();
    Step step() const { return m_step; }
    QString sessionId() const { return m_sessionId; }

Q_SIGNALS:
    void stepChanged(vigie::widgets::NotMeFlow::Step step);
    // completed: the session was signed out and the user sees what remains.
    void finished(bool completed);

private:
    void signOutSession();
    void offerPasswordChange();
    void review();
    void finish(Step step);
    void setStep(Step step);

    QPointer<MainWindow> m_window;
    QString m_sessionId;
    QString m_description; // the session in words, while it is still listed
    Step m_step = Step::NotStarted;
};

} // namespace vigie::widgets
