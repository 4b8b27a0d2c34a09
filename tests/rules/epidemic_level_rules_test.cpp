// Epidemic levels under the shipped data/rules/epidemic_levels.json. Each row
// is one commune-week: its inputs, the C1 level and the final level.
//   4800/QĐ-BYT (from 12/10/2021): C1 new cases/100k/week < 20 | 20 | 50 | >= 150
//     [middle bands unconfirmed]; C2 (>= 70% of adults with 1 dose [unconfirmed])
//     met lowers by one; C3 not met: not lowered.
//   218/QĐ-BYT (from 27/1/2022): C1 = highest of new cases (< 20 | 20 | 150 | > 600),
//     oxygen (< 5 | 5 | 20) and deaths (< 1 | 1 | 2) per 100k/week [cut-offs
//     unconfirmed except > 600]; C2 (>= 75% fully vaccinated and >= 90% of
//     high-risk) not met raises by one; C3 not met raises by one [unconfirmed];
//     level 4 needs > 600 new cases.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/commune_levels.hpp"
#include "domain/epidemic_level.hpp"
#include "rules/epidemic_level_rules_json.hpp"

namespace phongdich {
namespace {

const std::string kFile = std::string(PHONGDICH_DATA_DIR) + "/rules/epidemic_levels.json";

Date d(const char* iso) { return *Date::parse_iso(iso); }

const EpidemicLevelRules& rules() {
  static const EpidemicLevelRules r = load_epidemic_level_rules(kFile);
  return r;
}

constexpr std::nullopt_t unknown = std::nullopt;

struct Row {
  const char* what;
  double new_cases, oxygen, deaths;
  std::optional<double> one_dose, full, high_risk_full;
  std::optional<bool> capacity;
  int c1;
  int level;
};

void check(const char* week_date, const char* version, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(version) + ": " + row.what);
    const LevelInputs in{row.new_cases, row.oxygen,         row.deaths,  row.one_dose,
                         row.full,      row.high_risk_full, row.capacity};
    const LevelAssessment a = assess_level(rules(), in, week_of(d(week_date)));
    EXPECT_EQ(a.version_id, version);
    EXPECT_EQ(a.c1_level, row.c1);
    EXPECT_EQ(a.level, row.level);
  }
}

// clang-format off
TEST(EpidemicLevels, Decision4800) {
  check("2021-11-01", "4800-2021",
        {
            // what                            new   oxygen deaths 1 dose   full     high-risk C3     C1 level
            {"few cases, covered",              10,   0,     0,     0.8,     unknown, unknown,  true,  1, 1},
            {"19.9 cases, not covered",         19.9, 0,     0,     0.5,     unknown, unknown,  true,  1, 1},
            {"20 cases, not covered",           20,   0,     0,     0.5,     unknown, unknown,  true,  2, 2},
            {"30 cases, covered: lowered",      30,   0,     0,     0.8,     unknown, unknown,  true,  2, 1},
            {"30 cases, coverage unknown",      30,   0,     0,     unknown, unknown, unknown,  true,  2, 2},
            {"70% exactly is met",              30,   0,     0,     0.7,     unknown, unknown,  true,  2, 1},
            {"100 cases, covered, no capacity", 100,  0,     0,     0.8,     unknown, unknown,  false, 3, 3},
            {"100 cases, covered, capacity",    100,  0,     0,     0.8,     unknown, unknown,  true,  3, 2},
            {"150 cases, not covered",          150,  0,     0,     0.5,     unknown, unknown,  true,  4, 4},
            {"200 cases, covered",              200,  0,     0,     0.8,     unknown, unknown,  true,  4, 3},
            {"deaths do not count under 4800",  10,   50,    9,     0.8,     unknown, unknown,  true,  1, 1},
        });
}
// clang-format on

// clang-format off
TEST(EpidemicLevels, Decision218) {
  check("2022-02-14", "218-2022",
        {
            // what                                 new  oxygen deaths 1 dose   full  high-risk C3       C1 level
            {"few cases, C2 and C3 met",             10,  0,     0,     unknown, 0.8,  0.95,     true,    1, 1},
            {"75% / 90% exactly is met",             10,  0,     0,     unknown, 0.75, 0.9,      true,    1, 1},
            {"74% fully vaccinated: raised",         10,  0,     0,     unknown, 0.74, 0.95,     true,    1, 2},
            {"high-risk 89%: raised",                10,  0,     0,     unknown, 0.8,  0.89,     true,    1, 2},
            {"capacity not met: raised",             10,  0,     0,     unknown, 0.8,  0.95,     false,   1, 2},
            {"capacity unknown counts as not met",   10,  0,     0,     unknown, 0.8,  0.95,     unknown, 1, 2},
            {"C2 and C3 not met: raised twice",      10,  0,     0,     unknown, 0.5,  0.5,      false,   1, 3},
            {"one death per 100k",                   10,  0,     1,     unknown, 0.8,  0.95,     true,    2, 2},
            {"two deaths per 100k",                  10,  0,     2,     unknown, 0.8,  0.95,     true,    3, 3},
            {"oxygen 5 per 100k",                    10,  5,     0,     unknown, 0.8,  0.95,     true,    2, 2},
            {"oxygen 25 per 100k",                   10,  25,    0,     unknown, 0.8,  0.95,     true,    3, 3},
            {"150 cases",                            150, 0,     0,     unknown, 0.8,  0.95,     true,    3, 3},
            {"600 cases is not above 600",           600, 0,     0,     unknown, 0.8,  0.95,     true,    3, 3},
            {"601 cases",                            601, 0,     0,     unknown, 0.8,  0.95,     true,    4, 4},
            {"400 cases, C2 not met: 4 needs > 600", 400, 0,     0,     unknown, 0.5,  0.95,     true,    3, 3},
            {"700 cases, nothing met: at most 4",    700, 0,     0,     unknown, 0.5,  0.5,      false,   4, 4},
            {"4800's coverage is not read",          10,  0,     0,     0.1,     0.8,  0.95,     true,    1, 1},
        });
}
// clang-format on

