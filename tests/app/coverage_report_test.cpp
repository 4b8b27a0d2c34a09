// Coverage of an area against targets T1-T6, on a hand-made population whose
// answer is known: ten residents of Phường 15 (Quận 11), seen on 2022-09-15.
#include <gtest/gtest.h>

#include <map>

#include "app/registry_fixture.hpp"

namespace phongdich::testing {
namespace {

struct Expected {
  const char* target;
  uint64_t numerator;
  uint64_t denominator;
  int64_t gap;
};

class Coverage : public RegistryTest {
 protected:
  Coverage() {
    // 50+: A has a booster (counts for T1), B only the primary series.
    const PersonId a = add_person({.name = "A Nguyễn Văn Ân", .birth = "1960-02-02"});
    primary(a, "2021-08-01");
    add_dose(a, "2022-01-10", "PFIZER");
    b = add_person({.name = "B Trần Thị Bé", .sex = Sex::female, .birth = "1965-02-02"});
    primary(b, "2021-08-01");
    // 18-49: C is high-risk (diabetes) with a booster, D has a booster, E one dose, F none.
    const PersonId c = add_person({.name = "C Lê Văn Cư", .birth = "1990-02-02", .comorbidity = 1});
    primary(c, "2021-08-01");
    add_dose(c, "2022-01-10", "PFIZER");
    const PersonId d =
        add_person({.name = "D Phạm Thị Dung", .sex = Sex::female, .birth = "1990-02-02"});
    primary(d, "2021-08-01");
    add_dose(d, "2022-01-10", "MODERNA");
    const PersonId e = add_person({.name = "E Hoàng Văn Em", .birth = "1985-02-02"});
    add_dose(e, "2021-08-01", "PFIZER");
    add_person({.name = "F Vũ Thị Phương", .sex = Sex::female, .birth = "1995-02-02"});
    // 12-17: G has two doses, H one.
    const PersonId g = add_person({.name = "G Đặng Văn Giang", .birth = "2007-01-01"});
    primary(g, "2021-11-01");
    const PersonId h =
        add_person({.name = "H Bùi Thị Hà", .sex = Sex::female, .birth = "2008-06-01"});
    add_dose(h, "2021-11-01", "PFIZER");
    // 5-11: I has two doses (May 2022). Under 5: J, counted only as registered.
    const PersonId i = add_person({.name = "I Đỗ Minh Ích", .birth = "2014-01-01"});
    primary(i, "2022-05-01");
    add_person({.name = "J Hồ Bảo Ngọc", .sex = Sex::female, .birth = "2019-01-01"});
  }

  // Two Pfizer doses 21 days apart.
  void primary(PersonId id, const std::string& first) {
    add_dose(id, first, "PFIZER");
    add_dose(id, day(first).plus_days(21).iso(), "PFIZER");
  }

  std::map<std::string, TargetResult> targets_of(const std::string& area_spec, const char* as_of) {
    const CoverageReport report = registry().coverage_report(area(area_spec), day(as_of));
    std::map<std::string, TargetResult> out;
    for (const TargetResult& t : report.targets) out[t.target.id] = t;
    return out;
  }

  void expect_targets(const std::string& area_spec, const char* as_of,
                      std::initializer_list<Expected> rows) {
    const auto targets = targets_of(area_spec, as_of);
    for (const Expected& row : rows) {
      SCOPED_TRACE(area_spec + " as of " + as_of + ", " + row.target);
      ASSERT_TRUE(targets.count(row.target));
      const TargetResult& t = targets.at(row.target);
      EXPECT_EQ(t.numerator, row.numerator);
      EXPECT_EQ(t.denominator, row.denominator);
      EXPECT_EQ(t.gap, row.gap);
      EXPECT_EQ(t.met, row.gap == 0 && row.denominator > 0);
    }
  }

