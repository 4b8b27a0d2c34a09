// The persons' secondary indexes that a first bulk import defers
// (store/sqlite/person_indexes.hpp): dropped only while no person is stored,
// built again exactly as the schema defines them, and built on open when a
// process died before it could.
#include <gtest/gtest.h>

#include "common/sqlite_person_indexes.hpp"
#include "common/temp_dir.hpp"
#include "store/sqlite/person_indexes.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

// The statement without "IF NOT EXISTS", as the migration wrote it.
std::string as_in_migration(std::string_view create_sql) {
  std::string sql(create_sql);
  const std::string_view clause = "IF NOT EXISTS ";
  if (const size_t at = sql.find(clause); at != std::string::npos) sql.erase(at, clause.size());
  return sql;
}

class PersonIndexes : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string path_ = dir_.file("registry.db");
};

TEST_F(PersonIndexes, AreTheOnesTheFirstMigrationCreates) {
  { SqliteStore store(path_); }
  const auto created = sqlite_person_indexes(path_);
  ASSERT_EQ(created.size(), kPersonIndexes.size());
  for (const PersonIndex& index : kPersonIndexes) {
    ASSERT_TRUE(created.contains(std::string(index.name))) << index.name;
    EXPECT_EQ(created.at(std::string(index.name)), as_in_migration(index.create_sql));
  }
}

TEST_F(PersonIndexes, AreDroppedWhileNoPersonIsStoredAndBuiltAgainTheSame) {
  SqliteStore store(path_);
  const auto before = sqlite_person_indexes(path_);
  ASSERT_TRUE(store.defer_person_indexes());
  EXPECT_TRUE(sqlite_person_indexes(path_).empty());
  store.build_person_indexes();
  // Same names, same columns and conditions; only the IF NOT EXISTS differs.
  const auto after = sqlite_person_indexes(path_);
  ASSERT_EQ(after.size(), before.size());
  for (const auto& [name, sql] : after) EXPECT_EQ(as_in_migration(sql), before.at(name)) << name;
}

TEST_F(PersonIndexes, StayOnceAPersonIsStored) {
  SqliteStore store(path_);
  store.replace_areas(test_forest());
  store.insert_person(make_person("Nguyễn Văn An"));
  EXPECT_FALSE(store.defer_person_indexes());
  EXPECT_EQ(sqlite_person_indexes(path_).size(), kPersonIndexes.size());
}

TEST_F(PersonIndexes, AFileLeftWithoutThemGetsThemWhenOpened) {
  {
    SqliteStore store(path_);
    ASSERT_TRUE(store.defer_person_indexes());
    // Closed as by a process killed before it built them.
  }
  ASSERT_TRUE(sqlite_person_indexes(path_).empty());
  SqliteStore reopened(path_);
  EXPECT_EQ(sqlite_person_indexes(path_).size(), kPersonIndexes.size());
  // And the look-ups that name them work.
  EXPECT_FALSE(reopened.person_by_citizen_id("079080000001"));
}

TEST_F(PersonIndexes, AReaderDoesNotBuildThem) {
  {
    SqliteStore store(path_);
    ASSERT_TRUE(store.defer_person_indexes());
  }
  SqliteOptions reader;
  reader.query_only = true;
  SqliteStore opened(path_, reader);
  EXPECT_TRUE(sqlite_person_indexes(path_).empty());
}

}  // namespace
}  // namespace phongdich::testing
