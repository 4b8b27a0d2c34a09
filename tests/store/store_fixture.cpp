#include "store/store_fixture.hpp"

namespace phongdich::testing {

AreaForest test_forest() {
  std::vector<Area> areas = {
      {kProvince, "vn2022", "79", "Thành phố Hồ Chí Minh", AreaLevel::province, std::nullopt,
       9'166'800},
      {kDistrict, "vn2022", "760", "Quận 1", AreaLevel::district, kProvince, std::nullopt},
      {kBenNghe, "vn2022", "26740", "Phường Bến Nghé", AreaLevel::commune, kDistrict, 14'000},
      {kBenThanh, "vn2022", "26743", "Phường Bến Thành", AreaLevel::commune, kDistrict,
       std::nullopt},
      {kDaKao, "vn2022", "26734", "Phường Đa Kao", AreaLevel::commune, kDistrict, std::nullopt},
      {kSaiGon2025, "vn2025", "26740", "Phường Sài Gòn", AreaLevel::commune, std::nullopt,
       std::nullopt},
  };
  AreaForest forest(std::move(areas));
  forest.add_successor(kBenNghe, kSaiGon2025);
  forest.add_successor(kDaKao, kSaiGon2025);
  return forest;
}

StoredPerson make_person(std::string full_name, AreaId area, std::string external_ref) {
  StoredPerson row;
  row.person.full_name = std::move(full_name);
  row.person.birth_date = *Date::parse_iso("1980-05-17");
  row.person.area_id = area;
  row.external_ref = std::move(external_ref);
  return row;
}

DoseRecord make_dose(PersonId person, std::string iso_date, std::string product) {
  DoseRecord dose;
  dose.person_id = person;
  dose.date = *Date::parse_iso(iso_date);
  dose.product = std::move(product);
  dose.site_area_id = kBenNghe;
  dose.lot = "LOT-1";
  dose.source = "manual";
  return dose;
}

std::string store_kind_name(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::sqlite ? "sqlite" : "postgres";
}

// ---- the fixture ----

void StoreTest::SetUp() {
  if (is_postgres()) {
    const auto server = test_postgres_url();
    if (!server) GTEST_SKIP() << kNoPostgresMessage;
    schemas_.push_back(std::make_unique<PostgresTestSchema>(*server));
    url_ = schemas_.back()->url();
  } else {
    url_ = dir_.file("registry.db");
  }
  store_ = open_store(url_);
  store_->replace_areas(test_forest());
}

std::unique_ptr<Store> StoreTest::open_again(OpenMode mode) const { return open_store(url_, mode); }

std::unique_ptr<Store> StoreTest::open_empty() {
  if (is_postgres()) {
    schemas_.push_back(std::make_unique<PostgresTestSchema>(*test_postgres_url()));
    return open_store(schemas_.back()->url());
  }
  static int files = 0;
  return open_store(dir_.file("empty-" + std::to_string(++files) + ".db"));
}

}  // namespace phongdich::testing
