#include "widgets/NotMeFlow.h"

#include "client/AccountSession.h"
#include "client/GuardedAction.h"
#include "client/SessionDisplay.h"
#include "widgets/AccountSecurityDialog.h"
#include "widgets/Dialogs.h"
#include "widgets/MainWindow.h"
#include "widgets/PasswordPromptDialog.h"
#include "widgets/SessionsWidget.h"

namespace vigie::widgets {

using vigie::client::ApiError;
using vigie::client::qs;
using vigie::client::SessionDisplay;

NotMeFlow::NotMeFlow(MainWindow* window, const QString& sessionId)
    : QObject(window), m_window(window), m_sessionId(sessionId.toLower())
{}

void NotMeFlow::setStep(Step step)
{
    m_step = step;
    Q_EMIT stepChanged(step);
}

void NotMeFlow::finish(Step step)
{
    setStep(step);
    Q_EMIT finished(step == Step::Done);
    deleteLater();
}

void NotMeFlow::start()
{
    auto* account = m_window ? m_window->account() : nullptr;
    if (!account || !account->isSignedIn() ||
        m_sessionId.compare(account->sessionId(), Qt::CaseInsensitive) == 0) {
        finish(Step::Cancelled); // this device is not someone else
        return;
    }
    setStep(Step::Confirming);
    auto* model = m_window->sessionsWidget()->model();
    const auto session = model->session(model->rowOf(m_sessionId));
    QString text = tr("Sign out that session now?");
    if (session) {
        m_description = SessionDisplay::sessionDescription(*session);
        text = tr("Sign out %1 (%2, %3) now?")
                   .arg(m_description, SessionDisplay::locationDescription(*session), qs(session->ipAddress));
    }
    const bool confirmed = Dialogs::confirm(
        m_window, tr("Not you?"), text, tr("Sign it out"),
        tr("If you do not recognise this sign-in, someone else may know your password. Vigie signs that "
           "session out, then helps you change your password and check what is still signed in."));
    if (!confirmed) {
        finish(Step::Cancelled);
        return;
    }
    signOutSession();
}

void NotMeFlow::signOutSession()
{
    setStep(Step::SigningOut);
    vigie::client::GuardedAction action;
    action.start = [this]() -> vigie::client::ApiJob* {
        auto* account = m_window ? m_window->account() : nullptr;
        if (!account || !account->isSignedIn())
            return nullptr;
        auto* job = account->revokeSession(m_sessionId);
        connect(job, &vigie::client::RevokeSessionJob::finished, this, [this] {
            m_window->sessionsWidget()->model()->removeSession(m_sessionId);
            offerPasswordChange();
        });
        return job;
    };
    action.askPassword = [this](std::function<void()> confirmed) {
        auto* prompt = PasswordPromptDialog::ask(
            m_window, m_window->account(),
            tr("For your security, enter the password of %1 again to sign out the session you do not "
               "recognise.")
                .arg(m_window->account()->email()),
            std::move(confirmed));
        connect(prompt, &QDialog::rejected, this, [this] { finish(Step::Cancelled); });
    };
    action.failed = [this](const ApiError& error) {
        if (error.isNotFound()) { // it ended meanwhile: what matters next still does
            offerPasswordChange();
            return;
        }
        if (!error.isSignedOut() && error.kind != ApiError::Kind::Cancelled && m_window)
            Dialogs::warning(m_window, tr("Not you?"),
                             tr("Could not sign that session out: %1").arg(error.message));
        finish(Step::Cancelled);
    };
    action.run(this);
}

void NotMeFlow::offerPasswordChange()
{
    auto* account = m_window ? m_window->account() : nullptr;
    if (!account || !account->supports(vigie::feature::kPasswordChange)) {
        review();
        return;
    }
    setStep(Step::ChangingPassword);
    const QString what = m_description.isEmpty() ? tr("That session is signed out.")
                                                 : tr("%1 is signed out.").arg(m_description);
    if (!Dialogs::confirm(
            m_window, tr("Change your password?"), tr("%1 Change your password now?").arg(what),
            tr("Change password…"),
            tr("Whoever signed in there knew your password. A new one, with every other session "
               "signed out, keeps them out."))) {
        review();
        return;
    }
    auto* dialog = m_window->showAccountSecurity(AccountSecurityDialog::Section::Password);
    if (!dialog) {
        review();
        return;
    }
    connect(dialog, &QDialog::finished, this, &NotMeFlow::review);
}

void NotMeFlow::review()
{
    if (m_step == Step::Reviewing || !m_window) {
        return;
    }
    setStep(Step::Reviewing);
    m_window->showSessionsView();
    m_window->sessionsWidget()->showStatus(
        (m_description.isEmpty() ? tr("That session is signed out.")
                                 : tr("%1 is signed out.").arg(m_description)) +
        QLatin1Char(' ') +
        tr("These are the sessions still signed in: sign out any other you do not recognise."));
    m_window->sessionsWidget()->refresh();
    finish(Step::Done);
}

} // namespace vigie::widgets
