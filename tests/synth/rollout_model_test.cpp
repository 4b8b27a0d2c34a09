#include "synth/rollout_model.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "domain/schedule.hpp"
#include "rules/vaccination_rules_json.hpp"
#include "synth/rollout_calendar.hpp"

namespace phongdich::synth {
namespace {

Date d(int y, unsigned m, unsigned day) { return *Date::from_ymd(y, m, day); }

const Date kAsOf = d(2022, 9, 30);

const VaccinationRules& real_rules() {
  static const VaccinationRules rules =
      load_vaccination_rules(std::string(PHONGDICH_DATA_DIR) + "/rules/vaccination.json");
  return rules;
}

struct Shares {
  double at_least_one = 0, at_least_two = 0, at_least_three = 0, four = 0, mean_doses = 0;
};

Shares simulate(const Vaccinee& person, Date as_of, int people = 20000) {
  Rng rng(99, 0, static_cast<uint64_t>(person.birth_date.days()));
  DosePlacer placer(real_rules());
  std::vector<PlannedDose> doses;
  Shares s;
  for (int i = 0; i < people; ++i) {
    plan_doses(rng, placer, person, as_of, doses);
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
  {"adult of 35",                 d(1987, 5, 1), false,     .93, .98,   .86, .94,   .62, .78,   .05, .16},
  {"adult of 35, high exposure",  d(1987, 5, 1), true,      .93, .98,   .86, .94,   .62, .78,   .20, .35},
  {"adult of 60",                 d(1962, 5, 1), false,     .93, .98,   .86, .94,   .62, .78,   .33, .50},
  {"elder of 85",                 d(1937, 5, 1), false,     .84, .92,   .78, .88,   .55, .72,   .30, .48},
  {"teenager of 14",              d(2008, 3, 1), false,     .90, .96,   .83, .92,   .38, .56,   .00, .00},
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

// Judges a history dose by dose as the importer does (each against the doses
// before it) and returns the first rejection, or "" when all are accepted.
std::string first_rejection(const VaccinationRules& rules, const Vaccinee& v,
                            const std::vector<PlannedDose>& doses, Date today) {
  Person person;
  person.birth_date = v.birth_date;
  person.immunodeficient = v.immunodeficient;
  person.high_exposure = v.high_exposure;
  std::vector<DoseRecord> prior;
  for (const PlannedDose& dose : doses) {
    const DoseAssessment a = assess_dose(rules, person, prior, dose.date, dose.product, today);
    if (!a.accepted) return a.violations.front().code + " on " + dose.date.iso();
    if (a.kind != dose.kind) return "kind differs on " + dose.date.iso();
    DoseRecord& r = prior.emplace_back();
    r.date = dose.date;
    r.product = std::string(dose.product);
    r.kind = a.kind;
    r.number_in_series = a.number_in_series;
  }
  return "";
}

TEST(RolloutModel, TheScheduleEngineAcceptsEveryDose) {
  Rng rng(5, 0, 0);
  DosePlacer placer(real_rules());
  std::vector<PlannedDose> doses;
  int boosters2 = 0, additional = 0;
  for (int i = 0; i < 200000; ++i) {
    const Vaccinee p{kAsOf.plus_days(-rng.between(0, 95 * 365)), rng.chance(0.05),
                     rng.chance(0.05)};
    plan_doses(rng, placer, p, kAsOf, doses);
    ASSERT_EQ(first_rejection(real_rules(), p, doses, kAsOf), "") << "born " << p.birth_date.iso();
    for (const auto& dose : doses) {
      boosters2 += dose.kind == DoseKind::booster2;
      additional += dose.kind == DoseKind::additional;
    }
  }
  // The histories reach every kind of dose, not only the easy ones.
  EXPECT_GT(boosters2, 10000);
  EXPECT_GT(additional, 2000);
}

// The generator reads the rules rather than knowing them: under a rule file
// where the 12-17 campaign and the boosters open later, no dose comes before
// the new dates and every dose is still accepted.
TEST(RolloutModel, LaterCampaignDatesInTheRuleFileMoveTheHistories) {
  std::ifstream in(std::string(PHONGDICH_DATA_DIR) + "/rules/vaccination.json");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
  };
  replace("\"effective_from\": \"2021-10-27\"", "\"effective_from\": \"2021-11-20\"");
  replace("\"after_primary\": {\"months\": 3}", "\"after_primary\": {\"months\": 5}");
  const VaccinationRules rules = parse_vaccination_rules(text);

  Rng rng(8, 0, 0);
  DosePlacer placer(rules);
  std::vector<PlannedDose> doses;
  int teens_vaccinated = 0;
  for (int i = 0; i < 50000; ++i) {
    const Vaccinee p{kAsOf.plus_days(-rng.between(10 * 365, 40 * 365)), false, false};
    plan_doses(rng, placer, p, kAsOf, doses);
    ASSERT_EQ(first_rejection(rules, p, doses, kAsOf), "") << "born " << p.birth_date.iso();
    if (doses.empty()) continue;
    if (age_in_years(p.birth_date, doses.front().date) < 18) {
      ++teens_vaccinated;
      ASSERT_GE(doses.front().date, d(2021, 11, 20)) << "born " << p.birth_date.iso();
    }
    Date last_primary = doses.front().date;
    for (const auto& dose : doses) {
      if (dose.kind == DoseKind::primary) last_primary = dose.date;
      if (dose.kind == DoseKind::booster1 && age_in_years(p.birth_date, dose.date) >= 18) {
        ASSERT_GE(dose.date, last_primary.plus_months(5)) << "born " << p.birth_date.iso();
      }
    }
  }
  EXPECT_GT(teens_vaccinated, 5000);
}

// When each product may first be given, as data/rules/vaccination.json says.
struct FirstDoseRow {
  const char* who;
  Date birth;
  std::string_view product;
  Date wish;
  std::optional<Date> earliest;  // nullopt: never, under these rules
};

// clang-format off
const FirstDoseRow kFirstDoses[] = {
  // who                              birth            product            wished        earliest allowed
  {"adult, AZ in 04/2021",            d(1980, 1, 1),   product::kAz,      d(2021, 4, 1), d(2021, 4, 1)},
  {"adult, Abdala before 17/09/2021", d(1980, 1, 1),   product::kAbdala,  d(2021, 9, 1), d(2021, 9, 17)},
  {"adult of 70, Abdala (max 65)",    d(1951, 1, 1),   product::kAbdala,  d(2021, 10, 1), std::nullopt},
  {"18-year-old, Abdala from 19",     d(2003, 3, 1),   product::kAbdala,  d(2021, 10, 1), d(2022, 3, 1)},
  {"teen of 15, before 27/10/2021",   d(2006, 5, 1),   product::kPfizer,  d(2021, 10, 18), d(2021, 10, 27)},
  {"boy turning 12 on 10/01/2022",    d(2010, 1, 10),  product::kPfizer,  d(2021, 11, 1), d(2022, 1, 10)},
  {"child of 8, before 14/04/2022",   d(2014, 1, 1),   product::kPfizer,  d(2022, 4, 1), d(2022, 4, 14)},
  {"child of 5, Moderna from 6",      d(2016, 12, 1),  product::kModerna, d(2022, 5, 1), d(2022, 12, 1)},
};
// clang-format on

TEST(DosePlacer, EarliestFirstDoseFollowsAuthorisationAndAges) {
  DosePlacer placer(real_rules());
  std::vector<PlannedDose> doses;
  for (const auto& row : kFirstDoses) {
    placer.start({row.birth, false, false}, kAsOf, doses);
    EXPECT_EQ(placer.earliest_first_dose(row.product, row.wish), row.earliest) << row.who;
  }
}

TEST(DosePlacer, ARefusedProductLeavesTheDrawAndTheDueDateIsKept) {
  DosePlacer placer(real_rules());
  std::vector<PlannedDose> doses;
  Rng rng(1, 0, 0);
  placer.start({d(1980, 1, 1), false, false}, kAsOf, doses);
  const ProductShare az[] = {{product::kAz, 1.0}};
  ASSERT_NE(placer.place(rng, d(2021, 8, 1), az), nullptr);
  // Six weeks after AZ: Pfizer needs 8 weeks (3588/QĐ-BYT), so only AZ can be given.
  const ProductShare mostly_pfizer[] = {{product::kPfizer, 0.99}, {product::kAz, 0.01}};
  const PlannedDose* second = placer.place(rng, d(2021, 9, 12), mostly_pfizer);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->product, product::kAz);
  // A booster wished for 11/2021 comes when the rules allow it: 3 months after
  // the series once 10722/BYT-DP is in force (17/12/2021).
  const ProductShare pfizer[] = {{product::kPfizer, 1.0}};
  EXPECT_EQ(placer.place(rng, d(2021, 11, 1), pfizer), nullptr);
  const PlannedDose* booster = placer.place_when_due(rng, d(2021, 11, 1), pfizer, 0);
  ASSERT_NE(booster, nullptr);
  EXPECT_EQ(booster->kind, DoseKind::booster1);
  EXPECT_GE(booster->date, d(2021, 12, 17));
  EXPECT_EQ(doses.size(), 3u);
}

TEST(RolloutModel, NothingAfterAnEarlyAsOfDate) {
  const Shares s = simulate({d(1970, 1, 1), false, false}, d(2021, 7, 31));
  EXPECT_LT(s.at_least_one, 0.15);  // only the first months of the rollout
  EXPECT_EQ(s.at_least_three, 0.0);
  EXPECT_EQ(simulate({d(1970, 1, 1), false, false}, d(2021, 1, 1)).at_least_one, 0.0);
}

TEST(RolloutModel, AdultFirstDosesPeakInLate2021) {
  Rng rng(11, 0, 0);
  DosePlacer placer(real_rules());
  std::vector<PlannedDose> doses;
  int july_to_december = 0, vaccinated = 0;
  for (int i = 0; i < 20000; ++i) {
    plan_doses(rng, placer, {d(1980, 1, 1), false, false}, kAsOf, doses);
    if (doses.empty()) continue;
    ++vaccinated;
    july_to_december += doses[0].date >= d(2021, 7, 1) && doses[0].date <= d(2021, 12, 31);
  }
  EXPECT_GT(static_cast<double>(july_to_december) / vaccinated, 0.9);
}

}  // namespace
}  // namespace phongdich::synth
