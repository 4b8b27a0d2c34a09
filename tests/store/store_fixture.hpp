// What the store tests share: a fresh database file in a temporary directory,
// a small area forest, and persons and doses built with readable defaults.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

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

// A store on a new file, with the test forest loaded.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  std::string db_path() const { return dir_.file("registry.db"); }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

}  // namespace phongdich::testing
