#include "widgets/Dialogs.h"

#include <QFileDialog>
#include <QPushButton>
#include <QQueue>

namespace vigie::widgets {

namespace {

struct Script
{
    QQueue<QMessageBox::StandardButton> answers;
    QQueue<QString> saveFileNames;
    QString lastTitle;
    QString lastText;
};

Script& script()
{
    static Script s;
    return s;
}

} // namespace

QMessageBox::StandardButton Dialogs::show(QWidget* parent, QMessageBox::Icon icon, const QString& title,
                                          const QString& text, const QString& informativeText,
                                          const QString& actionText)
{
    Script& s = script();
    s.lastTitle = title;
    s.lastText = informativeText.isEmpty() ? text : text + QLatin1Char('\n') + informativeText;
    if (!s.answers.isEmpty())
        return s.answers.dequeue();

    QMessageBox box(icon, title, text, QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("messageBox"));
    box.setInformativeText(informativeText);
    box.setTextFormat(Qt::PlainText);
    if (actionText.isEmpty()) {
        box.setStandardButtons(QMessageBox::Ok);
    } else {
        QPushButton* go = box.addButton(actionText, QMessageBox::DestructiveRole);
        go->setObjectName(QStringLiteral("confirmButton"));
        QPushButton* cancel = box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(cancel);
        box.setEscapeButton(cancel);
        box.exec();
        return box.clickedButton() == go ? QMessageBox::Ok : QMessageBox::Cancel;
    }
    box.exec();
    return QMessageBox::Ok;
}

bool Dialogs::confirm(QWidget* parent, const QString& title, const QString& text, const QString& actionText,
                      const QString& informativeText)
{
    const auto answer = show(parent, QMessageBox::Question, title, text, informativeText, actionText);
    return answer == QMessageBox::Ok || answer == QMessageBox::Yes;
}

void Dialogs::information(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, QMessageBox::Information, title, text, {}, {});
}

void Dialogs::warning(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, QMessageBox::Warning, title, text, {}, {});
}

void Dialogs::about(QWidget* parent, const QString& title, const QString& text)
{
    Script& s = script();
    s.lastTitle = title;
    s.lastText = text;
    if (!s.answers.isEmpty()) {
        s.answers.dequeue();
        return;
    }
    QMessageBox::about(parent, title, text);
}

QString Dialogs::saveFileName(QWidget* parent, const QString& caption, const QString& suggestedPath,
                              const QString& filter)
{
    Script& s = script();
    if (!s.saveFileNames.isEmpty())
        return s.saveFileNames.dequeue();
    return QFileDialog::getSaveFileName(parent, caption, suggestedPath, filter);
}

void Dialogs::setNextAnswer(QMessageBox::StandardButton answer)
{
    script().answers.enqueue(answer);
}

void Dialogs::setNextSaveFileName(const QString& path)
{
    script().saveFileNames.enqueue(path);
}

void Dialogs::clearScript()
{
    script() = Script{};
}

int Dialogs::pendingAnswers()
{
    return int(script().answers.size());
}

QString Dialogs::lastTitle()
{
    return script().lastTitle;
}

QString Dialogs::lastText()
{
    return script().lastText;
}

} // namespace vigie::widgets
