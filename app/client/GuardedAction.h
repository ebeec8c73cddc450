#pragma once

#include "client/ApiJob.h"

#include <QObject>
#include <functional>

namespace vigie::client {

// An action on an account that the server may refuse until the password is entered again
// (403 reauthentication_required): sign out a session, all the others, or support's sign-out.
// One place says how such an action runs: start the job; when the server asks for the
// password, ask the user, and once it is confirmed start the action again, from the start.
struct GuardedAction
{
    // Starts the job (and connects its typed finished() signal); nullptr when the action is no
    // longer possible (signed out, another account).
    std::function<ApiJob*()> start;
    // Asks for the password; calls confirmed() once the server has accepted it. Without it, a
    // request for the password is an ordinary failure.
    std::function<void(std::function<void()> confirmed)> askPassword;
    // Any other failure of an attempt.
    std::function<void(const ApiError&)> failed;
    // After every attempt, whatever its end (for busy indicators).
    std::function<void()> done;

    // Runs the action; the callbacks are called only while context lives.
    void run(QObject* context) const;
};

} // namespace vigie::client
