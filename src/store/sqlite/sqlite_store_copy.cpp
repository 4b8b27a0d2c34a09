// Whole-table copy for `phongdich migrate` (store.hpp, "Whole-table copy"): the
// schema read from the file itself, so a table or column added by a migration
// is copied without a change here.
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>

#include "store/sqlite/sqlite_store.hpp"

namespace phongdich {
namespace {

// Table and column names come from the file's own schema; they are still checked
// before they are spliced into SQL, as a file may come from anywhere.
std::string quoted_name(std::string_view name) {
  if (name.empty()) throw StoreError("sqlite copy: empty table or column name");
  for (char c : name) {
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!plain) throw StoreError("sqlite copy: unexpected name \"" + std::string(name) + "\"");
  }
  return "\"" + std::string(name) + "\"";
}

std::string column_list(std::span<const std::string> columns) {
  std::string list;
  for (const std::string& column : columns) {
    if (!list.empty()) list += ", ";
    list += quoted_name(column);
  }
  return list;
}

// The value of column `i` of the current row in the copy format: SQLite's
// storage class decides, not the declared type.
std::optional<std::string> copy_value(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL:
      return std::nullopt;
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: {
      // Shortest form that reads back as the same double; SQLite's own text
      // conversion keeps 15 digits only.
      std::array<char, 32> digits{};
      const double value = sqlite3_column_double(stmt, i);
      const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), value).ptr;
      return std::string(digits.data(), end);
    }
    case SQLITE_TEXT:
      return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                         static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
    default:
      throw StoreError("sqlite copy: a BLOB value cannot be copied (column " +
                       std::string(sqlite3_column_name(stmt, i)) + ")");
  }
}

}  // namespace

std::vector<std::string> SqliteStore::copy_tables() {
  Statement names = db_.prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY name");
  std::vector<std::string> tables;
  while (names.step()) tables.emplace_back(names.column_text(0));
  return tables;
}

std::vector<std::string> SqliteStore::copy_columns(std::string_view table) {
  Statement info = db_.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
  info.bind(1, table);
  std::vector<std::string> columns;
  while (info.step()) columns.emplace_back(info.column_text(0));
  if (columns.empty()) throw StoreError("sqlite copy: no table " + std::string(table));
  return columns;
}

int64_t SqliteStore::copy_row_count(std::string_view table) {
  return db_.query_int64("SELECT count(*) FROM " + quoted_name(table)).value_or(0);
}

void SqliteStore::export_rows(std::string_view table, std::span<const std::string> columns,
                              size_t batch_rows,
                              const std::function<void(const TableRows&)>& visit) {
  // Primary-key order (rowid order when the table has no declared key).
  Statement keys = db_.prepare("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
  keys.bind(1, table);
  std::vector<std::string> key_columns;
  while (keys.step()) key_columns.emplace_back(keys.column_text(0));
  std::string sql = "SELECT " + column_list(columns) + " FROM " + quoted_name(table);
  if (!key_columns.empty()) sql += " ORDER BY " + column_list(key_columns);

  TableRows batch;
  batch.columns.assign(columns.begin(), columns.end());
  const int width = static_cast<int>(columns.size());
  const size_t per_batch = std::max<size_t>(batch_rows, 1) * columns.size();
  // One read transaction: every batch comes from the same snapshot. The raw
  // statement, because the value's storage class is what decides its form.
  transaction([&] {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db_.handle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK) {
      throw StoreError("sqlite copy: " + std::string(sqlite3_errmsg(db_.handle())));
    }
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> rows(raw, sqlite3_finalize);
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
      for (int i = 0; i < width; ++i) batch.values.push_back(copy_value(raw, i));
      if (batch.values.size() >= per_batch) {
        visit(batch);
        batch.values.clear();
      }
    }
    if (rc != SQLITE_DONE) {
      throw StoreError("sqlite copy: " + std::string(table) + ": " + sqlite3_errmsg(db_.handle()));
    }
    if (!batch.values.empty()) visit(batch);
  });
}

void SqliteStore::import_rows(std::string_view table, const TableRows& rows) {
  if (rows.rows() == 0) return;
  std::string placeholders;
  for (size_t i = 0; i < rows.columns.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  Statement insert = db_.prepare("INSERT INTO " + quoted_name(table) + " (" +
                                 column_list(rows.columns) + ") VALUES (" + placeholders + ")");
  const size_t width = rows.columns.size();
  transaction([&] {
    for (size_t row = 0; row < rows.rows(); ++row) {
      for (size_t i = 0; i < width; ++i) {
        // Text into a column of INTEGER or REAL affinity is stored as that
        // number, so the value keeps the storage class it had.
        const std::optional<std::string>& value = rows.values[row * width + i];
        const int index = static_cast<int>(i) + 1;
        if (value) {
          insert.bind(index, std::string_view(*value));
        } else {
          insert.bind_null(index);
        }
      }
      insert.run();
    }
  });
}

}  // namespace phongdich
