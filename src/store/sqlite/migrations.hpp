// The SQLite schema as an ordered list of versioned migrations.
//
// A migration is never edited once released: a change to the schema is a new
// migration at the end of the list, so any older file is upgraded on open.
#pragma once

#include <span>
#include <string_view>

#include "store/sqlite/sqlite_db.hpp"

namespace phongdich {

struct Migration {
  int version;  // 1, 2, 3 ... without gaps
  std::string_view name;
  std::string_view sql;
};

// Every migration this program knows, in order.
std::span<const Migration> sqlite_migrations();

// Applies the migrations of `migrations` whose version is above the file's, in
// order, in one transaction, and records each in schema_migrations(version,
// applied_at). Throws StoreError when the file was written by a newer program.
// Returns the number applied.
int apply_migrations(SqliteDb& db, std::span<const Migration> migrations);

// The highest version recorded in the file (0 for a new file).
int schema_version(SqliteDb& db);

}  // namespace phongdich
