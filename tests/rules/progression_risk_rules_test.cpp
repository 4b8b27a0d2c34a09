// Risk of progression (5525/QĐ-BYT) under the shipped
// data/rules/progression_risk.json. THE SCORING IS UNCONFIRMED (see the file);
// these rows pin phongdich's documented reading so a change to it is deliberate:
// age 50/65/75: +1/+2/+3; each comorbidity +1 (cancer, kidney, transplant,
// immunodeficiency, immunosuppressants +2), at most +3; pregnancy +1; not
// vaccinated +2, partly +1; symptoms +1; groups from 0/2/4/6 points; a danger
// sign is always very high.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/progression_risk.hpp"
#include "rules/progression_risk_json.hpp"

namespace phongdich {
namespace {

using R = ProgressionRisk;
using V = VaccinationStatus;

const std::string kFile = std::string(PHONGDICH_DATA_DIR) + "/rules/progression_risk.json";

const ProgressionRiskRules& rules() {
  static const ProgressionRiskRules r = load_progression_risk_rules(kFile);
  return r;
}

Comorbidities items(std::initializer_list<int> list) {
  Comorbidities c;
  for (int i : list) c.set(static_cast<size_t>(i - 1));
  return c;
}

struct Row {
  const char* what;
  int age;
  Comorbidities comorbidities;
  bool pregnant;
  V vaccination;
  bool symptoms;
  bool danger_sign;
  int points;
  R group;
  const char* colour;
};

TEST(ProgressionRisk, ShippedScoring) {
  const Row rows[] = {
      {"young, vaccinated, well", 30, {}, false, V::booster1, false, false, 0, R::low, "green"},
      {"young, vaccinated, symptoms",
       30,
       {},
       false,
       V::primary_complete,
       true,
       false,
       1,
       R::low,
       "green"},
      {"young, not vaccinated", 30, {}, false, V::none, false, false, 2, R::medium, "yellow"},
      {"55, one dose", 55, {}, false, V::partial, false, false, 2, R::medium, "yellow"},
      {"68, diabetes, vaccinated", 68, items({1}), false, V::additional, false, false, 3, R::medium,
       "yellow"},
      {"68, diabetes and hypertension", 68, items({1, 14}), false, V::additional, true, false, 5,
       R::high, "orange"},
      {"pregnant, not vaccinated, symptoms",
       28,
       {},
       true,
       V::none,
       true,
       false,
       4,
       R::high,
       "orange"},
      {"80, cancer and kidney (capped at 3), not vaccinated", 80, items({3, 4}), false, V::none,
       false, false, 8, R::very_high, "red"},
      {"40, transplant, partly vaccinated, symptoms", 40, items({5}), false, V::partial, true,
       false, 4, R::high, "orange"},
      {"any age with a danger sign",
       25,
       {},
       false,
       V::booster2,
       true,
       true,
       0,
       R::very_high,
       "red"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    ProgressionInputs in;
    in.age_years = row.age;
    in.comorbidities = row.comorbidities;
    in.pregnant = row.pregnant;
    in.vaccination = row.vaccination;
    if (row.symptoms) in.symptoms.set(size_t(Symptom::cough));
    in.danger_sign = row.danger_sign;
    const ProgressionAssessment a =
        assess_progression_risk(rules(), in, *Date::parse_iso("2022-03-01"));
    EXPECT_EQ(a.points, row.points);
    EXPECT_EQ(a.group, row.group) << to_string(a.group);
    EXPECT_EQ(a.colour, row.colour);
    EXPECT_EQ(a.version_id, "5525-2021");
    EXPECT_EQ(a.reasons_vi.size(), a.reasons_en.size());
  }
}

TEST(ProgressionRisk, ReasonsShowThePoints) {
  ProgressionInputs in;
  in.age_years = 67;
  in.comorbidities = items({1, 14});
  in.vaccination = V::none;
  const auto a = assess_progression_risk(rules(), in, *Date::parse_iso("2022-03-01"));
  EXPECT_EQ(a.reasons_en,
            (std::vector<std::string>{"Age 67: +2 points", "Comorbidities (items 1, 14): +2 points",
                                      "Vaccination: none: +2 points"}));
  EXPECT_EQ(a.group, R::very_high);
}

}  // namespace
}  // namespace phongdich
