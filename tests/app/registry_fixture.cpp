#include "app/registry_fixture.hpp"

#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace phongdich::testing {

Date day(std::string_view iso) {
  const auto d = Date::parse_iso(iso);
  if (!d) throw std::invalid_argument("not a date: " + std::string(iso));
  return *d;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

RegistryTest::RegistryTest() {
  if (test_store_is_postgres()) {
    if (const auto server = test_postgres_url()) {
      schema_ = std::make_unique<PostgresTestSchema>(*server);
    } else {
      // GoogleTest then runs neither SetUp nor the body; the fixture is still
      // built (on SQLite) for the constructors of the test classes.
      [] { GTEST_SKIP() << kNoPostgresMessage; }();
    }
  }
  reopen();
}

void RegistryTest::reopen() {
  registry_.reset();
  RegistryOptions options;
  options.db_url = schema_ ? schema_->url() : (dir_ / "registry.db").string();
  options.data_dir = PHONGDICH_DATA_DIR;
  registry_ = std::make_unique<Registry>(options);
}

const Area& RegistryTest::area(std::string_view spec) const {
  const Area* a = registry_->find_area(spec);
  if (a == nullptr) throw std::invalid_argument("no area " + std::string(spec));
  return *a;
}

StoredPerson RegistryTest::make_person(const PersonSpec& spec) const {
  StoredPerson p;
  p.external_ref = spec.ref;
  p.person.full_name = spec.name;
  p.person.sex = spec.sex;
  p.person.birth_date = day(spec.birth);
  p.person.area_id = area(spec.commune).id;
  p.person.citizen_id = spec.citizen_id;
  if (spec.comorbidity > 0) p.person.comorbidities.set(static_cast<size_t>(spec.comorbidity - 1));
  p.person.other_risk = spec.other_risk;
  p.person.needs_home_visit = spec.home_visit;
  return p;
}

PersonId RegistryTest::add_person(const PersonSpec& spec) {
  const RegisterPersonResult r = registry_->register_person(make_person(spec), "");
  EXPECT_TRUE(r.id.has_value()) << spec.name << ": "
                                << (r.violations.empty() ? "" : r.violations[0].code);
  return r.id.value_or(0);
}

DoseRecord RegistryTest::add_dose(PersonId id, std::string_view date, std::string_view product) {
  RecordDoseRequest request;
  request.person_id = id;
  request.date = day(date);
  request.product = std::string(product);
  const RecordDoseResult r = registry_->record_dose(request, today());
  EXPECT_TRUE(r.stored) << "person " << id << " " << date << " " << product << ": "
                        << (r.violations.empty() ? "" : r.violations[0].code);
  return r.dose;
}

}  // namespace phongdich::testing
