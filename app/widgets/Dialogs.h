#pragma once

#include <QCoreApplication>
#include <QMessageBox>
#include <QString>

class QWidget;

namespace vigie::widgets {

// The app's blocking message boxes and file dialogs in one place, so that tests can script
// them (KeePassXC's MessageBox): setNextAnswer() queues the button the next box "chooses"
// without showing anything; setNextSaveFileName() does the same for the save dialog. Without a
// scripted answer the real dialog is shown.
class Dialogs
{
    Q_DECLARE_TR_FUNCTIONS(Dialogs)

public:
    // Asks before something that cannot be undone. actionText labels the button that goes ahead
    // ("Sign out"); Cancel is the default, so Enter alone never destroys anything.
    static bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& actionText,
                        const QString& informativeText = {});
    static void information(QWidget* parent, const QString& title, const QString& text);
    static void warning(QWidget* parent, const QString& title, const QString& text);
    static void about(QWidget* parent, const QString& title, const QString& text);
    // An empty string when cancelled.
    static QString saveFileName(QWidget* parent, const QString& caption, const QString& suggestedPath,
                                const QString& filter);

    // For tests: the answer of the next message box (Ok or Yes goes ahead; Cancel or No does
    // not), and the path the next save dialog returns. Answers are used in order.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    static void setNextSaveFileName(const QString& path);
    static void clearScript();
    static int pendingAnswers();
    // The title and text of the last box asked, scripted or not.
    static QString lastTitle();
    static QString lastText();

private:
    static QMessageBox::StandardButton show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                            const QString& text, const QString& informativeText,
                                            const QString& actionText);
};

} // namespace vigie::widgets
