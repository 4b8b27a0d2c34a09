// The coverage cube (persons per commune x risk x age group x status as of a
// date) and the coverage report against targets, on a hand-built registry
// whose every count is worked out in the tables below.
#include "domain/coverage.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "domain/age_group.hpp"

namespace phongdich {
namespace {

using S = VaccinationStatus;
using G = AgeGroup;

Date d(const char* iso) { return *Date::parse_iso(iso); }

// One registered person, and where the cube must count them as of 2022-06-01.
struct Resident {
  PersonId id;
  AreaId commune;
  const char* birth;
  bool high_risk;
  std::vector<const char*> reached;  // day each status from `partial` up was reached
  G group;                           // expected on 2022-06-01
  S status;                          // expected on 2022-06-01
};

const char* const kAsOf = "2022-06-01";

// Communes 100 and 200 have five persons each, commune 300 two.
const std::vector<Resident> kResidents = {
    // id commune birth         risk   reached                                     group status
    {1, 100, "2017-06-01", false, {}, G::age5_11, S::none},  // 5 today
    {2, 100, "2017-06-02", false, {}, G::under5, S::none},   // 5 tomorrow
    {3, 100, "2010-06-01", false, {"2021-12-01", "2022-01-10"}, G::age12_17, S::primary_complete},
    {4,
     100,
     "2004-06-01",
     false,
     {"2021-08-01", "2021-09-01", "2022-05-31"},
     G::age18_49,
     S::additional},
    {11, 100, "1990-03-15", true, {}, G::age18_49, S::none},                 // pregnant
    {5, 200, "2004-06-02", false, {"2022-06-01"}, G::age12_17, S::partial},  // dose 1 today
    {6,
     200,
     "1972-06-01",
     false,
     {"2021-08-01", "2021-09-01", "2021-12-01", "2022-03-01"},
     G::age50_plus,
     S::booster1},
    // Additional dose tomorrow: still primary_complete today.
    {7,
     200,
     "1972-06-02",
     true,
     {"2021-08-01", "2021-09-01", "2022-06-02"},
     G::age18_49,
     S::primary_complete},
    {8, 200, "2016-02-29", false, {"2022-04-01"}, G::age5_11, S::partial},
    {12, 200, "2000-12-31", false, {"2021-10-01", "2021-11-01"}, G::age18_49, S::primary_complete},
    {9,
     300,
     "1940-01-01",
     true,
     {"2021-07-01", "2021-08-01", "2021-11-01"},
     G::age50_plus,
     S::additional},
    {10, 300, "2022-01-01", false, {}, G::under5, S::none},
};

std::array<uint16_t, kReachedLevels> reached_offsets(const std::vector<const char*>& dates) {
  std::array<uint16_t, kReachedLevels> out;
  out.fill(PersonRow::kNever);
  for (size_t i = 0; i < dates.size(); ++i) out[i] = PersonRow::to_offset(d(dates[i]));
  return out;
}

void add_resident(RegistryIndex& index, const Resident& r) {
  Person p;
  p.id = r.id;
  p.area_id = r.commune;
  p.birth_date = d(r.birth);
  p.other_risk = r.high_risk;
  index.set_reached(index.upsert_person(p), reached_offsets(r.reached));
}

RegistryIndex build_index(const std::vector<Resident>& residents) {
  RegistryIndex index;
  for (const Resident& r : residents) add_resident(index, r);
  return index;
}

CoverageCell expected_cell(AreaId commune) {
  CoverageCell cell;
  for (const Resident& r : kResidents) {
    if (r.commune == commune)
      ++cell.counts[r.high_risk ? 1 : 0][static_cast<int>(r.group)][static_cast<int>(r.status)];
  }
  return cell;
}

// Compares every counter and names the first one that differs.
void expect_same_cell(const CoverageCell& actual, const CoverageCell& expected) {
  for (int risk = 0; risk < 2; ++risk)
    for (int g = 0; g < kAgeGroupCount; ++g)
      for (int s = 0; s < kVaccinationStatusCount; ++s) {
        EXPECT_EQ(actual.counts[risk][g][s], expected.counts[risk][g][s])
            << "risk " << risk << ", group " << to_string(static_cast<G>(g)) << ", status "
            << to_string(static_cast<S>(s));
      }
}

std::vector<uint16_t> slots_of(RegistryIndex& index, std::initializer_list<AreaId> communes) {
  std::vector<uint16_t> out;
  for (AreaId c : communes) out.push_back(index.commune_slot(c));
  return out;
}

TEST(CoverageCubeTest, CountsEachCommuneAsWorkedOutByHand) {
  RegistryIndex index = build_index(kResidents);
  ASSERT_EQ(index.size(), 12u);
  struct Row {
    const char* what;
    std::initializer_list<AreaId> communes;
    unsigned threads;
  };
  // The cube visits member lists when the selection holds under a quarter of
  // the registry (2 of 12 persons) and scans every row otherwise.
  const Row rows[] = {
      {"commune 300 alone (member lists)", {300}, 1},
      {"commune 300 alone, 2 threads (member lists)", {300}, 2},
      {"commune 300 listed twice (member lists)", {300, 300}, 1},
      {"communes 100 and 300 (full scan, 200 left out)", {100, 300}, 1},
      {"communes 100 and 300 on 2 threads", {100, 300}, 2},
      {"commune 200 alone (full scan)", {200}, 1},
      {"all communes (full scan)", {100, 200, 300}, 1},
      {"all communes on 2 threads", {100, 200, 300}, 2},
      {"all communes, listed twice and out of order", {300, 100, 300, 200, 100}, 2},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    const auto selection = slots_of(index, row.communes);
    const CoverageCube cube = compute_coverage_cube(index, selection, d(kAsOf), row.threads);
    EXPECT_EQ(cube.as_of, d(kAsOf));
    std::vector<AreaId> distinct;
    for (AreaId c : row.communes)
      if (std::find(distinct.begin(), distinct.end(), c) == distinct.end()) distinct.push_back(c);
    ASSERT_EQ(cube.communes, distinct);
    ASSERT_EQ(cube.cells.size(), distinct.size());
    uint64_t persons = 0;
    for (size_t i = 0; i < distinct.size(); ++i) {
      SCOPED_TRACE(distinct[i]);
      expect_same_cell(cube.cells[i], expected_cell(distinct[i]));
      persons += expected_cell(distinct[i]).total();
    }
    // Persons of communes outside the selection are counted nowhere.
    EXPECT_EQ(cube.sum().total(), persons);
  }
}

TEST(CoverageCubeTest, SlotsOfNoKnownCommuneAreIgnored) {
  RegistryIndex index = build_index(kResidents);
  // Slot 3 and 999 name no commune of the index; commune 300 is small enough
  // for member lists, communes 100 and 200 together are not.
  const uint16_t small[] = {999, index.commune_slot(300), 3};
  const uint16_t large[] = {index.commune_slot(100), 999, index.commune_slot(200)};
  const CoverageCube by_members = compute_coverage_cube(index, small, d(kAsOf));
  const CoverageCube by_scan = compute_coverage_cube(index, large, d(kAsOf), 2);
  EXPECT_EQ(by_members.communes, (std::vector<AreaId>{300}));
  EXPECT_EQ(by_members.sum().total(), 2u);
  EXPECT_EQ(by_scan.communes, (std::vector<AreaId>{100, 200}));
  EXPECT_EQ(by_scan.sum().total(), 10u);
}

TEST(CoverageCubeTest, EmptySelectionCountsNoOne) {
  RegistryIndex index = build_index(kResidents);
  const CoverageCube cube = compute_coverage_cube(index, {}, d(kAsOf), 2);
  EXPECT_TRUE(cube.communes.empty());
  EXPECT_EQ(cube.sum().total(), 0u);
}

// Places one person in an age group both ways the cube can: through member
// lists (four other persons elsewhere make the commune small) and by full scan.
void expect_age_group(const char* birth, const char* as_of, G expected) {
  RegistryIndex index;
  add_resident(index, {1, 1, birth, false, {}, expected, S::none});
  for (PersonId id = 2; id <= 5; ++id)
    add_resident(index, {id, 2, "1990-01-01", false, {}, G::age18_49, S::none});
  const uint16_t commune = index.commune_slot(1);
  const uint16_t just_one[] = {commune};
  const uint16_t both[] = {commune, index.commune_slot(2)};
  const CoverageCube by_members = compute_coverage_cube(index, just_one, d(as_of));
  const CoverageCube by_scan = compute_coverage_cube(index, both, d(as_of));
  EXPECT_EQ(by_members.cells[0].count_group(expected, S::none), 1u) << "member lists";
  EXPECT_EQ(by_scan.cells[0].count_group(expected, S::none), 1u) << "full scan";
  EXPECT_EQ(AgeGroupCutoffs(d(as_of)).classify(d(birth)), expected) << "AgeGroupCutoffs";
}

TEST(CoverageCubeTest, AgeGroupChangesOnTheBirthdayItself) {
  struct Row {
    const char* birth;
    const char* as_of;
    int age;  // completed years on as_of
    G group;
  };
  const Row rows[] = {
      {"2017-06-02", "2022-06-01", 4, G::under5},
      {"2017-06-01", "2022-06-01", 5, G::age5_11},
      {"2010-06-02", "2022-06-01", 11, G::age5_11},
      {"2010-06-01", "2022-06-01", 12, G::age12_17},
      {"2004-06-02", "2022-06-01", 17, G::age12_17},
      {"2004-06-01", "2022-06-01", 18, G::age18_49},
      {"1972-06-02", "2022-06-01", 49, G::age18_49},
      {"1972-06-01", "2022-06-01", 50, G::age50_plus},
      {"1900-01-01", "2022-06-01", 122, G::age50_plus},
      {"2022-06-01", "2022-06-01", 0, G::under5},
      // Born on 29 February: a year older on 1 March in common years ...
      {"2016-02-29", "2021-02-28", 4, G::under5},
      {"2016-02-29", "2021-03-01", 5, G::age5_11},
      {"2004-02-29", "2022-02-28", 17, G::age12_17},
      {"2004-02-29", "2022-03-01", 18, G::age18_49},
      // ... and on 29 February itself in leap years.
      {"2012-02-29", "2024-02-28", 11, G::age5_11},
      {"2012-02-29", "2024-02-29", 12, G::age12_17},
      {"1974-02-28", "2024-02-29", 50, G::age50_plus},
      {"1974-03-01", "2024-02-29", 49, G::age18_49},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string("born ") + row.birth + ", as of " + row.as_of);
    EXPECT_EQ(age_in_years(d(row.birth), d(row.as_of)), row.age);
    expect_age_group(row.birth, row.as_of, row.group);
  }
}

TEST(CoverageCubeTest, StatusIsTheOneReachedByTheAsOfDate) {
  // An adult with dose 1 on 2021-08-01, dose 2 on 2021-09-01, an additional
  // dose on 2021-12-01 and a first booster on 2022-03-01.
  RegistryIndex index;
  add_resident(index, {1,
                       100,
                       "1980-01-01",
                       false,
                       {"2021-08-01", "2021-09-01", "2021-12-01", "2022-03-01"},
                       G::age18_49,
                       S::booster1});
  struct Row {
    const char* as_of;
    S status;
  };
  const Row rows[] = {
      {"2021-07-31", S::none},
      {"2021-08-01", S::partial},
      {"2021-08-31", S::partial},
      {"2021-09-01", S::primary_complete},
      {"2021-11-30", S::primary_complete},
      {"2021-12-01", S::additional},
      {"2022-02-28", S::additional},
      {"2022-03-01", S::booster1},
      {"2025-01-01", S::booster1},
  };
  const uint16_t all[] = {index.commune_slot(100)};
  for (const Row& row : rows) {
    SCOPED_TRACE(row.as_of);
    const CoverageCube cube = compute_coverage_cube(index, all, d(row.as_of));
    EXPECT_EQ(cube.cells[0].counts[0][static_cast<int>(G::age18_49)][static_cast<int>(row.status)],
              1u);
    EXPECT_EQ(cube.cells[0].total(), 1u);
  }
}

// The seed plans' targets (data/rules/targets.json), written out here because
// the domain layer does not read files.
TargetVersion seed_targets() {
  TargetVersion v;
  v.id = "38-NQ-CP-2022";
  v.effective_from = d("2022-03-17");
  auto target = [](const char* id, TargetPopulation population, S at_least, double threshold) {
    Target t;
    t.id = id;
    t.population = population;
    t.at_least = at_least;
    t.threshold = threshold;
    return t;
  };
  v.targets = {
      target("T1", TargetPopulation::age50_plus_and_high_risk, S::additional, 0.90),
      target("T2", TargetPopulation::age18_49, S::additional, 0.75),
      target("T3", TargetPopulation::age12_17, S::primary_complete, 0.75),
      target("T4", TargetPopulation::age5_11, S::primary_complete, 1.0),
      target("T5", TargetPopulation::age18_plus, S::additional, 0.90),
      target("T6", TargetPopulation::everyone, S::none, 0.95),
  };
  return v;
}

CoverageCell all_residents_on_as_of() {
  RegistryIndex index = build_index(kResidents);
  return compute_coverage_cube(index, slots_of(index, {100, 200, 300}), d(kAsOf)).sum();
}

TEST(CoverageReportTest, GroupRowsCountRegisteredPersonsByStatus) {
  const CoverageReport report =
      build_coverage_report(all_residents_on_as_of(), d(kAsOf), nullptr, std::nullopt);
  EXPECT_EQ(report.as_of, d(kAsOf));
  EXPECT_TRUE(report.targets.empty());
  EXPECT_EQ(report.targets_version, "");
  struct Row {
    const char* group;
    uint64_t registered;
    uint64_t none, partial, primary_complete, additional, booster1, booster2;
  };
  const Row rows[] = {
      // group      regd none part prim addl bst1 bst2
      {"5-11", 2, 1, 1, 0, 0, 0, 0},       // ids 1, 8
      {"12-17", 2, 0, 1, 1, 0, 0, 0},      // ids 3, 5
      {"18-49", 4, 1, 0, 2, 1, 0, 0},      // ids 4, 7, 11, 12
      {"50+", 2, 0, 0, 0, 1, 1, 0},        // ids 6, 9
      {"high-risk", 3, 1, 0, 1, 1, 0, 0},  // ids 7, 9, 11
  };
  ASSERT_EQ(report.groups.size(), std::size(rows));
  for (size_t i = 0; i < std::size(rows); ++i) {
    const Row& want = rows[i];
    const GroupRow& got = report.groups[i];
    SCOPED_TRACE(want.group);
    EXPECT_EQ(got.group, want.group);
    EXPECT_EQ(got.registered, want.registered);
    const uint64_t by_status[] = {want.none,       want.partial,  want.primary_complete,
                                  want.additional, want.booster1, want.booster2};
    for (int s = 0; s < kVaccinationStatusCount; ++s)
      EXPECT_EQ(got.by_status[s], by_status[s]) << to_string(static_cast<S>(s));
  }
}

TEST(CoverageReportTest, TargetsAgainstTheRegistry) {
  const TargetVersion targets = seed_targets();
  const CoverageReport report =
      build_coverage_report(all_residents_on_as_of(), d(kAsOf), &targets, std::nullopt);
  EXPECT_EQ(report.targets_version, "38-NQ-CP-2022");
  struct Row {
    const char* target;
    uint64_t numerator;
    uint64_t denominator;
    int64_t gap;  // ceil(threshold x denominator) - numerator, never below 0
    bool met;
  };
  const Row rows[] = {
      // T1: everyone 50+ (6, 9) and high-risk 18-49 (7, 11); 6 and 9 have a
      // booster or additional dose; ceil(0.90 x 4) = 4.
      {"T1", 2, 4, 2, false},
      // T2: 18-49 (4, 7, 11, 12); only 4 has an additional dose; 0.75 x 4 = 3.
      {"T2", 1, 4, 2, false},
      // T3: 12-17 (3, 5); 3 has both doses; ceil(0.75 x 2) = 2.
      {"T3", 1, 2, 1, false},
      // T4: 5-11 (1, 8); nobody has both doses; 100% of 2.
      {"T4", 0, 2, 2, false},
      // T5: 18+ (4, 6, 7, 9, 11, 12); 4, 6, 9 count; ceil(0.90 x 6) = 6.
      {"T5", 3, 6, 3, false},
      // T6 without an official population: no denominator, no gap.
      {"T6", 12, 0, 0, false},
  };
  ASSERT_EQ(report.targets.size(), std::size(rows));
  for (size_t i = 0; i < std::size(rows); ++i) {
    const Row& want = rows[i];
    const TargetResult& got = report.targets[i];
    SCOPED_TRACE(want.target);
    EXPECT_EQ(got.target.id, want.target);
    EXPECT_EQ(got.numerator, want.numerator);
    EXPECT_EQ(got.denominator, want.denominator);
    EXPECT_EQ(got.gap, want.gap);
    EXPECT_EQ(got.met, want.met);
    if (want.denominator > 0) {
      EXPECT_DOUBLE_EQ(got.share, static_cast<double>(want.numerator) / want.denominator);
    } else {
      EXPECT_EQ(got.share, 0.0);
    }
    EXPECT_EQ(got.denominator_source,
              want.target == std::string("T6") ? "official population" : "registry");
  }
}

TEST(CoverageReportTest, RegistrationTargetAgainstTheOfficialPopulation) {
  const TargetVersion targets = seed_targets();
  const CoverageCell totals = all_residents_on_as_of();  // 12 registered
  struct Row {
    const char* what;
    std::optional<int64_t> official_population;
    uint64_t denominator;
    int64_t gap;  // ceil(0.95 x population) - 12
    bool met;
  };
  const Row rows[] = {
      {"unknown population", std::nullopt, 0, 0, false},
      {"population recorded as 0", 0, 0, 0, false},
      {"population 20: 19 needed", 20, 20, 7, false},
      {"population 13: ceil(12.35) = 13 needed", 13, 13, 1, false},
      {"population 12: all registered", 12, 12, 0, true},
      {"registry larger than the official count", 10, 10, 0, true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    const CoverageReport report =
        build_coverage_report(totals, d(kAsOf), &targets, row.official_population);
    const TargetResult& t6 = report.targets.back();
    ASSERT_EQ(t6.target.id, "T6");
    EXPECT_EQ(t6.numerator, 12u);
    EXPECT_EQ(t6.denominator, row.denominator);
    EXPECT_EQ(t6.gap, row.gap);
    EXPECT_EQ(t6.met, row.met);
    // The other targets never use the official population.
    EXPECT_EQ(report.targets[0].denominator, 4u);
  }
}

}  // namespace
}  // namespace phongdich