TEST(EpidemicLevels, TheVersionIsTheOneInForceOnTheWeeksSunday) {
  // 218 was signed on Thursday 27/1/2022: that week is assessed under it.
  const LevelInputs in{30, 0, 0, 0.8, unknown, unknown, true};
  EXPECT_EQ(assess_level(rules(), in, week_of(d("2022-01-23"))).version_id, "4800-2021");
  EXPECT_EQ(assess_level(rules(), in, week_of(d("2022-01-24"))).version_id, "218-2022");
  EXPECT_EQ(assess_level(rules(), in, week_of(d("2022-01-23"))).level, 1);
  EXPECT_EQ(assess_level(rules(), in, week_of(d("2022-01-24"))).level, 3);
}

TEST(EpidemicLevels, ReasonsSayWhyACommuneIsOrange) {
  const LevelInputs in{35.24, 0, 0, unknown, 0.70, 0.95, true};
  const LevelAssessment a = assess_level(rules(), in, week_of(d("2022-02-14")));
  EXPECT_EQ(a.level, 3);
  EXPECT_EQ(a.colour, "orange");
  EXPECT_EQ(a.source, "218/QĐ-BYT (27/1/2022)");
  std::vector<std::string> en;
  for (const LevelReason& r : a.reasons) en.push_back(r.text_en);
  ASSERT_EQ(en.size(), 5u);
  EXPECT_EQ(en[0], "C1 new cases per 100,000 per week: 35.2 (20 to < 150): level 2");
  EXPECT_EQ(en[1],
            "C1 new cases needing oxygen or ventilation per 100,000 per week: 0 (< 5): level 1");
  EXPECT_EQ(en[2], "C1 deaths per 100,000 per week: 0 (< 1): level 1");
  EXPECT_EQ(
      en[3],
      "C2 not met: level raised by 1 (share of the population fully vaccinated 70% (needs >= "
      "75%); share of high-risk people (elderly, comorbidities) fully vaccinated 95% (needs >= "
      "90%))");
  EXPECT_EQ(en[4].substr(0, 20), "C3 met: no change (t");
  EXPECT_EQ(a.reasons[3].effect, "raised by 1");
  EXPECT_EQ(a.reasons[0].value, 35.24);
  EXPECT_NE(a.reasons[3].text_vi.find("C2 không đạt: nâng 1 cấp"), std::string::npos)
      << a.reasons[3].text_vi;
}

TEST(EpidemicLevels, TheCapAtLevelThreeIsExplained) {
  const LevelInputs in{400, 0, 0, unknown, 0.5, 0.95, true};
  const LevelAssessment a = assess_level(rules(), in, week_of(d("2022-02-14")));
  ASSERT_FALSE(a.reasons.empty());
  EXPECT_EQ(a.reasons.back().effect, "capped at 3");
  EXPECT_NE(a.reasons.back().text_en.find("> 600"), std::string::npos) << a.reasons.back().text_en;
}

Area area(AreaId id, AreaLevel level, std::optional<AreaId> parent) {
  Area a;
  a.id = id;
  a.tree = "vn2022";
  a.code = std::to_string(id);
  a.level = level;
  a.parent_id = parent;
  return a;
}

TEST(EpidemicLevels, AssessAllCommunesOfAWeek) {
  const AreaForest forest({area(1, AreaLevel::nation, std::nullopt),
                           area(2, AreaLevel::province, 1), area(3, AreaLevel::district, 2),
                           area(4, AreaLevel::commune, 3), area(5, AreaLevel::commune, 3),
                           area(6, AreaLevel::commune, 3)});
  WeeklyIndicators indicators(forest, "vn2022");
  const Date monday = d("2022-02-14");
  // Commune 4: 7 cases in 10,000 people = 70/100k; commune 5: one death in 10,000 = 10/100k.
  for (int i = 0; i < 7; ++i) {
    CovidCase c;
    c.area_id = 4;
    c.confirmed_on = monday;
    indicators.add_case(c);
  }
  CovidCase died;
  died.area_id = 5;
  died.confirmed_on = monday;
  died.steps = {{monday.plus_days(2), CaseState::died, "", false}};
  indicators.add_case(died);

  const std::vector<int64_t> population = {10000, 10000, 10000};
  const std::vector<std::optional<double>> full = {0.8, 0.8, 0.6};
  const std::vector<std::optional<double>> high_risk = {0.95, 0.95, 0.95};
  const std::vector<std::optional<bool>> capacity = {true, true, true};
  CommuneLevelInputs inputs;
  inputs.population = population;
  inputs.fully_vaccinated_share = full;
  inputs.high_risk_fully_vaccinated_share = high_risk;
  inputs.capacity_met = capacity;
  const std::vector<LevelAssessment> levels =
      assess_all(rules(), indicators, week_of(monday), inputs);
  ASSERT_EQ(levels.size(), 3u);
  EXPECT_EQ(levels[0].level, 2);  // 70 new cases/100k: band 20–< 150
  EXPECT_EQ(levels[1].level, 3);  // 10 new cases and 10 deaths/100k: deaths band >= 2
  EXPECT_EQ(levels[2].level, 2);  // nothing, but 60% fully vaccinated: raised
}

}  // namespace
}  // namespace phongdich