  PersonId b = 0;
};

TEST_F(Coverage, CountsEachTargetOnAKnownPopulation) {
  expect_targets("vn2022:27208", "2022-09-15",
                 {
                     // target  numerator  denominator  gap (people short of the threshold)
                     {"T1", 2, 3, 1},  // A, C of {A, B, C}: 90% of 3 needs 3
                     {"T2", 2, 4, 1},  // C, D of {C, D, E, F}: 75% of 4 needs 3
                     {"T3", 1, 2, 1},  // G of {G, H}: 75% of 2 needs 2
                     {"T4", 1, 1, 0},  // I: met
                     {"T5", 3, 6, 3},  // A, C, D of six adults: 90% of 6 needs 6
                 });
  const auto targets = targets_of("vn2022:27208", "2022-09-15");
  EXPECT_EQ(targets.at("T6").numerator, 10u);  // everyone registered, the under-5 included
  EXPECT_EQ(targets.size(), 6u);
}

TEST_F(Coverage, AgeGroupRowsCountRegisteredPersonsByStatus) {
  const CoverageReport report = registry().coverage_report(area("vn2022:27208"), day("2022-09-15"));
  std::map<std::string, GroupRow> groups;
  for (const GroupRow& g : report.groups) groups[g.group] = g;
  ASSERT_TRUE(groups.count("50+"));
  EXPECT_EQ(groups["50+"].registered, 2u);
  EXPECT_EQ(groups["50+"].by_status[static_cast<int>(VaccinationStatus::booster1)], 1u);
  EXPECT_EQ(groups["50+"].by_status[static_cast<int>(VaccinationStatus::primary_complete)], 1u);
  EXPECT_EQ(groups["18-49"].registered, 4u);
  EXPECT_EQ(groups["18-49"].by_status[static_cast<int>(VaccinationStatus::none)], 1u);
  EXPECT_EQ(groups["18-49"].by_status[static_cast<int>(VaccinationStatus::partial)], 1u);
  EXPECT_EQ(groups["high-risk"].registered, 1u);
}

TEST_F(Coverage, AnEarlierDateLeavesOutLaterDoses) {
  // On 2022-04-30 the 5-11 year old had no dose yet (given in May).
  expect_targets("vn2022:27208", "2022-04-30", {{"T1", 2, 3, 1}, {"T4", 0, 1, 1}});
  // On 2021-12-31 no booster had been given (the cube: before any target was in force).
  const CoverageCell end_2021 =
      registry().coverage_cube(area("vn2022:27208"), day("2021-12-31")).sum();
  EXPECT_EQ(end_2021.count(TargetPopulation::age18_plus, VaccinationStatus::additional), 0u);
  EXPECT_EQ(end_2021.count(TargetPopulation::age18_plus, VaccinationStatus::primary_complete), 4u);
  EXPECT_EQ(end_2021.count(TargetPopulation::age5_11, VaccinationStatus::partial), 0u);
  EXPECT_EQ(end_2021.total(), 10u);
}

TEST_F(Coverage, NoTargetsBeforeTheFirstTargetVersionTookEffect) {
  // Resolution 38/NQ-CP set the targets from 2022-03-17.
  const CoverageReport before = registry().coverage_report(area("vn2022:27208"), day("2022-03-16"));
  EXPECT_TRUE(before.targets.empty());
  EXPECT_TRUE(before.targets_version.empty());
  const CoverageReport after = registry().coverage_report(area("vn2022:27208"), day("2022-03-17"));
  EXPECT_EQ(after.targets_version, "38-NQ-CP-2022");
}

TEST_F(Coverage, ADoseJustRecordedCountsInTheNextReport) {
  expect_targets("vn2022:27208", "2022-09-15", {{"T1", 2, 3, 1}});
  add_dose(b, "2022-02-01", "PFIZER");  // B's booster: T1 now met
  expect_targets("vn2022:27208", "2022-09-15", {{"T1", 3, 3, 0}, {"T5", 4, 6, 2}});
  // And a person just registered counts too.
  add_person({.name = "K Lý Văn Khoa", .birth = "1950-01-01"});
  expect_targets("vn2022:27208", "2022-09-15", {{"T1", 3, 4, 1}});
}

TEST_F(Coverage, DistrictAndProvinceIncludeTheWard) {
  expect_targets("vn2022:772", "2022-09-15", {{"T1", 2, 3, 1}, {"T2", 2, 4, 1}});
  expect_targets("vn2022:79", "2022-09-15", {{"T5", 3, 6, 3}});
  // A neighbouring ward counts none of them.
  EXPECT_EQ(targets_of("vn2022:27211", "2022-09-15").at("T6").numerator, 0u);
}

TEST_F(Coverage, TheCommuneThatAbsorbedTheWardIn2025CountsItsPersons) {
  // Phường 15 (27208) became part of Phường Phú Thọ (vn2025:27226) on 2025-07-01.
  // The records keep their 2022 ward and count where that ward is held now.
  expect_targets("vn2025:27226", "2022-09-15", {{"T1", 2, 3, 1}, {"T4", 1, 1, 0}});
  EXPECT_EQ(targets_of("vn2025:27226", "2022-09-15").at("T6").numerator, 10u);
  EXPECT_EQ(targets_of("vn2025:79", "2022-09-15").at("T6").numerator, 10u);
  // The 2022 ward that shares the code 27226 is a different place.
  EXPECT_EQ(targets_of("vn2022:27226", "2022-09-15").at("T6").numerator, 0u);
  // And the persons still count in their 2022 ward.
  EXPECT_EQ(registry().find_area("vn2022:27208")->name, "Phường 15");
  EXPECT_EQ(registry().coverage_cube(area("vn2022:27208"), day("2022-09-15")).sum().total(), 10u);
}

TEST_F(Coverage, ReportIsTheSameAfterReopeningTheStore) {
  const auto before = targets_of("vn2022:772", "2022-09-15");
  reopen();  // the index is rebuilt from the store
  const auto after = targets_of("vn2022:772", "2022-09-15");
  for (const auto& [id, t] : before) {
    EXPECT_EQ(after.at(id).numerator, t.numerator) << id;
    EXPECT_EQ(after.at(id).denominator, t.denominator) << id;
  }
}

}  // namespace
}  // namespace phongdich::testing
