#include "widgets/AccountSecurityDialog.h"

#include "client/AccountSession.h"
#include "client/IdleTimeoutChoices.h"
#include "client/Plural.h"
#include "widgets/MessageBanner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>
#include <utility>

namespace vigie::widgets {

using vigie::client::AccountSession;
using vigie::client::ApiError;
using vigie::client::IdleTimeoutChoices;
using vigie::client::resolvePlural;

namespace {

QLineEdit* passwordEdit(const char* name, const QString& accessibleName)
{
    auto* edit = new QLineEdit;
    edit->setObjectName(QString::fromLatin1(name));
    edit->setEchoMode(QLineEdit::Password);
    edit->setAccessibleName(accessibleName);
    return edit;
}

QLabel* note(const QString& text)
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

AccountSecurityDialog::AccountSecurityDialog(AccountSession* account, QWidget* parent)
    : QDialog(parent), m_account(account), m_idleGroup(new QGroupBox(tr("Idle sessions"))),
      m_idleCombo(new QComboBox), m_idleBanner(new MessageBanner),
      m_passwordGroup(new QGroupBox(tr("Change password"))),
      m_currentEdit(passwordEdit("currentPasswordEdit", tr("Current password"))),
      m_newEdit(passwordEdit("newPasswordEdit", tr("New password"))),
      m_confirmEdit(passwordEdit("confirmPasswordEdit", tr("Confirm the new password"))),
      m_signOutOthers(new QCheckBox(tr("Sign &out of all other sessions"))),
      m_changeButton(new QPushButton(tr("C&hange password"))), m_passwordBanner(new MessageBanner)
{
    setObjectName(QStringLiteral("accountSecurityDialog"));
    setWindowTitle(tr("Account security"));
    // In a scroll area: on a small screen (or a large scale factor) every field stays reachable.
    auto* outer = new QVBoxLayout(this);
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("securityScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus);
    auto* contents = new QWidget;
    auto* layout = new QVBoxLayout(contents);
    layout->setContentsMargins(0, 0, 0, 0);

    m_idleGroup->setObjectName(QStringLiteral("idleTimeoutGroup"));
    // The caption above the choice: the longest choice ("2 weeks (the server's maximum)") always
    // has the width to show whole, in every language.
    auto* idleLayout = new QVBoxLayout(m_idleGroup);
    m_idleCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_idleCombo->setObjectName(QStringLiteral("idleTimeoutCombo"));
    m_idleCombo->setAccessibleName(tr("End sessions after inactivity of"));
    auto* idleLabel = new QLabel(tr("&End sessions after inactivity of:"));
    idleLabel->setBuddy(m_idleCombo);
    idleLayout->addWidget(idleLabel);
    idleLayout->addWidget(m_idleCombo, 0, Qt::AlignLeft);
    idleLayout->addWidget(note(tr("A device that has not used your account for this long is signed out and "
                                  "needs the password again; this applies at once to every session, the ones "
                                  "signed in now included.")));
    m_idleBanner->setObjectName(QStringLiteral("idleTimeoutBanner"));
    m_idleBanner->hide();
    idleLayout->addWidget(m_idleBanner);
    layout->addWidget(m_idleGroup);

    m_passwordGroup->setObjectName(QStringLiteral("passwordGroup"));
    auto* passwordLayout = new QFormLayout(m_passwordGroup);
    auto* rules = note(tr("A new password needs 8 to 1024 characters, must differ from the current one, "
                          "and must not be a common password."));
    rules->setObjectName(QStringLiteral("passwordRulesLabel"));
    passwordLayout->addRow(rules);
    const std::pair<QString, QLineEdit*> fields[] = {
        {tr("C&urrent password:"), m_currentEdit},
        {tr("&New password:"), m_newEdit},
        {tr("Con&firm new password:"), m_confirmEdit},
    };
    for (const auto& [caption, edit] : fields) {
        auto* label = new QLabel(caption);
        label->setBuddy(edit);
        passwordLayout->addRow(label, edit);
        connect(edit, &QLineEdit::textChanged, this, &AccountSecurityDialog::updatePasswordButton);
        connect(edit, &QLineEdit::returnPressed, this, &AccountSecurityDialog::changePassword);
    }
    m_signOutOthers->setObjectName(QStringLiteral("signOutOthersCheck"));
    m_signOutOthers->setChecked(true);
    passwordLayout->addRow(m_signOutOthers);
    m_changeButton->setObjectName(QStringLiteral("changePasswordButton"));
    m_changeButton->setAutoDefault(false);
    passwordLayout->addRow(m_changeButton);
    m_passwordBanner->setObjectName(QStringLiteral("passwordBanner"));
    m_passwordBanner->hide();
    passwordLayout->addRow(m_passwordBanner);
    layout->addWidget(m_passwordGroup);
    layout->addStretch();
    scroll->setWidget(contents);
    outer->addWidget(scroll);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    buttons->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    outer->addWidget(buttons);

    connect(m_idleCombo, &QComboBox::activated, this, &AccountSecurityDialog::applyIdleTimeout);
    connect(m_changeButton, &QPushButton::clicked, this, &AccountSecurityDialog::changePassword);

    const bool settings = account && account->supports(vigie::feature::kSettings);
    const bool password = account && account->supports(vigie::feature::kPasswordChange);
    m_idleGroup->setVisible(settings);
    m_passwordGroup->setVisible(password);
    m_idleCombo->setEnabled(false);
    updatePasswordButton();
    const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
    const QSize room = screen ? screen->availableGeometry().size() * 9 / 10 : QSize(1024, 768);
    setMinimumWidth(qMin(480, room.width()));
    resize(QSize(qMax(width(), contents->sizeHint().width() + 40),
                 contents->sizeHint().height() + buttons->sizeHint().height() + 40)
               .boundedTo(room));
    if (settings)
        loadSettings();
}

AccountSecurityDialog::~AccountSecurityDialog() = default;

AccountSecurityDialog* AccountSecurityDialog::open(QWidget* parent, AccountSession* account, Section focus)
{
    auto* dialog = new AccountSecurityDialog(account, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->QDialog::open();
    if (focus == Section::Password && dialog->m_passwordGroup->isVisibleTo(dialog))
        dialog->m_currentEdit->setFocus();
    else
        dialog->m_focusIdleWhenLoaded = true; // the choice is disabled until the server answers
    return dialog;
}

QString AccountSecurityDialog::passwordMessage() const
{
    return m_passwordBanner->isHidden() ? QString() : m_passwordBanner->text();
}

QString AccountSecurityDialog::settingsMessage() const
{
    return m_idleBanner->isHidden() ? QString() : m_idleBanner->text();
}

void AccountSecurityDialog::setBusy(bool busy)
{
    m_busy = busy;
    updatePasswordButton();
}

void AccountSecurityDialog::loadSettings()
{
    if (!m_account)
        return;
    auto* job = m_account->accountSettings();
    connect(job, &vigie::client::AccountSettingsJob::finished, this, &AccountSecurityDialog::showSettings);
    connect(job, &vigie::client::ApiJob::failed, this, [this](const ApiError& error) {
        m_idleBanner->showMessage(MessageBanner::Kind::Error,
                                  tr("Could not read your settings: %1").arg(error.message));
    });
}

void AccountSecurityDialog::showSettings(const vigie::AccountSettings& settings)
{
    m_settings = settings;
    m_idleCombo->clear();
    const auto choices = IdleTimeoutChoices::choices(settings);
    for (const auto& choice : choices) {
        m_idleCombo->addItem(choice.label, QVariant::fromValue(choice.seconds));
        if (choice.seconds == settings.idleTimeoutSeconds)
            m_idleCombo->setCurrentIndex(m_idleCombo->count() - 1);
    }
    m_idleCombo->setEnabled(m_idleCombo->count() > 0);
    if (std::exchange(m_focusIdleWhenLoaded, false))
        m_idleCombo->setFocus();
}

void AccountSecurityDialog::applyIdleTimeout(int index)
{
    const long long seconds = m_idleCombo->itemData(index).toLongLong();
    if (!m_account || seconds <= 0 || seconds == m_settings.idleTimeoutSeconds)
        return;
    m_idleCombo->setEnabled(false);
    auto* job = m_account->setIdleTimeout(seconds);
    connect(job, &vigie::client::AccountSettingsJob::finished, this,
            [this](const vigie::AccountSettings& settings) {
                showSettings(settings);
                m_idleBanner->showMessage(
                    MessageBanner::Kind::Information,
                    tr("Saved: sessions now end after %1 without activity.")
                        .arg(IdleTimeoutChoices::periodText(settings.idleTimeoutSeconds)));
            });
    connect(job, &vigie::client::ApiJob::failed, this, [this](const ApiError& error) {
        showSettings(m_settings); // back to what the server has
        m_idleBanner->showMessage(MessageBanner::Kind::Error, tr("Not saved: %1").arg(error.message));
    });
    connect(job, &vigie::client::ApiJob::done, this,
            [this] { m_idleCombo->setEnabled(m_idleCombo->count() > 0); });
}

QString AccountSecurityDialog::localPasswordProblem() const
{
    const QString next = m_newEdit->text();
    const auto length = next.toUcs4().size();
    if (length < vigie::kPasswordMinLength || length > vigie::kPasswordMaxLength)
        return tr("The new password needs %1 to %2 characters; it has %3.")
            .arg(vigie::kPasswordMinLength)
            .arg(vigie::kPasswordMaxLength)
            .arg(length);
    if (next == m_currentEdit->text())
        return tr("The new password must differ from the current one.");
    if (next != m_confirmEdit->text())
        return tr("The two new passwords differ; type the same one twice.");
    return {};
}

void AccountSecurityDialog::updatePasswordButton()
{
    m_changeButton->setEnabled(!m_busy && !m_currentEdit->text().isEmpty() && !m_newEdit->text().isEmpty() &&
                               !m_confirmEdit->text().isEmpty());
}

void AccountSecurityDialog::changePassword()
{
    if (!m_account || !m_changeButton->isEnabled())
        return;
    if (const QString problem = localPasswordProblem(); !problem.isEmpty()) {
        m_passwordBanner->showMessage(MessageBanner::Kind::Error, problem);
        m_newEdit->setFocus();
        return;
    }
    m_passwordBanner->hide();
    setBusy(true);
    auto* job =
        m_account->changePassword(m_currentEdit->text(), m_newEdit->text(), m_signOutOthers->isChecked());
    connect(job, &vigie::client::ChangePasswordJob::finished, this, [this](int revoked) {
        m_currentEdit->clear();
        m_newEdit->clear();
        m_confirmEdit->clear();
        const QString text =
            revoked > 0 ? resolvePlural(tr("Your password has been changed, and %n other session(s) were "
                                           "signed out.",
                                           nullptr, revoked),
                                        revoked)
                        : tr("Your password has been changed. No other session was signed in.");
        m_passwordBanner->showMessage(MessageBanner::Kind::Information,
                                      m_signOutOthers->isChecked()
                                          ? text
                                          : tr("Your password has been changed. Your other sessions stay "
                                               "signed in."));
        Q_EMIT passwordChanged(revoked);
    });
    connect(job, &vigie::client::ApiJob::failed, this, &AccountSecurityDialog::onPasswordFailed);
    connect(job, &vigie::client::ApiJob::done, this, [this] { setBusy(false); });
}

void AccountSecurityDialog::onPasswordFailed(const ApiError& error)
{
    if (error.isSignedOut() || error.kind == ApiError::Kind::Cancelled) {
        reject();
        return;
    }
    QString text = error.message;
    if (error.isInvalidCredentials()) {
        text = tr("Your current password is not correct.");
        m_currentEdit->selectAll();
        m_currentEdit->setFocus();
    } else if (error.isWeakPassword()) {
        m_newEdit->selectAll();
        m_newEdit->setFocus();
    }
    m_passwordBanner->showMessage(MessageBanner::Kind::Error, text);
}

} // namespace vigie::widgets
