#pragma once

#include "AddressRecognition.h"
#include "DeviceRecognition.h"
#include "crypto/PasswordHasher.h"
#include "services/AuthService.h"
#include "store/SessionStore.h"

#include <string>

namespace vigie::server {

struct DemoAccounts
{
    std::string userEmail;
    std::string userPassword;
    std::string supportEmail;
    std::string supportPassword;
    int sessions = 0;
};

// Creates (or resets) the demo user and a support account, and gives the demo user a
// believable set of sessions on several devices in several countries. Passwords come from
// VIGIE_DEMO_PASSWORD / VIGIE_DEMO_SUPPORT_PASSWORD, or are generated and printed.
DemoAccounts seedDemo(SessionStore& store, PasswordHasher& hasher, AuthService& auth,
                      const DeviceRecognition& devices, const AddressRecognition& addresses);

} // namespace vigie::server
