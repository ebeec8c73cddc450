#include "client/GuardedAction.h"

#include <QPointer>

namespace vigie::client {

void GuardedAction::run(QObject* context) const
{
    if (!start)
        return;
    ApiJob* job = start();
    if (!job)
        return;
    if (done)
        QObject::connect(job, &ApiJob::done, context, done);
    const GuardedAction action = *this;
    QObject::connect(job, &ApiJob::failed, context, [context, action](const ApiError& error) {
        if (error.isReauthenticationRequired() && action.askPassword) {
            const QPointer<QObject> alive(context);
            action.askPassword([alive, action] {
                if (alive)
                    action.run(alive);
            });
            return;
        }
        if (action.failed)
            action.failed(error);
    });
}

} // namespace vigie::client
