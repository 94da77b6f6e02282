// Exceptions an action may throw, and the ABI status each one becomes at the trampoline.
#pragma once

#include <actionhost/plugin.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ah {

// The name of a status code, for messages ("AH_ERR_DUPLICATE").
inline std::string_view status_name(ah_status status) noexcept {
  static constexpr std::string_view names[] = {
      "AH_OK",           "AH_ERR_INVALID_ARGUMENT", "AH_ERR_NOT_FOUND",   "AH_ERR_CANCELLED",
      "AH_ERR_TIMEOUT",  "AH_ERR_UNAVAILABLE",      "AH_ERR_PERMISSION",  "AH_ERR_UPSTREAM",
      "AH_ERR_INTERNAL", "AH_ERR_UNSUPPORTED",      "AH_ERR_WRONG_PHASE", "AH_ERR_INPUT_REQUIRED",
      "AH_ERR_TOOL",     "AH_ERR_DUPLICATE"};
  if (status >= 0 && static_cast<size_t>(status) < std::size(names))
    return names[status];
  return "unknown status";
}

// Base of every error that knows its ABI status. The trampoline reports what() through
// host->set_error and returns status().
class Error : public std::runtime_error {
public:
  Error(ah_status status, const std::string& message)
      : std::runtime_error(message), status_(status == AH_OK ? AH_ERR_INTERNAL : status) {}
  ah_status status() const noexcept { return status_; }

private:
  ah_status status_;
};

// The action failed in a way the model can act on ("no calendar named 'work'").
class ToolError : public Error {
public:
  explicit ToolError(const std::string& message) : Error(AH_ERR_TOOL, message) {}
};

// The named thing (resource, record, ...) does not exist.
class NotFound : public Error {
public:
  explicit NotFound(const std::string& message) : Error(AH_ERR_NOT_FOUND, message) {}
};

// The request was cancelled; thrown by Context::progress and Context::throw_if_cancelled.
class Cancelled : public Error {
public:
  Cancelled() : Error(AH_ERR_CANCELLED, "cancelled") {}
};

// A host service (proxy, client request) failed; status() is the host's status.
class HostError : public Error {
public:
  using Error::Error;
};

// The proxy could not deliver a request or bring back a usable response (AH_ERR_PERMISSION:
// URL not allowed, AH_ERR_UNAVAILABLE, AH_ERR_TIMEOUT, AH_ERR_CANCELLED, AH_ERR_UPSTREAM).
// An HTTP error status is not one: it arrives as an ah::Response.
class HttpError : public HostError {
public:
  using HostError::HostError;
};

// One bad value in decoded JSON: where it is and what is wrong with it.
struct DecodeIssue {
  std::string path; // "attendees[2].email"; "(root)" for the value itself
  std::string message;
  friend bool operator==(const DecodeIssue&, const DecodeIssue&) = default;
};

// Every problem found while decoding one JSON value, not just the first.
class DecodeError : public Error {
public:
  explicit DecodeError(std::vector<DecodeIssue> issues)
      : Error(AH_ERR_INVALID_ARGUMENT, render(issues)), issues_(std::move(issues)) {}
  DecodeError(std::string path, std::string message)
      : DecodeError(std::vector<DecodeIssue>{{std::move(path), std::move(message)}}) {}
  const std::vector<DecodeIssue>& issues() const noexcept { return issues_; }

private:
  static std::string render(const std::vector<DecodeIssue>& issues) {
    std::string out = "invalid arguments: ";
    for (size_t i = 0; i < issues.size(); ++i)
      out += (i ? "; " : "") + issues[i].path + ": " + issues[i].message;
    return out;
  }
  std::vector<DecodeIssue> issues_;
};

// The client must be asked first (stateless protocol era, see ah_host_api.client_request). It is
// deliberately not a std::exception, so that a `catch (const std::exception&)` in action code
// does not swallow it; the trampoline returns AH_ERR_INPUT_REQUIRED without an error message.
struct InputRequired {};

} // namespace ah
