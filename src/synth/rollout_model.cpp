#include "synth/rollout_model.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "synth/rollout_calendar.hpp"

namespace phongdich::synth {
namespace {

using namespace product;

Date ymd(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

Date birthday(Date birth, int years) {
  // plus_months clamps 29 February to 28 February; a day later keeps the age exact.
  const Date d = birth.plus_months(12 * years);
  return age_in_years(birth, d) >= years ? d : d.plus_days(1);
}

// Days between primary doses: the recommended window, skewed towards its
// start, and a few people who come back late.
int primary_interval(Rng& rng, std::string_view p) {
  int lo = 21, hi = 35;
  if (p == kAz) {
    lo = 56, hi = 84;
    if (rng.chance(0.15)) lo = 28, hi = 55;  // "urgent situations" of the 2021 surge
  } else if (p == kModerna) {
    lo = 28, hi = 42;
  } else if (p == kSputnik) {
    lo = 21, hi = 28;
  } else if (p == kAbdala) {
    lo = 14, hi = 21;
  }
  int days = lo + static_cast<int>((hi - lo) * std::pow(rng.real(), 1.5));
  if (rng.chance(0.05)) days += rng.between(14, 90);
  return days;
}

// Waiting time after becoming eligible: most come within weeks, a tail much later.
int waiting_days(Rng& rng, double mean) {
  return static_cast<int>(-mean * std::log(1.0 - rng.real()));
}

bool is_mrna(std::string_view p) { return p == kPfizer || p == kModerna; }

// How many primary doses the rules give `product` (Abdala 3, Janssen 1, most 2).
int primary_doses(const VaccinationRules& rules, std::string_view product) {
  const Product* p = rules.product(product);
  return p != nullptr ? p->primary_doses : 2;
}

// The first day a rule version with `has` is in force, or nullopt.
template <typename Has>
std::optional<Date> first_in_force(const VaccinationRules& rules, Has has) {
  for (const RuleVersion& v : rules.versions()) {
    if (has(v)) return v.effective_from;
  }
  return std::nullopt;
}

// What a person wants for the next primary dose: the same product; an AZ
// series may be completed with mRNA once mixing took hold (08/2021), and
// Pfizer and Moderna sometimes replace each other. The rules strike what is
// not allowed (mixing under 18, mixing before 8 weeks after AZ, Abdala).
std::vector<ProductShare> next_primary_wish(std::string_view previous, Date date) {
  if (previous == kAz && date >= mixing_start()) {
    return {{kAz, 0.75}, {kPfizer, 0.20}, {kModerna, 0.05}};
  }
  if (is_mrna(previous)) {
    return {{previous, 0.98}, {previous == kPfizer ? kModerna : kPfizer, 0.02}};
  }
  return {{previous, 1.0}};
}

// The second (and third) primary doses.
bool complete_primary(Rng& rng, DosePlacer& placer, std::string_view first, double completion) {
  const int needed = primary_doses(placer.rules(), first);
  for (int n = 2; n <= needed; ++n) {
    if (!rng.chance(completion)) return false;
    const PlannedDose& last = placer.doses().back();
    const Date date = last.date.plus_days(primary_interval(rng, last.product));
    if (placer.place_when_due(rng, date, next_primary_wish(last.product, date), 14) == nullptr) {
      return false;
    }
  }
  return true;
}

// Booster products people chose, by their primary series; the rules strike
// what their table does not list for the series (AZ after a mixed series,
// AZ after mRNA before 03/2022).
std::vector<ProductShare> booster_wish(std::string_view primary, bool mixed) {
  if (mixed || is_mrna(primary)) return {{kPfizer, 0.55}, {kModerna, 0.40}, {kAz, 0.05}};
  if (primary == kAz) return {{kPfizer, 0.5}, {kModerna, 0.3}, {kAz, 0.2}};
  if (primary == kVeroCell)
    return {{kPfizer, 0.45}, {kModerna, 0.25}, {kAz, 0.2}, {kVeroCell, 0.1}};
  if (primary == kHayatVax) return {{kPfizer, 0.6}, {kModerna, 0.3}, {kHayatVax, 0.1}};
  if (primary == kSputnik) return {{kPfizer, 0.6}, {kModerna, 0.3}, {kSputnik, 0.1}};
  return {{kPfizer, 0.6}, {kModerna, 0.4}};  // Abdala
}

// The first dose on `wish`, or as soon after as the rules allow `product`
// for this person (a campaign that opened later, a birthday).
bool start_series(Rng& rng, DosePlacer& placer, Date wish, std::string_view product) {
  const std::optional<Date> allowed = placer.earliest_first_dose(product, wish);
  if (!allowed) return false;
  const Date date = *allowed > wish ? allowed->plus_days(rng.between(0, 20)) : wish;
  const ProductShare only[] = {{product, 1.0}};
  return placer.place(rng, date, only) != nullptr;
}

void adult_history(Rng& rng, DosePlacer& placer, const Vaccinee& p) {
  const int age_2021 = age_in_years(p.birth_date, ymd(2021, 7, 1));
  if (!rng.chance(age_2021 >= 80 ? 0.88 : 0.965)) return;  // never vaccinated
  Date first = draw_first_dose_date(rng, Campaign::adult);
  const Date adult_from = birthday(p.birth_date, 18);
  if (first < adult_from) first = adult_from.plus_days(rng.between(0, 30));
  // A product the rules do not allow this person on that day (Abdala outside
  // 19-65) is drawn again from the same period's deliveries.
  std::string_view product = draw_adult_primary_product(rng, first);
  for (int tries = 0; tries < 8 && !placer.may_start_with(product, first); ++tries) {
    product = draw_adult_primary_product(rng, first);
  }
  if (!start_series(rng, placer, first, product)) return;
  if (!complete_primary(rng, placer, product, 0.95)) return;

  const auto& doses = placer.doses();
  const bool mixed = std::any_of(doses.begin(), doses.end(),
                                 [&](const PlannedDose& d) { return d.product != product; });
  Date last = doses.back().date;

  // Additional dose: half of those the rules offer it to (Sinopharm or
  // Sputnik V primaries, the immunodeficient), inside its window.
  const auto additional_from =
      first_in_force(placer.rules(), [](const RuleVersion& v) { return v.additional.has_value(); });
  if (additional_from &&
      ((!mixed && (product == kVeroCell || product == kSputnik)) || p.immunodeficient)) {
    // The window as the rules in force when it opens state it; its last day
    // is left out, where a first booster may be due as well.
    const auto& rule = placer.rules().in_force(std::max(last, *additional_from)).additional;
    const Date from = rule ? std::max(rule->window_start.after(last), *additional_from) : last;
    const Date to = rule ? rule->window_end.after(last).plus_days(-1) : last;
    if (from < to && rng.chance(0.5)) {
      const Date date = from.plus_days(rng.between(0, to - from));
      const ProductShare wish[] = {{kPfizer, 0.5}, {product, 0.3}, {kModerna, 0.2}};
      if (const PlannedDose* extra = placer.place(rng, date, wish)) last = extra->date;
    }
  }

  // First booster: 3 months after the last dose, from 12/2021.
  if (!rng.chance(0.78)) return;
  const Date eligible = std::max(last.plus_months(3), booster_start());
  const PlannedDose* booster = placer.place_when_due(rng, eligible.plus_days(waiting_days(rng, 35)),
                                                     booster_wish(product, mixed), 30);
  if (booster == nullptr) return;
  const Date booster_date = booster->date;

  // Second booster: >= 50, immunodeficient or high exposure; 4 months after the first.
  const Date b2_eligible = std::max(booster_date.plus_months(4), second_booster_start());
  const bool over_50 = age_in_years(p.birth_date, b2_eligible) >= 50;
  if (!over_50 && !p.immunodeficient && !p.high_exposure) return;
  if (!rng.chance(over_50 ? 0.65 : 0.4)) return;
  const ProductShare b2_wish[] = {{kPfizer, 0.55}, {kModerna, 0.45}};
  placer.place_when_due(rng, b2_eligible.plus_days(waiting_days(rng, 30)), b2_wish, 30);
}

// 12-17: two Pfizer doses, no mixing; a booster 5 months later from 06/2022.
void teen_history(Rng& rng, DosePlacer& placer, const Vaccinee& p) {
  if (!rng.chance(0.93)) return;
  Date first = draw_first_dose_date(rng, Campaign::teen);
  const Date eligible = birthday(p.birth_date, 12);
  if (first < eligible) first = eligible.plus_days(rng.between(0, 60));
  if (!start_series(rng, placer, first, kPfizer)) return;
  if (!complete_primary(rng, placer, kPfizer, 0.94)) return;
  if (!rng.chance(0.55)) return;
  const Date booster = std::max(placer.doses().back().date.plus_months(5), teen_booster_start())
                           .plus_days(waiting_days(rng, 30));
  const ProductShare wish[] = {{kPfizer, 1.0}};
  placer.place_when_due(rng, booster, wish, 30);
}

// 5-11: Pfizer (from 5) or Moderna (from 6), two doses of the same product.
void child_history(Rng& rng, DosePlacer& placer, const Vaccinee& p) {
  if (!rng.chance(0.75)) return;
  Date first = draw_first_dose_date(rng, Campaign::child);
  const Date eligible = birthday(p.birth_date, 5);
  if (first < eligible) first = eligible.plus_days(rng.between(0, 60));
  const bool moderna_wanted = rng.chance(0.35);
  const std::string_view product =
      moderna_wanted && placer.may_start_with(kModerna, first) ? kModerna : kPfizer;
  if (!start_series(rng, placer, first, product)) return;
  complete_primary(rng, placer, product, 0.85);
}

}  // namespace

void plan_doses(Rng& rng, DosePlacer& placer, const Vaccinee& person, Date as_of,
                std::vector<PlannedDose>& doses) {
  placer.start(person, as_of, doses);
  // The campaign is fixed by age when each one opened.
  if (age_in_years(person.birth_date, ymd(2021, 10, 15)) >= 18) {
    adult_history(rng, placer, person);
  } else if (age_in_years(person.birth_date, ymd(2022, 4, 14)) >= 12) {
    teen_history(rng, placer, person);
  } else {
    child_history(rng, placer, person);
  }
}

}  // namespace phongdich::synth
