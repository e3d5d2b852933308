// Status and Result<T>: the one error vocabulary used from storage to HTTP.
//
// A Status is either OK or carries a code from a fixed set plus a message meant
// for people (English for logs, or Chinese when it is shown to users). Result<T>
// holds either a value or a non-OK Status. Both are plain values: safe to copy
// and to move between threads; not safe to mutate concurrently.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace lianxin {

// The fixed set of error kinds; http/ maps each to one HTTP status.
enum class StatusCode {
  kOk = 0,
  kNotFound,            // 404: no such ticket, unit, user...
  kInvalidArgument,     // 400: malformed or out-of-range input
  kAlreadyExists,       // 409: unique key taken
  kFailedPrecondition,  // 409: illegal state change
  kAborted,             // 409: optimistic concurrency conflict; retrying may succeed
  kUnauthenticated,     // 401: no or bad credentials
  kPermissionDenied,    // 403: authenticated but not allowed
  kResourceExhausted,   // 413/429: too large or too many
  kUnavailable,         // 503: dependency down; retrying may succeed
  kInternal,            // 500: broken invariant or unexpected failure
};

// Returns a stable lower_snake_case name of `code` ("not_found"), used in error bodies.
const char* StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status FailedPrecondition(std::string m) {
    return {StatusCode::kFailedPrecondition, std::move(m)};
  }
  static Status Aborted(std::string m) { return {StatusCode::kAborted, std::move(m)}; }
  static Status Unauthenticated(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }
  static Status PermissionDenied(std::string m) {
    return {StatusCode::kPermissionDenied, std::move(m)};
  }
  static Status ResourceExhausted(std::string m) {
    return {StatusCode::kResourceExhausted, std::move(m)};
  }
  static Status Unavailable(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "not_found: ticket 42" style text for logs.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Either a T or a non-OK Status. Accessing value() of an error is a bug (asserts).
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // The error; OK when the result holds a value.
  Status status() const { return ok() ? Status() : std::get<Status>(data_); }
  T& value() & { assert(ok()); return std::get<T>(data_); }
  const T& value() const& { assert(ok()); return std::get<T>(data_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace lianxin

// Returns early from the calling function with the error of `expr` (a Status).
#define LX_RETURN_IF_ERROR(expr)            \
  do {                                      \
    ::lianxin::Status lx_status_ = (expr);  \
    if (!lx_status_.ok()) return lx_status_; \
  } while (0)

#define LX_CONCAT_INNER(a, b) a##b
#define LX_CONCAT(a, b) LX_CONCAT_INNER(a, b)
// Declares `lhs` from the value of a Result expression, or returns its error.
#define LX_ASSIGN_OR_RETURN(lhs, expr)                                   \
  auto LX_CONCAT(lx_result_, __LINE__) = (expr);                         \
  if (!LX_CONCAT(lx_result_, __LINE__).ok())                             \
    return LX_CONCAT(lx_result_, __LINE__).status();                     \
  lhs = std::move(LX_CONCAT(lx_result_, __LINE__)).value()
