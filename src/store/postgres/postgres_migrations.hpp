// The PostgreSQL schema as an ordered list of versioned migrations, with the
// same rules as the SQLite ones (store/sqlite/migrations.hpp): a released
// migration is never edited; a change is a new migration at the end.
//
// Distribution (issue 5, ready to shard): every table of personal records
// (households, persons, doses, audit_log) carries province_id, the province of
// the area the record belongs to; areas, area_successors and meta are reference
// tables. Accounts, sessions, idempotency keys and the import journal are small
// tables of the installation itself.
#pragma once

#include <span>
#include <string_view>

#include "store/postgres/pg_connection.hpp"

namespace phongdich {

struct PgMigration {
  int version;  // 1, 2, 3 ... without gaps
  std::string_view name;
  std::string_view sql;
};

// Every migration this program knows, in order.
std::span<const PgMigration> postgres_migrations();

// Applies the migrations whose version is above the database's, in order, in one
// transaction under an advisory lock (two programs opening a new database do not
// both create the schema), recording each in schema_migrations(version,
// applied_at). Throws StoreError when the database was written by a newer
// program. Returns the number applied.
int apply_postgres_migrations(PgConnection& db, std::span<const PgMigration> migrations);

// The highest version recorded (0 for an empty database or schema).
int postgres_schema_version(PgConnection& db);

}  // namespace phongdich
