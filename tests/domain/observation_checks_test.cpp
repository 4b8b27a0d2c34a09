// Input checks of a home-care observation: every measurement at and just
// beyond each end of its range, and the dates the case was followed.
#include "domain/observation_checks.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace phongdich {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

std::vector<std::string> codes(const Violations& violations) {
  std::vector<std::string> out;
  for (const Violation& v : violations) out.push_back(v.code);
  return out;
}

CovidCase home_case() {
  CovidCase c;
  c.confirmed_on = d("2022-03-01");
  c.steps = {{d("2022-03-01"), CaseState::home_care, "", false}};
  return c;
}

Observation check_on(const char* date) {
  Observation o;
  o.date = d(date);
  return o;
}

struct MeasureRow {
  const char* what;
  std::function<void(Observation&)> set;
  const char* expected;  // "" for valid
};

TEST(ObservationChecks, MeasurementRanges) {
  const MeasureRow rows[] = {
      {"SpO2 50", [](Observation& o) { o.spo2_percent = 50; }, ""},
      {"SpO2 100", [](Observation& o) { o.spo2_percent = 100; }, ""},
      {"SpO2 49", [](Observation& o) { o.spo2_percent = 49; }, "observation.spo2_out_of_range"},
      {"SpO2 101", [](Observation& o) { o.spo2_percent = 101; }, "observation.spo2_out_of_range"},
      {"breaths 5", [](Observation& o) { o.respiratory_rate = 5; }, ""},
      {"breaths 80", [](Observation& o) { o.respiratory_rate = 80; }, ""},
      {"breaths 4", [](Observation& o) { o.respiratory_rate = 4; },
       "observation.respiratory_rate_out_of_range"},
      {"breaths 81", [](Observation& o) { o.respiratory_rate = 81; },
       "observation.respiratory_rate_out_of_range"},
      {"pulse 20", [](Observation& o) { o.pulse = 20; }, ""},
      {"pulse 250", [](Observation& o) { o.pulse = 250; }, ""},
      {"pulse 19", [](Observation& o) { o.pulse = 19; }, "observation.pulse_out_of_range"},
      {"pulse 251", [](Observation& o) { o.pulse = 251; }, "observation.pulse_out_of_range"},
      {"temperature 30.0", [](Observation& o) { o.temperature_c = 30.0; }, ""},
      {"temperature 45.0", [](Observation& o) { o.temperature_c = 45.0; }, ""},
      {"temperature 29.9", [](Observation& o) { o.temperature_c = 29.9; },
       "observation.temperature_out_of_range"},
      {"temperature in °F", [](Observation& o) { o.temperature_c = 98.6; },
       "observation.temperature_out_of_range"},
      {"systolic 50", [](Observation& o) { o.systolic_mmhg = 50; }, ""},
      {"systolic 261", [](Observation& o) { o.systolic_mmhg = 261; },
       "observation.systolic_out_of_range"},
      {"systolic 49", [](Observation& o) { o.systolic_mmhg = 49; },
       "observation.systolic_out_of_range"},
      {"diastolic 30", [](Observation& o) { o.diastolic_mmhg = 30; }, ""},
      {"diastolic 29", [](Observation& o) { o.diastolic_mmhg = 29; },
       "observation.diastolic_out_of_range"},
      {"diastolic 161", [](Observation& o) { o.diastolic_mmhg = 161; },
       "observation.diastolic_out_of_range"},
      {"120/80", [](Observation& o) { o.systolic_mmhg = 120, o.diastolic_mmhg = 80; }, ""},
      {"swapped 80/120", [](Observation& o) { o.systolic_mmhg = 80, o.diastolic_mmhg = 120; },
       "observation.diastolic_not_below_systolic"},
      {"equal 90/90", [](Observation& o) { o.systolic_mmhg = 90, o.diastolic_mmhg = 90; },
       "observation.diastolic_not_below_systolic"},
      {"nothing measured", [](Observation&) {}, ""},
  };
  for (const MeasureRow& row : rows) {
    SCOPED_TRACE(row.what);
    Observation o = check_on("2022-03-03");
    row.set(o);
    const auto got = codes(check_observation(o, home_case(), d("2022-03-05")));
    if (*row.expected) {
      EXPECT_EQ(got, std::vector<std::string>{row.expected});
    } else {
      EXPECT_TRUE(got.empty()) << got.front();
    }
  }
}

struct DateRow {
  const char* what;
  const char* date;
  std::function<void(CovidCase&)> change_case;
  std::vector<std::string> expected;
};

TEST(ObservationChecks, DatesInsideTheFollowUp) {
  const DateRow rows[] = {
      {"on the day of confirmation", "2022-03-01", [](CovidCase&) {}, {}},
      {"today", "2022-03-10", [](CovidCase&) {}, {}},
      {"tomorrow", "2022-03-11", [](CovidCase&) {}, {"observation.date_in_future"}},
      {"before confirmation", "2022-02-28", [](CovidCase&) {}, {"observation.before_confirmation"}},
      {"on the day the case recovered",
       "2022-03-08",
       [](CovidCase& c) {
         c.steps.push_back({d("2022-03-08"), CaseState::recovered, "", false});
       },
       {}},
      {"after the case recovered",
       "2022-03-09",
       [](CovidCase& c) {
         c.steps.push_back({d("2022-03-08"), CaseState::recovered, "", false});
       },
       {"observation.after_case_ended"}},
      {"after the case died",
       "2022-03-09",
       [](CovidCase& c) {
         c.steps.push_back({d("2022-03-08"), CaseState::died, "", false});
       },
       {"observation.after_case_ended"}},
      {"after isolation ended",
       "2022-03-09",
       [](CovidCase& c) { c.isolation_ended_on = d("2022-03-08"); },
       {"observation.after_isolation_ended"}},
      {"on the day isolation ended",
       "2022-03-08",
       [](CovidCase& c) { c.isolation_ended_on = d("2022-03-08"); },
       {}},
  };
  for (const DateRow& row : rows) {
    SCOPED_TRACE(row.what);
    CovidCase c = home_case();
    row.change_case(c);
    EXPECT_EQ(codes(check_observation(check_on(row.date), c, d("2022-03-10"))), row.expected);
  }
}

TEST(ObservationChecks, MessagesNameTheValueAndTheRange) {
  Observation o = check_on("2022-03-03");
  o.spo2_percent = 9;
  const Violations v = check_observation(o, home_case(), d("2022-03-05"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, "spo2");
  EXPECT_NE(v[0].message_en.find("9 is outside 50–100 %"), std::string::npos) << v[0].message_en;
  EXPECT_NE(v[0].message_vi.find("ngoài khoảng"), std::string::npos);
}

}  // namespace
}  // namespace phongdich
