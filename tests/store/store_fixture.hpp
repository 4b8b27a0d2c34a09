// What the store tests share: a fresh database for each test on either store
// (an SQLite file in a temporary directory, or a PostgreSQL schema of its own),
// a small area forest, and persons and doses built with readable defaults.
//
// A test written with TEST_P on StoreTest (or a fixture derived from it) and
// listed in PHONGDICH_ON_EVERY_STORE runs once per store. The PostgreSQL runs
// need a server: PHONGDICH_TEST_POSTGRES_URL (scripts/test.sh starts one and sets
// it); without it they are skipped, saying so.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/postgres_test_schema.hpp"
#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace phongdich::testing {

// Ids of the test forest: one province, one district, three communes (vn2022) and
// one vn2025 commune that holds two of them after the reform.
inline constexpr AreaId kProvince = 79;
inline constexpr AreaId kDistrict = 760;
inline constexpr AreaId kBenNghe = 26740;
inline constexpr AreaId kBenThanh = 26743;
inline constexpr AreaId kDaKao = 26734;
inline constexpr AreaId kSaiGon2025 = 126740;

AreaForest test_forest();

StoredPerson make_person(std::string full_name, AreaId area = kBenNghe,
                         std::string external_ref = "");
DoseRecord make_dose(PersonId person, std::string iso_date, std::string product = "AZ");

enum class StoreKind { sqlite, postgres };

// "sqlite" / "postgres": the suffix of each test's name.
std::string store_kind_name(const ::testing::TestParamInfo<StoreKind>& info);

// A store on a new database, with the test forest loaded.
class StoreTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override;

  // Another connection to this test's database.
  std::unique_ptr<Store> open_again(OpenMode mode = OpenMode::read_write) const;
  // A store of this test's kind on another new, empty database (no areas).
  std::unique_ptr<Store> open_empty();
  bool is_postgres() const { return GetParam() == StoreKind::postgres; }

  TempDir dir_;
  std::vector<std::unique_ptr<PostgresTestSchema>> schemas_;  // the first one is store_'s
  std::unique_ptr<Store> store_;  // declared last: closed before its schema is dropped

 private:
  std::string url_;
};

// Runs every TEST_P of `suite` on each store.
#define PHONGDICH_ON_EVERY_STORE(suite)                                                  \
  INSTANTIATE_TEST_SUITE_P(Stores, suite,                                                \
                           ::testing::Values(::phongdich::testing::StoreKind::sqlite,    \
                                             ::phongdich::testing::StoreKind::postgres), \
                           ::phongdich::testing::store_kind_name)

}  // namespace phongdich::testing
