// Danger signs of home care under the shipped data/rules/home_care.json.
// Each row: the patient's age, one measurement, and the sign it must (or must
// not) show. Thresholds of 261/QĐ-BYT (31/1/2022), shared/domain/cases-and-home-care.md.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "domain/danger_signs.hpp"
#include "rules/home_care_rules_json.hpp"

namespace phongdich {
namespace {

const std::string kFile = std::string(PHONGDICH_DATA_DIR) + "/rules/home_care.json";

Date d(const char* iso) { return *Date::parse_iso(iso); }

const HomeCareRules& rules() {
  static const HomeCareRules r = load_home_care_rules(kFile);
  return r;
}

std::vector<std::string> codes(const std::vector<DangerSign>& signs) {
  std::vector<std::string> out;
  for (const DangerSign& s : signs) out.push_back(s.code);
  return out;
}

struct Row {
  int age;
  const char* measured;
  std::function<void(Observation&)> set;
  const char* expected;  // the sign's code, or "" for none
};

const std::vector<Row>& rows_261() {
  static const std::vector<Row> rows = {
      // respiratory rate (261: adults >= 20; 1 to < 5 years >= 40; 5 to < 12 >= 30)
      {30, "rate 19", [](Observation& o) { o.respiratory_rate = 19; }, ""},
      {30, "rate 20", [](Observation& o) { o.respiratory_rate = 20; }, "respiratory_rate"},
      {12, "rate 20", [](Observation& o) { o.respiratory_rate = 20; }, "respiratory_rate"},
      {11, "rate 29", [](Observation& o) { o.respiratory_rate = 29; }, ""},
      {11, "rate 30", [](Observation& o) { o.respiratory_rate = 30; }, "respiratory_rate"},
      {5, "rate 30", [](Observation& o) { o.respiratory_rate = 30; }, "respiratory_rate"},
      {4, "rate 39", [](Observation& o) { o.respiratory_rate = 39; }, ""},
      {4, "rate 40", [](Observation& o) { o.respiratory_rate = 40; }, "respiratory_rate"},
      {1, "rate 40", [](Observation& o) { o.respiratory_rate = 40; }, "respiratory_rate"},
      {0, "rate 49", [](Observation& o) { o.respiratory_rate = 49; },
       ""},  // under 1: 50 [unconfirmed]
      {0, "rate 50", [](Observation& o) { o.respiratory_rate = 50; }, "respiratory_rate"},
      // SpO2 <= 96%
      {30, "SpO2 97", [](Observation& o) { o.spo2_percent = 97; }, ""},
      {30, "SpO2 96", [](Observation& o) { o.spo2_percent = 96; }, "spo2"},
      {4, "SpO2 90", [](Observation& o) { o.spo2_percent = 90; }, "spo2"},
      // pulse > 120 or < 50
      {30, "pulse 120", [](Observation& o) { o.pulse = 120; }, ""},
      {30, "pulse 121", [](Observation& o) { o.pulse = 121; }, "pulse_high"},
      {30, "pulse 50", [](Observation& o) { o.pulse = 50; }, ""},
      {30, "pulse 49", [](Observation& o) { o.pulse = 49; }, "pulse_low"},
      // blood pressure: systolic < 90 or diastolic < 60
      {30, "systolic 90", [](Observation& o) { o.systolic_mmhg = 90; }, ""},
      {30, "systolic 89", [](Observation& o) { o.systolic_mmhg = 89; }, "systolic_low"},
      {30, "diastolic 60", [](Observation& o) { o.diastolic_mmhg = 60; }, ""},
      {30, "diastolic 59", [](Observation& o) { o.diastolic_mmhg = 59; }, "diastolic_low"},
      // symptoms that are signs whatever the measurements
      {30, "short of breath",
       [](Observation& o) { o.symptoms.set(size_t(Symptom::shortness_of_breath)); },
       "shortness_of_breath"},
      {30, "chest pain", [](Observation& o) { o.symptoms.set(size_t(Symptom::chest_pain)); },
       "chest_pain"},
      {30, "confused",
       [](Observation& o) { o.symptoms.set(size_t(Symptom::consciousness_change)); },
       "consciousness_change"},
      {30, "cyanosis", [](Observation& o) { o.symptoms.set(size_t(Symptom::cyanosis)); },
       "cyanosis"},
      {30, "new illness",
       [](Observation& o) { o.symptoms.set(size_t(Symptom::new_acute_illness)); },
       "new_acute_illness"},
      {30, "unstable", [](Observation& o) { o.symptoms.set(size_t(Symptom::unstable_condition)); },
       "unstable_condition"},
      // children only
      {3, "not feeding",
       [](Observation& o) { o.symptoms.set(size_t(Symptom::not_drinking_or_feeding)); },
       "not_drinking_or_feeding"},
      {15, "MIS-C", [](Observation& o) { o.symptoms.set(size_t(Symptom::mis_c_signs)); },
       "mis_c_signs"},
      {16, "MIS-C at 16 (children are < 16)",
       [](Observation& o) { o.symptoms.set(size_t(Symptom::mis_c_signs)); }, ""},
      {40, "adult not eating",
       [](Observation& o) { o.symptoms.set(size_t(Symptom::not_drinking_or_feeding)); }, ""},
      // ordinary symptoms are not danger signs
      {30, "fever and cough",
       [](Observation& o) {
         o.symptoms.set(size_t(Symptom::fever));
         o.symptoms.set(size_t(Symptom::cough));
         o.temperature_c = 39.5;
       },
       ""},
      {30, "nothing measured", [](Observation&) {}, ""},
  };
  return rows;
}

// The same table for every version: 4038 and 604 keep 261's thresholds (see the file's notes).
TEST(DangerSigns, OneMeasurementPerRowInEveryVersion) {
  for (const char* date : {"2021-09-01", "2022-02-15", "2022-04-01"}) {
    for (const Row& row : rows_261()) {
      SCOPED_TRACE(std::string(date) + ", age " + std::to_string(row.age) + ", " + row.measured);
      Observation o;
      o.date = d(date);
      row.set(o);
      const auto got = codes(danger_signs(rules(), row.age, o));
      if (*row.expected) {
        EXPECT_EQ(got, std::vector<std::string>{row.expected});
      } else {
        EXPECT_TRUE(got.empty()) << got.front();
      }
    }
  }
}

TEST(DangerSigns, EachSignSaysTheValueAndTheThreshold) {
  Observation o;
  o.date = d("2022-03-01");
  o.respiratory_rate = 24;
  o.spo2_percent = 94;
  o.pulse = 130;
  o.symptoms.set(size_t(Symptom::chest_pain));
  const std::vector<DangerSign> signs = danger_signs(rules(), 67, o);
  EXPECT_EQ(sign_codes(signs), "chest_pain,respiratory_rate,spo2,pulse_high");
  ASSERT_EQ(signs.size(), 4u);
  EXPECT_EQ(signs[1].value, 24);
  EXPECT_EQ(signs[1].threshold, "≥ 20/min (adults)");
  EXPECT_EQ(signs[1].text_en, "Respiratory rate 24/min (adults: ≥ 20)");
  EXPECT_EQ(signs[1].text_vi, "Nhịp thở 24 lần/phút (người lớn: ≥ 20)");
  EXPECT_EQ(signs[2].threshold, "≤ 96%");
  EXPECT_FALSE(signs[0].value);
}

TEST(DangerSigns, ThresholdsComeFromTheFile) {
  // An official lowers the SpO2 threshold in a new version: the rule follows.
  HomeCareRules changed = rules();
  std::vector<HomeCareVersion> versions = changed.versions();
  HomeCareVersion next = versions.back();
  next.id = "test-2022-06";
  next.effective_from = d("2022-06-01");
  next.danger_signs.spo2_at_most = 94;
  versions.push_back(next);
  changed = HomeCareRules(versions);
  Observation o;
  o.spo2_percent = 95;
  o.date = d("2022-05-31");
  EXPECT_EQ(codes(danger_signs(changed, 30, o)), std::vector<std::string>{"spo2"});
  o.date = d("2022-06-01");
  EXPECT_TRUE(danger_signs(changed, 30, o).empty());
}

}  // namespace
}  // namespace phongdich
