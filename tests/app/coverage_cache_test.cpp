// Coverage kept per commune must always equal a full recount: after each kind
// of change (a dose, a new person, a person moved to another commune), for
// the communes the change touched and for those it did not.
#include <cstring>

#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

class CoverageCacheTest : public RegistryTest {
 protected:
  // The district's cube from the registry (cached) against a recount.
  void expect_same_as_recount(const char* after) {
    const Area& district = area("vn2022:772");
    const Date as_of = day("2022-09-30");
    const CoverageCube cached = registry().coverage_cube(district, as_of);
    const auto slots = registry().commune_slots_in(district);
    const CoverageCube recount = compute_coverage_cube(registry().index(), slots, as_of);
    ASSERT_EQ(cached.communes, recount.communes) << after;
    ASSERT_EQ(cached.cells.size(), recount.cells.size()) << after;
    for (size_t i = 0; i < cached.cells.size(); ++i) {
      EXPECT_EQ(std::memcmp(&cached.cells[i], &recount.cells[i], sizeof(CoverageCell)), 0)
          << after << ": commune " << cached.communes[i];
    }
  }
};

TEST_F(CoverageCacheTest, EveryChangeShowsInTheNextCube) {
  const PersonId an = add_person({.name = "Nguyễn Văn An", .commune = "vn2022:27208"});
  const PersonId binh = add_person({.name = "Trần Thị Bình", .commune = "vn2022:27211"});
  expect_same_as_recount("two persons, no doses");
  expect_same_as_recount("asked again, from the cache");

  add_dose(an, "2022-03-01", "PFIZER");
  expect_same_as_recount("a dose in Phường 15");
  add_dose(binh, "2022-03-02", "AZ");
  expect_same_as_recount("a dose in the other ward");
  add_dose(an, "2022-04-01", "PFIZER");
  expect_same_as_recount("a second dose, status changes");

  add_person({.name = "Lê Văn Cường", .birth = "2012-06-01", .commune = "vn2022:27208"});
  expect_same_as_recount("a child registered");

  StoredPerson moved = *registry().store().person(binh);
  moved.person.area_id = area("vn2022:27208").id;
  registry().index_person(moved.person, "");
  expect_same_as_recount("a person moved to another commune");

  const Area& ward = area("vn2022:27208");
  const CoverageCube one = registry().coverage_cube(ward, day("2022-09-30"));
  ASSERT_EQ(one.cells.size(), 1u);
  EXPECT_EQ(one.cells[0].total(), 3u) << "the ward now holds An, Cường and Bình";
}

TEST_F(CoverageCacheTest, OtherDatesAreCountedApart) {
  const PersonId an = add_person({.name = "Nguyễn Văn An", .commune = "vn2022:27208"});
  add_dose(an, "2022-03-01", "PFIZER");
  const Area& ward = area("vn2022:27208");
  const auto vaccinated = [&](const char* date) {
    return registry()
        .coverage_cube(ward, day(date))
        .sum()
        .count(TargetPopulation::everyone, VaccinationStatus::partial);
  };
  EXPECT_EQ(vaccinated("2022-09-30"), 1u);
  EXPECT_EQ(vaccinated("2022-02-01"), 0u) << "before the dose";
  EXPECT_EQ(vaccinated("2022-09-30"), 1u);
  for (int d = 1; d <= 20; ++d) {  // more dates than are kept
    const std::string date = "2022-05-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
    EXPECT_EQ(vaccinated(date.c_str()), 1u) << date;
  }
}

}  // namespace
}  // namespace phongdich::testing
