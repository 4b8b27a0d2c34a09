// Weekly indicators on a hand-built area tree: every counter worked out by hand.
#include "domain/weekly_indicators.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace phongdich {
namespace {

using S = CaseState;
using L = AreaLevel;

Date d(const char* iso) { return *Date::parse_iso(iso); }

Area area(AreaId id, const char* tree, const char* code, L level, std::optional<AreaId> parent) {
  Area a;
  a.id = id;
  a.tree = tree;
  a.code = code;
  a.name = code;
  a.level = level;
  a.parent_id = parent;
  return a;
}

// Nation 1 -> provinces 2, 6 -> districts 3 (2), 7 (6) -> communes 4, 5 (3), 8 (7);
// a vn2025 commune 12 holds old commune 4 (for the successor rule).
AreaForest forest() {
  AreaForest f({
      area(1, "vn2022", "VN", L::nation, std::nullopt),
      area(2, "vn2022", "79", L::province, 1),
      area(3, "vn2022", "772", L::district, 2),
      area(4, "vn2022", "27208", L::commune, 3),
      area(5, "vn2022", "27211", L::commune, 3),
      area(6, "vn2022", "01", L::province, 1),
      area(7, "vn2022", "001", L::district, 6),
      area(8, "vn2022", "00001", L::commune, 7),
      area(10, "vn2025", "VN", L::nation, std::nullopt),
      area(11, "vn2025", "79", L::province, 10),
      area(12, "vn2025", "27226", L::commune, 11),
  });
  f.add_successor(4, 12);
  return f;
}

// Week of Monday 2022-03-07 .. Sunday 2022-03-13.
const WeekIndex kWeek = week_of(d("2022-03-07"));

CovidCase a_case(AreaId commune, const char* confirmed, std::vector<CaseStep> steps) {
  CovidCase c;
  c.area_id = commune;
  c.confirmed_on = d(confirmed);
  c.steps = std::move(steps);
  return c;
}

TestResult a_test(AreaId commune, const char* sample, TestKind kind, TestOutcome outcome) {
  TestResult t;
  t.area_id = commune;
  t.sample_date = d(sample);
  t.result_date = d(sample);
  t.kind = kind;
  t.outcome = outcome;
  return t;
}

TEST(WeeklyIndicators, CommuneSlotsAreContiguousPerArea) {
  const AreaForest f = forest();
  const WeeklyIndicators w(f, "vn2022");
  ASSERT_EQ(w.commune_count(), 3u);
  EXPECT_EQ(w.slot_range(1), (std::pair<uint32_t, uint32_t>{0, 3}));
  EXPECT_EQ(w.slot_range(3), (std::pair<uint32_t, uint32_t>{0, 2}));
  EXPECT_EQ(w.slot_range(6), (std::pair<uint32_t, uint32_t>{2, 3}));
  EXPECT_EQ(w.commune_at(*w.slot_of(8)), 8);
  EXPECT_FALSE(w.slot_of(3));      // a district is not a commune
  EXPECT_FALSE(w.slot_of(99));     // unknown
  EXPECT_FALSE(w.slot_range(11));  // another tree
}

TEST(WeeklyIndicators, CountsEachEventInItsWeekAndCommune) {
  const AreaForest f = forest();
  WeeklyIndicators w(f, "vn2022");
  // Commune 4: a case admitted, moved to ICU on oxygen, died, all this week.
  EXPECT_TRUE(w.add_case(a_case(4, "2022-03-07",
                                {{d("2022-03-07"), S::home_care, "", false},
                                 {d("2022-03-09"), S::hospital, "BV", false},
                                 {d("2022-03-10"), S::icu, "BV", true},
                                 {d("2022-03-12"), S::died, "BV", true}})));
  // Commune 4: a case confirmed on Sunday this week, admitted on Monday next week.
  EXPECT_TRUE(w.add_case(a_case(
      4, "2022-03-13",
      {{d("2022-03-13"), S::home_care, "", false}, {d("2022-03-14"), S::hospital, "BV", true}})));
  // Commune 5: confirmed last week, hospitalised this week (a first step there counts).
  EXPECT_TRUE(w.add_case(a_case(5, "2022-03-06", {{d("2022-03-08"), S::hospital, "BV", false}})));
  // Commune 8: a case at home.
  EXPECT_TRUE(w.add_case(a_case(8, "2022-03-08", {{d("2022-03-08"), S::home_care, "", false}})));
  // Tests: sequencing is not counted; an inconclusive test is a test, not a positive.
  EXPECT_TRUE(w.add_test(a_test(4, "2022-03-07", TestKind::rt_pcr, TestOutcome::positive)));
  EXPECT_TRUE(w.add_test(a_test(4, "2022-03-08", TestKind::rapid_antigen, TestOutcome::negative)));
  EXPECT_TRUE(
      w.add_test(a_test(4, "2022-03-08", TestKind::rapid_antigen, TestOutcome::inconclusive)));
  EXPECT_TRUE(w.add_test(a_test(4, "2022-03-09", TestKind::sequencing, TestOutcome::positive)));
  EXPECT_TRUE(w.add_test(a_test(8, "2022-03-14", TestKind::rt_pcr, TestOutcome::positive)));
  EXPECT_FALSE(w.add_test(a_test(99, "2022-03-08", TestKind::rt_pcr, TestOutcome::positive)));

  //                                 new hosp oxy deaths tests positive
  EXPECT_EQ(w.counts(4, kWeek), (WeekCounts{2, 1, 1, 1, 3, 1}));
  EXPECT_EQ(w.counts(5, kWeek), (WeekCounts{0, 1, 0, 0, 0, 0}));
  EXPECT_EQ(w.counts(8, kWeek), (WeekCounts{1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(w.counts(3, kWeek), (WeekCounts{2, 2, 1, 1, 3, 1}));
  EXPECT_EQ(w.counts(1, kWeek), (WeekCounts{3, 2, 1, 1, 3, 1}));
  EXPECT_EQ(w.counts(4, kWeek - 1), (WeekCounts{}));
  EXPECT_EQ(w.counts(5, kWeek - 1), (WeekCounts{1, 0, 0, 0, 0, 0}));
  EXPECT_EQ(w.counts(1, kWeek + 1), (WeekCounts{0, 1, 1, 0, 1, 1}));
}

TEST(WeeklyIndicators, AddStepCountsOnlyTheNewStep) {
  const AreaForest f = forest();
  WeeklyIndicators w(f, "vn2022");
  CovidCase c = a_case(5, "2022-03-07", {{d("2022-03-07"), S::home_care, "", false}});
  w.add_case(c);
  const CaseStep admitted{d("2022-03-08"), S::hospital, "BV", true};
  EXPECT_TRUE(w.add_step(c, admitted));
  c.steps.push_back(admitted);
  const CaseStep icu{d("2022-03-09"), S::icu, "BV", true};  // not a new admission, not new oxygen
  EXPECT_TRUE(w.add_step(c, icu));
  c.steps.push_back(icu);
  EXPECT_TRUE(w.add_step(c, {d("2022-03-15"), S::died, "BV", true}));
  EXPECT_EQ(w.counts(5, kWeek), (WeekCounts{1, 1, 1, 0, 0, 0}));
  EXPECT_EQ(w.counts(5, kWeek + 1), (WeekCounts{0, 0, 0, 1, 0, 0}));
}

TEST(WeeklyIndicators, OldCommunesCountInTheTreeOfToday) {
  const AreaForest f = forest();
  WeeklyIndicators w(f, "vn2025");
  ASSERT_EQ(w.commune_count(), 1u);
  EXPECT_TRUE(w.add_case(a_case(4, "2022-03-08", {})));   // old commune 4 -> 12
  EXPECT_FALSE(w.add_case(a_case(5, "2022-03-08", {})));  // no successor given
  EXPECT_EQ(w.counts(12, kWeek).new_cases, 1);
  EXPECT_EQ(w.counts(10, kWeek).new_cases, 1);
}

TEST(WeeklyIndicators, RatesPer100kAndTheDeathsAlert) {
  const AreaForest f = forest();
  WeeklyIndicators w(f, "vn2022");
  for (int i = 0; i < 30; ++i) w.add_case(a_case(4, "2022-03-08", {}));
  w.add_case(a_case(4, "2022-03-08", {{d("2022-03-09"), S::died, "", false}}));
  w.add_test(a_test(4, "2022-03-08", TestKind::rt_pcr, TestOutcome::positive));
  w.add_test(a_test(4, "2022-03-08", TestKind::rt_pcr, TestOutcome::negative));

  // T7: deaths >= 1 per 100,000 in the week. One death in 100,000 people: alert;
  // in 100,001: none.
  struct Row {
    int64_t population;
    double new_per_100k;
    bool alert;
  };
  for (const Row& row : {Row{100000, 31, true}, Row{100001, 30.9997, false}, Row{20000, 155, true},
                         Row{0, 0, false}}) {
    SCOPED_TRACE(row.population);
    const AreaWeek week = w.area_week(4, kWeek, row.population, 1.0);
    EXPECT_NEAR(week.rates.new_cases_per_100k, row.new_per_100k, 0.001);
    EXPECT_EQ(week.deaths_alert, row.alert);
    ASSERT_TRUE(week.rates.positivity);
    EXPECT_DOUBLE_EQ(*week.rates.positivity, 0.5);
  }
  EXPECT_FALSE(w.area_week(5, kWeek, 1000, 1.0).rates.positivity);  // no tests

  const std::vector<int64_t> population = {100000, 5000, 0};
  const std::vector<AreaWeek> all = w.commune_weeks(kWeek, population, 1.0);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].area, 4);
  EXPECT_TRUE(all[0].deaths_alert);
  EXPECT_EQ(all[1].counts, WeekCounts{});
  EXPECT_EQ(w.population_of(3, population), 105000);
  EXPECT_EQ(w.population_of(1, population), 105000);
  // A week without any record is all zeros.
  EXPECT_EQ(w.commune_counts(kWeek + 50).size(), 3u);
  EXPECT_EQ(w.commune_counts(kWeek + 50)[0], WeekCounts{});
}

}  // namespace
}  // namespace phongdich
