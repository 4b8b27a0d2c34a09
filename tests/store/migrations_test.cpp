// The schema is created on a fresh file, kept on re-open, and upgraded from older files.
#include <gtest/gtest.h>

#include <array>

#include "store/sqlite/migrations.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

int latest_version() { return sqlite_migrations().back().version; }

bool table_exists(SqliteDb& db, const std::string& name) {
  return db.query_int64("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" +
                        name + "'") == 1;
}

TEST(Migrations, VersionsAreNumberedInOrderWithoutGaps) {
  int expected = 1;
  for (const Migration& migration : sqlite_migrations()) EXPECT_EQ(migration.version, expected++);
}

TEST(Migrations, FreshFileGetsTheWholeSchemaAndConnectionSettings) {
  TempDir dir;
  SqliteStore store(dir.file("fresh.db"));
  SqliteDb& db = store.db();
  EXPECT_EQ(schema_version(db), latest_version());
  EXPECT_EQ(db.query_int64("SELECT count(*) FROM schema_migrations"), latest_version());
  for (const char* table :
       {"areas", "area_successors", "households", "persons", "doses", "meta", "import_journal"}) {
    EXPECT_TRUE(table_exists(db, table)) << table;
  }
  EXPECT_EQ(db.query_text("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.query_int64("PRAGMA synchronous"), 1);  // NORMAL
  EXPECT_EQ(db.query_int64("PRAGMA foreign_keys"), 1);
  EXPECT_GT(db.query_int64("PRAGMA busy_timeout").value_or(0), 0);
}

TEST(Migrations, ReopeningAppliesNothingAndKeepsData) {
  TempDir dir;
  const std::string path = dir.file("reopen.db");
  { SqliteStore(path).set_meta("population_source", "GSO 2019"); }
  SqliteStore store(path);
  EXPECT_EQ(apply_migrations(store.db(), sqlite_migrations()), 0);
  EXPECT_EQ(store.meta("population_source"), "GSO 2019");
  EXPECT_EQ(store.db().query_int64("SELECT count(*) FROM schema_migrations"), latest_version());
}

TEST(Migrations, OlderFileIsUpgradedOnOpen) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  {
    SqliteDb old_program(path);
    EXPECT_EQ(apply_migrations(old_program, sqlite_migrations().first(1)), 1);
    old_program.exec("INSERT INTO meta(key, value) VALUES ('written_by', 'version 1')");
    EXPECT_FALSE(table_exists(old_program, "import_journal"));
  }
  SqliteStore store(path);
  EXPECT_EQ(schema_version(store.db()), latest_version());
  EXPECT_EQ(store.meta("written_by"), "version 1");
  store.save_import_journal({"abc", "persons", 10, false});
  EXPECT_TRUE(store.import_journal("abc").has_value());
}

TEST(Migrations, FileFromANewerProgramIsRefused) {
  TempDir dir;
  const std::string path = dir.file("newer.db");
  {
    SqliteDb newer_program(path);
    apply_migrations(newer_program, sqlite_migrations());
    newer_program.exec("INSERT INTO schema_migrations(version, applied_at) VALUES (999, 0)");
  }
  EXPECT_THROW(SqliteStore store(path), StoreError);
}

TEST(Migrations, AFailingMigrationLeavesTheFileAsItWas) {
  TempDir dir;
  SqliteDb db(dir.file("failing.db"));
  const std::array migrations = {
      sqlite_migrations()[0],
      Migration{2, "creates a table, then fails", "CREATE TABLE half_done(x); SELECT no_such();"},
  };
  EXPECT_THROW(apply_migrations(db, migrations), StoreError);
  EXPECT_EQ(schema_version(db), 0);
  EXPECT_FALSE(table_exists(db, "persons"));
  EXPECT_FALSE(table_exists(db, "half_done"));
}

}  // namespace
}  // namespace phongdich::testing
