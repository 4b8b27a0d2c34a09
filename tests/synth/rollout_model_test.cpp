#include "synth/rollout_model.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "synth/rollout_calendar.hpp"

namespace phongdich::synth {
namespace {

Date d(int y, unsigned m, unsigned day) { return *Date::from_ymd(y, m, day); }

const Date kAsOf = d(2022, 9, 30);

struct Shares {
  double at_least_one = 0, at_least_two = 0, at_least_three = 0, four = 0, mean_doses = 0;
};

Shares simulate(const Vaccinee& person, Date as_of, int people = 20000) {
  Rng rng(99, 0, static_cast<uint64_t>(person.birth_date.days()));
  std::vector<PlannedDose> doses;
  Shares s;
  for (int i = 0; i < people; ++i) {
    plan_doses(rng, person, as_of, doses);
    s.at_least_one += !doses.empty();
    s.at_least_two += doses.size() >= 2;
    s.at_least_three += doses.size() >= 3;
    s.four += doses.size() >= 4;
    s.mean_doses += static_cast<double>(doses.size());
  }
  for (double* v : {&s.at_least_one, &s.at_least_two, &s.at_least_three, &s.four, &s.mean_doses}) {
    *v /= people;
  }
  return s;
}

// Uptake by the end of 09/2022, per kind of person: lower and upper bounds of the
// share with at least one, two, three and four doses (four = a second booster,
// or an additional dose and a first booster after a Sinopharm/Sputnik primary).
struct UptakeRow {
  const char* who;
  Date birth;
  bool high_exposure;
  double one_lo, one_hi, two_lo, two_hi, three_lo, three_hi, four_lo, four_hi;
};

// clang-format off
const UptakeRow kUptake[] = {
  // who                          birth          high exp.  >=1 dose    >=2 doses   >=3 doses   >=4 doses
  {"adult of 35",                 d(1987, 5, 1), false,     .93, .98,   .86, .94,   .55, .72,   .03, .12},
  {"adult of 35, high exposure",  d(1987, 5, 1), true,      .93, .98,   .86, .94,   .55, .72,   .20, .35},
  {"adult of 60",                 d(1962, 5, 1), false,     .93, .98,   .86, .94,   .55, .72,   .30, .45},
  {"elder of 85",                 d(1937, 5, 1), false,     .84, .92,   .78, .88,   .48, .66,   .30, .48},
  {"teenager of 14",              d(2008, 3, 1), false,     .90, .96,   .83, .92,   .20, .45,   .00, .00},
  {"child of 8",                  d(2014, 3, 1), false,     .70, .80,   .55, .70,   .00, .00,   .00, .00},
  {"toddler of 3",                d(2019, 3, 1), false,     .00, .00,   .00, .00,   .00, .00,   .00, .00},
};
// clang-format on

TEST(RolloutModel, UptakeByAgeMatchesTheCampaigns) {
  for (const auto& row : kUptake) {
    const Shares s = simulate({row.birth, false, row.high_exposure}, kAsOf);
    EXPECT_GE(s.at_least_one, row.one_lo) << row.who;
    EXPECT_LE(s.at_least_one, row.one_hi) << row.who;
    EXPECT_GE(s.at_least_two, row.two_lo) << row.who;
    EXPECT_LE(s.at_least_two, row.two_hi) << row.who;
    EXPECT_GE(s.at_least_three, row.three_lo) << row.who;
    EXPECT_LE(s.at_least_three, row.three_hi) << row.who;
    EXPECT_GE(s.four, row.four_lo) << row.who;
    EXPECT_LE(s.four, row.four_hi) << row.who;
  }
}

// The rules each history keeps (domain/vaccination.md).
void check_history(const std::vector<PlannedDose>& doses, const Vaccinee& p, Date as_of) {
  const std::set<std::string_view> mrna{product::kPfizer, product::kModerna};
  for (size_t i = 0; i < doses.size(); ++i) {
    ASSERT_LE(doses[i].date, as_of);
    ASSERT_GE(doses[i].date, d(2021, 3, 8)) << "before the first AZ shots";
    if (i > 0) {
      ASSERT_GE(doses[i].date - doses[i - 1].date, 14) << "interval";
      if (i == 1) {
        ASSERT_GE(doses[1].date - doses[0].date, minimum_primary_interval(doses[0].product));
      }
    }
  }
  if (doses.empty()) return;
  const int age_first = age_in_years(p.birth_date, doses[0].date);
  if (age_first < 18) {
    ASSERT_GE(age_first, 5);
    for (const auto& dose : doses) {
      ASSERT_EQ(dose.product, doses[0].product) << "no mixing under 18";
      ASSERT_TRUE(mrna.count(dose.product)) << "children get Pfizer or Moderna";
    }
    if (age_first < 6) {
      ASSERT_EQ(doses[0].product, product::kPfizer) << "Moderna from 6";
    }
  }
  if (doses[0].product == product::kVeroCell && doses.size() >= 2) {
    ASSERT_EQ(doses[1].product, product::kVeroCell) << "Sinopharm completed with Sinopharm";
  }
  if (doses[0].product == product::kAz && doses.size() >= 2) {
    ASSERT_TRUE(doses[1].product == product::kAz || mrna.count(doses[1].product));
  }
  for (size_t i = 2; i < doses.size(); ++i) {
    if (doses[i].date < booster_start()) {
      ASSERT_EQ(doses[0].product, product::kAbdala);
    }
  }
  // Without an additional dose (Sinopharm, Sputnik V, immunodeficiency) or a
  // three-dose primary (Abdala), a fourth dose is a second booster.
  const bool may_have_additional = doses[0].product == product::kVeroCell ||
                                   doses[0].product == product::kSputnik || p.immunodeficient;
  if (doses.size() >= 4 && doses[0].product != product::kAbdala && !may_have_additional) {
    ASSERT_GE(doses[3].date, second_booster_start());
  }
}

TEST(RolloutModel, EveryHistoryKeepsTheRules) {
  Rng rng(5, 0, 0);
  std::vector<PlannedDose> doses;
  for (int i = 0; i < 200000; ++i) {
    const Vaccinee p{kAsOf.plus_days(-rng.between(0, 95 * 365)), rng.chance(0.05),
                     rng.chance(0.05)};
    plan_doses(rng, p, kAsOf, doses);
    ASSERT_NO_FATAL_FAILURE(check_history(doses, p, kAsOf)) << "born " << p.birth_date.iso();
  }
}

TEST(RolloutModel, NothingAfterAnEarlyAsOfDate) {
  const Shares s = simulate({d(1970, 1, 1), false, false}, d(2021, 7, 31));
  EXPECT_LT(s.at_least_one, 0.15);  // only the first months of the rollout
  EXPECT_EQ(s.at_least_three, 0.0);
  EXPECT_EQ(simulate({d(1970, 1, 1), false, false}, d(2021, 1, 1)).at_least_one, 0.0);
}

TEST(RolloutModel, AdultFirstDosesPeakInLate2021) {
  Rng rng(11, 0, 0);
  std::vector<PlannedDose> doses;
  int july_to_december = 0, vaccinated = 0;
  for (int i = 0; i < 20000; ++i) {
    plan_doses(rng, {d(1980, 1, 1), false, false}, kAsOf, doses);
    if (doses.empty()) continue;
    ++vaccinated;
    july_to_december += doses[0].date >= d(2021, 7, 1) && doses[0].date <= d(2021, 12, 31);
  }
  EXPECT_GT(static_cast<double>(july_to_december) / vaccinated, 0.9);
}

}  // namespace
}  // namespace phongdich::synth
