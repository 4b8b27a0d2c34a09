// What the use-case tests share: a real registry on a new database (an SQLite
// file in its own temporary directory; or, when PHONGDICH_TEST_STORE=postgres, a
// schema of its own on the PostgreSQL test server), and short ways to register
// hand-made persons and doses. CTest runs these tests once per store.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "app/registry.hpp"
#include "common/postgres_test_schema.hpp"
#include "common/temp_dir.hpp"

namespace phongdich::testing {

Date day(std::string_view iso);  // a literal date; fails the test when malformed
std::string read_text(const std::filesystem::path& path);
void write_text(const std::filesystem::path& path, std::string_view text);

// A person as a clerk would describe them; turned into a StoredPerson.
struct PersonSpec {
  std::string name = "Nguyễn Văn An";
  Sex sex = Sex::male;
  std::string birth = "1980-01-01";
  std::string commune = "vn2022:27208";  // Phường 15, Quận 11
  std::optional<std::string> citizen_id = {};
  std::string ref = {};
  int comorbidity = 0;  // item 1..20 of the list, 0 = none
  bool other_risk = false;
  bool home_visit = false;
};

class RegistryTest : public ::testing::Test {
 protected:
  RegistryTest();

  Registry& registry() { return *registry_; }
  // Closes and reopens the registry on the same database.
  void reopen();
  StoredPerson make_person(const PersonSpec& spec) const;
  // Registers a person that must be accepted; returns the id.
  PersonId add_person(const PersonSpec& spec);
  // Records a dose that must be accepted (judged with today = 2022-09-30).
  DoseRecord add_dose(PersonId id, std::string_view date, std::string_view product);
  const Area& area(std::string_view spec) const;

  static Date today() { return day("2022-09-30"); }

  TempDir dir_;
  std::unique_ptr<PostgresTestSchema> schema_;  // PostgreSQL runs only
  std::unique_ptr<Registry> registry_;          // closed before its schema is dropped
};

}  // namespace phongdich::testing
