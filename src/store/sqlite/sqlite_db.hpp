// A thin RAII layer over the SQLite C API: a connection and its prepared statements.
//
// Errors become StoreError carrying SQLite's message. Nothing here knows the schema.
// A SqliteDb and its statements are used from one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace phongdich {

// A failure reported by SQLite, with its extended result code (SQLITE_CONSTRAINT_UNIQUE...).
class SqliteError : public StoreError {
 public:
  SqliteError(int code, const std::string& message) : StoreError(message), code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

// One prepared statement. Text bound with bind() is not copied: it must stay alive
// until the next step() or reset(), which is what a bind-step-reset loop does anyway.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are numbered from 1, as in SQL.
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind_null(int index);
  // Empty text and nullopt are stored as NULL.
  Statement& bind_text_or_null(int index, std::string_view text);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, const std::optional<int64_t>& value);

  // Returns true when a row is ready, false when the statement is done.
  bool step();
  // Steps a statement that returns no rows (or whose rows are of no interest).
  void run();
  // Makes the statement ready to run again; bindings are kept until rebound.
  void reset();

  // Columns are numbered from 0.
  int64_t column_int64(int index) const;
  bool column_is_null(int index) const;
  // Valid until the next step() or reset().
  std::string_view column_text(int index) const;
  std::optional<std::string> column_optional_text(int index) const;
  std::optional<int64_t> column_optional_int64(int index) const;

 private:
  [[noreturn]] void fail(int code) const;

  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDb {
 public:
  // Opens (and creates) the database file. map_whole_file: through
  // mapped_file_vfs.hpp, for connections that mostly read.
  explicit SqliteDb(const std::string& path, bool map_whole_file = false);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements that return no rows (schema, pragmas, BEGIN...).
  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_, sql); }
  // The single integer or text a query returns (e.g. a pragma); nullopt when no row.
  std::optional<int64_t> query_int64(std::string_view sql);
  std::optional<std::string> query_text(std::string_view sql);

  int64_t changes() const;
  int64_t last_insert_rowid() const;
  bool in_transaction() const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// "SELECT <columns> <rest>": the column lists are shared by the statements that
// read the same row shape.
inline std::string select_from(std::string_view columns, std::string_view rest) {
  std::string sql = "SELECT ";
  sql += columns;
  sql += ' ';
  sql += rest;
  return sql;
}

// Runs `work` between `begin` ("BEGIN", "BEGIN IMMEDIATE") and COMMIT on a
// connection with no transaction open; rolled back if it throws.
void run_in_transaction(SqliteDb& db, std::string_view begin, const std::function<void()>& work);

// Resets a shared statement however the block using it ends.
class ResetOnExit {
 public:
  explicit ResetOnExit(Statement& statement) : statement_(statement) {}
  ~ResetOnExit() { statement_.reset(); }
  ResetOnExit(const ResetOnExit&) = delete;
  ResetOnExit& operator=(const ResetOnExit&) = delete;

 private:
  Statement& statement_;
};

}  // namespace phongdich
