#pragma once

// The machine codes of the API's error bodies ({"error": "<code>", "message": "…"}), the one
// list the server answers with and the app checks against. docs/openapi.yaml (ErrorCode)
// says which status goes with each.
namespace vigie::error_code {

inline constexpr char kInvalidRequest[] = "invalid_request";                     // 400
inline constexpr char kUnauthorized[] = "unauthorized";                          // 401
inline constexpr char kInvalidCredentials[] = "invalid_credentials";             // 401
inline constexpr char kInvalidGrant[] = "invalid_grant";                         // 401
inline constexpr char kForbidden[] = "forbidden";                                // 403
inline constexpr char kReauthenticationRequired[] = "reauthentication_required"; // 403
inline constexpr char kNotFound[] = "not_found";                                 // 404
inline constexpr char kMethodNotAllowed[] = "method_not_allowed";                // 405
inline constexpr char kPayloadTooLarge[] = "payload_too_large";                  // 413
inline constexpr char kTooManyRequests[] = "too_many_requests";                  // 429
inline constexpr char kInternal[] = "internal";                                  // 500
inline constexpr char kServiceUnavailable[] = "service_unavailable";             // 503
// API.md is silent on oversized request heads; docs/openapi.yaml names these.
inline constexpr char kUriTooLong[] = "uri_too_long";         // 414
inline constexpr char kHeaderTooLarge[] = "header_too_large"; // 431
// API.md v1.1: a new password that breaks a rule; the message says which.
inline constexpr char kWeakPassword[] = "weak_password"; // 400

// Every code above, so a test can hold the list to the contract.
inline constexpr const char* kAll[] = {kInvalidRequest,  kUnauthorized,     kInvalidCredentials,
                                       kInvalidGrant,    kForbidden,        kReauthenticationRequired,
                                       kNotFound,        kMethodNotAllowed, kPayloadTooLarge,
                                       kTooManyRequests, kInternal,         kServiceUnavailable,
                                       kUriTooLong,      kHeaderTooLarge,   kWeakPassword};

} // namespace vigie::error_code
