#pragma once

#include <stdexcept>
#include <string>

namespace mams::storage {

enum class StorageErrorKind {
  kUnavailable,  ///< cannot connect, connection lost, pool exhausted: retry later (503)
  kConstraint,   ///< unique / foreign key / not-null violated (409 or 422 by the caller)
  kBusy,         ///< lock wait timed out or deadlock: the transaction may be retried
  kSchema,       ///< schema missing or newer than this binary
  kUsage,        ///< a defect: bad SQL, wrong column, wrong type
};

/// Thrown by the storage layer. Messages name the backend and the statement's purpose but
/// never bound values, which may be personal data.
class StorageError : public std::runtime_error {
 public:
  StorageError(StorageErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  StorageErrorKind kind() const { return kind_; }

 private:
  StorageErrorKind kind_;
};

}  // namespace mams::storage
