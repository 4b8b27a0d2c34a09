#include "synth/rollout_model.hpp"

#include <algorithm>
#include <cmath>

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

std::string_view pick(Rng& rng, std::initializer_list<std::pair<std::string_view, double>> items) {
  double u = rng.real();
  for (const auto& [name, share] : items) {
    if ((u -= share) < 0) return name;
  }
  return items.begin()->first;
}

bool is_mrna(std::string_view p) { return p == kPfizer || p == kModerna; }

int primary_doses(std::string_view p) { return p == kAbdala ? 3 : 2; }

struct Series {
  std::vector<PlannedDose>& doses;
  Date as_of;
  // Adds a dose unless it falls after as_of; returns whether it was added.
  bool add(Date date, std::string_view product) {
    if (date > as_of) return false;
    doses.push_back({date, product});
    return true;
  }
};

// The second (and third) primary doses: the same product, except AZ may be
// completed with mRNA and Pfizer and Moderna may replace each other (adults only).
bool complete_primary(Rng& rng, Series& s, std::string_view first, bool adult, double completion) {
  std::string_view previous = first;
  for (int n = 2; n <= primary_doses(first); ++n) {
    if (!rng.chance(completion)) return false;
    const Date date = s.doses.back().date.plus_days(primary_interval(rng, previous));
    std::string_view next = first;
    if (adult && first == kAz && date >= mixing_start()) {
      next = pick(rng, {{kPfizer, 0.20}, {kModerna, 0.05}, {kAz, 0.75}});
    } else if (adult && is_mrna(first) && rng.chance(0.02)) {
      next = first == kPfizer ? kModerna : kPfizer;
    }
    if (!s.add(date, next)) return false;
    previous = next;
  }
  return true;
}

std::string_view booster_product(Rng& rng, std::string_view primary, bool mixed, Date date) {
  if (mixed || is_mrna(primary)) {
    if (date >= az_booster_after_mrna_start() && rng.chance(0.05)) return kAz;
    return rng.chance(0.58) ? kPfizer : kModerna;
  }
  if (primary == kAz) return pick(rng, {{kPfizer, 0.5}, {kModerna, 0.3}, {kAz, 0.2}});
  if (primary == kVeroCell) {
    return pick(rng, {{kPfizer, 0.45}, {kModerna, 0.25}, {kAz, 0.2}, {kVeroCell, 0.1}});
  }
  if (primary == kHayatVax) return pick(rng, {{kPfizer, 0.6}, {kModerna, 0.3}, {kHayatVax, 0.1}});
  if (primary == kSputnik) return pick(rng, {{kPfizer, 0.6}, {kModerna, 0.3}, {kSputnik, 0.1}});
  return rng.chance(0.6) ? kPfizer : kModerna;  // Abdala
}

void adult_history(Rng& rng, const Vaccinee& p, Series& s) {
  const int age_2021 = age_in_years(p.birth_date, ymd(2021, 7, 1));
  if (!rng.chance(age_2021 >= 80 ? 0.88 : 0.965)) return;  // never vaccinated
  Date first = draw_first_dose_date(rng, Campaign::adult);
  const Date adult_from = birthday(p.birth_date, 18);
  if (first < adult_from) first = adult_from.plus_days(rng.between(0, 30));
  std::string_view product = draw_adult_primary_product(rng, first);
  const int age_at_first = age_in_years(p.birth_date, first);
  if (product == kAbdala && (age_at_first < 19 || age_at_first > 65)) product = kAz;
  if (!s.add(first, product)) return;
  if (!complete_primary(rng, s, product, true, 0.95)) return;

  bool mixed = false;
  for (const auto& d : s.doses) mixed = mixed || d.product != product;
  Date last = s.doses.back().date;

  // Additional dose: Sinopharm or Sputnik V primaries and the immunodeficient,
  // 28 days to 3 months after the primary series, once 10722/BYT-DP allowed it.
  if (product == kVeroCell || product == kSputnik || p.immunodeficient) {
    const Date from = std::max(last.plus_days(28), booster_start());
    const Date to = last.plus_months(3);
    if (from <= to && rng.chance(0.5)) {
      const Date date = from.plus_days(rng.between(0, to - from));
      const std::string_view extra = pick(rng, {{kPfizer, 0.5}, {product, 0.3}, {kModerna, 0.2}});
      if (!s.add(date, extra)) return;
      last = date;
    }
  }

  // First booster: >= 3 months after the last dose, from 12/2021.
  if (!rng.chance(0.67)) return;
  const Date eligible = std::max(last.plus_months(3), booster_start());
  const Date booster = eligible.plus_days(waiting_days(rng, 35));
  if (!s.add(booster, booster_product(rng, product, mixed, booster))) return;

  // Second booster: >= 50, immunodeficient or high exposure; >= 4 months after dose 3.
  const Date b2_eligible = std::max(booster.plus_months(4), second_booster_start());
  const bool over_50 = age_in_years(p.birth_date, b2_eligible) >= 50;
  if (!over_50 && !p.immunodeficient && !p.high_exposure) return;
  if (!rng.chance(over_50 ? 0.65 : 0.4)) return;
  const Date b2 = b2_eligible.plus_days(waiting_days(rng, 30));
  s.add(b2, rng.chance(0.55) ? kPfizer : kModerna);
}

// 12-17: two Pfizer doses, no mixing; a booster 5 months later from 06/2022.
void teen_history(Rng& rng, const Vaccinee& p, Series& s) {
  if (!rng.chance(0.93)) return;
  Date first = draw_first_dose_date(rng, Campaign::teen);
  const Date eligible = birthday(p.birth_date, 12);
  if (first < eligible) first = eligible.plus_days(rng.between(0, 60));
  if (!s.add(first, kPfizer)) return;
  if (!complete_primary(rng, s, kPfizer, false, 0.94)) return;
  if (!rng.chance(0.4)) return;
  const Date booster = std::max(s.doses.back().date.plus_months(5), teen_booster_start())
                           .plus_days(waiting_days(rng, 30));
  s.add(booster, kPfizer);
}

// 5-11: Pfizer (from 5) or Moderna (from 6), two doses of the same product.
void child_history(Rng& rng, const Vaccinee& p, Series& s) {
  if (!rng.chance(0.75)) return;
  Date first = draw_first_dose_date(rng, Campaign::child);
  const Date eligible = birthday(p.birth_date, 5);
  if (first < eligible) first = eligible.plus_days(rng.between(0, 60));
  const bool moderna_allowed = age_in_years(p.birth_date, first) >= 6;
  const std::string_view product = moderna_allowed && rng.chance(0.35) ? kModerna : kPfizer;
  if (!s.add(first, product)) return;
  complete_primary(rng, s, product, false, 0.85);
}

}  // namespace

int minimum_primary_interval(std::string_view p) {
  if (p == kAz || p == kModerna) return 28;
  if (p == kAbdala) return 14;
  return 21;
}

void plan_doses(Rng& rng, const Vaccinee& person, Date as_of, std::vector<PlannedDose>& doses) {
  doses.clear();
  Series series{doses, as_of};
  // The campaign is fixed by age when each one opened.
  if (age_in_years(person.birth_date, ymd(2021, 10, 15)) >= 18) {
    adult_history(rng, person, series);
  } else if (age_in_years(person.birth_date, ymd(2022, 4, 14)) >= 12) {
    teen_history(rng, person, series);
  } else {
    child_history(rng, person, series);
  }
}

}  // namespace phongdich::synth
