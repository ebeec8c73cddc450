#pragma once

#include "core/ErrorCodes.h"

#include <stdexcept>
#include <string>

namespace vigie::server {

// An API error as API.md defines it: the HTTP status and the {"error","message"} body. The
// services throw it; the HTTP layer turns it into a response. Messages are for people and
// never contain secrets or internals.
struct ApiError : std::runtime_error
{
    ApiError(int status, std::string code, const std::string& message, long long retryAfterSeconds = 0)
        : std::runtime_error(message), status(status), code(std::move(code)), retryAfter(retryAfterSeconds)
    {}

    int status;
    std::string code;
    long long retryAfter; // seconds, for 429

    static ApiError invalidRequest(const std::string& message)
    {
        return {400, error_code::kInvalidRequest, message};
    }
    static ApiError unauthorized()
    {
        return {401, error_code::kUnauthorized, "Missing, invalid or expired access token."};
    }
    static ApiError invalidCredentials()
    {
        return {401, error_code::kInvalidCredentials, "Wrong email or password."};
    }
    static ApiError invalidGrant()
    {
        return {401, error_code::kInvalidGrant,
                "The refresh token is invalid, expired or revoked. Sign in again."};
    }
    static ApiError forbidden()
    {
        return {403, error_code::kForbidden, "Your account is not allowed to do this."};
    }
    static ApiError reauthenticationRequired()
    {
        return {403, error_code::kReauthenticationRequired,
                "Enter your password again to revoke other sessions."};
    }
    static ApiError notFound(const std::string& what) { return {404, error_code::kNotFound, what}; }
    static ApiError tooManyRequests(long long retryAfter)
    {
        return {429, error_code::kTooManyRequests, "Too many failed attempts. Try again later.", retryAfter};
    }
    // API.md v1.1: a new password that breaks a rule; the message names the rule.
    static ApiError weakPassword(const std::string& message)
    {
        return {400, error_code::kWeakPassword, message};
    }
    // API.md names no code for this; see docs/openapi.yaml.
    static ApiError serviceUnavailable()
    {
        return {503, error_code::kServiceUnavailable,
                "The service is temporarily unavailable. Try again shortly."};
    }
};

} // namespace vigie::server
