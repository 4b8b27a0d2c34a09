#include "store/store_fixture.hpp"

#include <stdlib.h>

#include <system_error>

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

void StoreTest::SetUp() {
  store_ = std::make_unique<SqliteStore>(db_path());
  store_->replace_areas(test_forest());
}

}  // namespace phongdich::testing
