// One libpq result, owned; and the error a failed PostgreSQL call becomes.
//
// Values are read in text format: libpq hands every column over as text, which
// is what the store writes and parses (integers, text, "t"/"f").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

struct pg_result;

namespace phongdich {

// A failure reported by PostgreSQL. The message names what the store was doing
// and the server's primary message, never the SQL text or the bound values (they
// may hold personal data, and the message can end up in a response).
class PgError : public StoreError {
 public:
  PgError(std::string sqlstate, const std::string& message)
      : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  // The five-character SQLSTATE ("23505" unique violation...); empty when the
  // failure came from the connection rather than the server.
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// SQLSTATE codes the store reacts to.
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kForeignKeyViolation = "23503";
inline constexpr std::string_view kReadOnlyTransaction = "25006";

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(pg_result* result) : result_(result) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept;
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  bool empty() const { return rows() == 0; }
  // Rows changed by an INSERT, UPDATE or DELETE.
  int64_t affected_rows() const;
  // The command tag: "INSERT 0 1", "COMMIT", "ROLLBACK"...
  std::string_view command_status() const;

  // Rows and columns are numbered from 0. Text is valid while the result lives.
  bool is_null(int row, int column) const;
  std::string_view text(int row, int column) const;
  int64_t int64(int row, int column) const;  // NULL reads as 0
  bool boolean(int row, int column) const;   // "t"
  std::optional<int64_t> optional_int64(int row, int column) const;
  std::optional<std::string> optional_text(int row, int column) const;

  pg_result* get() const { return result_; }

 private:
  pg_result* result_ = nullptr;
};

}  // namespace phongdich
