#include "store/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <utility>

#include "store/sqlite/mapped_file_vfs.hpp"

namespace phongdich {
namespace {

[[noreturn]] void throw_sqlite(sqlite3* db, int code, std::string_view context) {
  std::string message = "sqlite: ";
  message += context;
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqliteError(code, message);
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) {
  // SQLITE_PREPARE_PERSISTENT: these statements live as long as the store.
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db, rc, "prepare \"" + std::string(sql) + "\"");
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

void Statement::fail(int code) const {
  throw_sqlite(sqlite3_db_handle(stmt_), code, sqlite3_sql(stmt_));
}

Statement& Statement::bind(int index, int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // SQLITE_STATIC: no copy; see the class comment for the lifetime rule.
  const int rc =
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view text) {
  return text.empty() ? bind_null(index) : bind(index, text);
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind_text_or_null(index, *text) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<int64_t>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Take the message first, then leave the statement reusable after a failure
  // (e.g. a constraint error the caller handles).
  const SqliteError error(rc, std::string("sqlite: ") + sqlite3_sql(stmt_) + ": " +
                                  sqlite3_errmsg(sqlite3_db_handle(stmt_)));
  sqlite3_reset(stmt_);
  throw error;
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() { sqlite3_reset(stmt_); }

int64_t Statement::column_int64(int index) const { return sqlite3_column_int64(stmt_, index); }

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

std::string_view Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (text == nullptr) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_, index))};
}

std::optional<std::string> Statement::column_optional_text(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return std::string(column_text(index));
}

std::optional<int64_t> Statement::column_optional_int64(int index) const {
  if (column_is_null(index)) return std::nullopt;
  return column_int64(index);
}

namespace {

// Once per process, before the first connection: connections are never shared
// between threads (multi-thread mode), and memory statistics are not kept, so
// SQLite takes no global mutex on every allocation (measured: ~6% of an import).
void configure_library_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

}  // namespace

SqliteDb::SqliteDb(const std::string& path, bool map_whole_file) {
  configure_library_once();  // before anything else initialises the library
  const char* vfs = map_whole_file ? mapped_file_vfs_name() : nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, vfs);
  if (rc != SQLITE_OK) {
    std::string message = "sqlite: cannot open " + path + ": " +
                          (db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    sqlite3_close_v2(db_);
    throw SqliteError(rc, message);
  }
  sqlite3_extended_result_codes(db_, 1);
}

SqliteDb::~SqliteDb() { sqlite3_close_v2(db_); }

void SqliteDb::exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec needs a terminated string
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message =
        "sqlite: " + text + ": " + (error != nullptr ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    throw SqliteError(rc, message);
  }
}

std::optional<int64_t> SqliteDb::query_int64(std::string_view sql) {
  Statement statement = prepare(sql);
  if (!statement.step()) return std::nullopt;
  return statement.column_optional_int64(0);
}

std::optional<std::string> SqliteDb::query_text(std::string_view sql) {
  Statement statement = prepare(sql);
  if (!statement.step()) return std::nullopt;
  return statement.column_optional_text(0);
}

int64_t SqliteDb::changes() const { return sqlite3_changes64(db_); }

int64_t SqliteDb::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

bool SqliteDb::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void run_in_transaction(SqliteDb& db, std::string_view begin, const std::function<void()>& work) {
  db.exec(begin);
  try {
    work();
    db.exec("COMMIT");
  } catch (...) {
    // Some errors (disk full, I/O) make SQLite roll back by itself.
    if (db.in_transaction()) db.exec("ROLLBACK");
    throw;
  }
}

}  // namespace phongdich
