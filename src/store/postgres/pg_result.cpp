#include "store/postgres/pg_result.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <utility>

namespace phongdich {

PgResult::~PgResult() { PQclear(result_); }

PgResult::PgResult(PgResult&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    PQclear(result_);
    result_ = std::exchange(other.result_, nullptr);
  }
  return *this;
}

int PgResult::rows() const { return result_ == nullptr ? 0 : PQntuples(result_); }

int64_t PgResult::affected_rows() const {
  if (result_ == nullptr) return 0;
  const std::string_view count = PQcmdTuples(result_);
  int64_t value = 0;
  std::from_chars(count.data(), count.data() + count.size(), value);
  return value;
}

std::string_view PgResult::command_status() const {
  return result_ == nullptr ? std::string_view() : std::string_view(PQcmdStatus(result_));
}

bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string_view PgResult::text(int row, int column) const {
  return {PQgetvalue(result_, row, column), static_cast<size_t>(PQgetlength(result_, row, column))};
}

int64_t PgResult::int64(int row, int column) const {
  const std::string_view digits = text(row, column);
  int64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) {
    if (digits.empty()) return 0;  // NULL
    throw StoreError("postgres: column " + std::to_string(column) + " is not an integer");
  }
  return value;
}

bool PgResult::boolean(int row, int column) const { return text(row, column) == "t"; }

std::optional<int64_t> PgResult::optional_int64(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return int64(row, column);
}

std::optional<std::string> PgResult::optional_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return std::string(text(row, column));
}

}  // namespace phongdich
