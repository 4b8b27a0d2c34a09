#include "synth/rollout_calendar.hpp"

#include <array>

#include "synth/weighted_choice.hpp"

namespace phongdich::synth {
namespace {

// data/synth/adult_first_doses_by_month.csv, column adult_first_doses.
constexpr std::array<MonthWeight, 19> kAdult{{
    {2021, 3, 8, 49743},    {2021, 4, 1, 460112},   {2021, 5, 1, 561642},   {2021, 6, 1, 2512442},
    {2021, 7, 1, 1999316},  {2021, 8, 1, 11900563}, {2021, 9, 1, 15122557}, {2021, 10, 1, 21817256},
    {2021, 11, 1, 8502081}, {2021, 12, 1, 5931514}, {2022, 1, 1, 1402638},  {2022, 2, 1, 100000},
    {2022, 3, 1, 100000},   {2022, 4, 1, 80000},    {2022, 5, 1, 60000},    {2022, 6, 1, 50000},
    {2022, 7, 1, 40000},    {2022, 8, 1, 30000},    {2022, 9, 1, 20000},
}};

// 12-17: Pfizer from 18/10/2021 (first in Hà Nội and HCMC), most by the end of November.
constexpr std::array<MonthWeight, 5> kTeen{{
    {2021, 10, 18, 30},
    {2021, 11, 1, 50},
    {2021, 12, 1, 12},
    {2022, 1, 1, 5},
    {2022, 2, 1, 3},
}};

// 5-11: from 14/04/2022, slower and never as complete as for adults.
constexpr std::array<MonthWeight, 6> kChild{{
    {2022, 4, 14, 25},
    {2022, 5, 1, 35},
    {2022, 6, 1, 15},
    {2022, 7, 1, 12},
    {2022, 8, 1, 8},
    {2022, 9, 1, 5},
}};

WeightedChoice make_choice(std::span<const MonthWeight> months) {
  std::vector<double> weights;
  for (const auto& m : months) weights.push_back(m.weight);
  return WeightedChoice(weights);
}

struct ProductPeriod {
  Date from;
  std::array<double, 7> share;  // AZ, SPUTNIK_V, PFIZER, VERO_CELL, HAYAT_VAX, MODERNA, ABDALA
};

constexpr std::array<std::string_view, 7> kProducts{
    product::kAz,       product::kSputnik, product::kPfizer, product::kVeroCell,
    product::kHayatVax, product::kModerna, product::kAbdala};

Date ymd(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

// Assumed shares of first doses by period, after the deliveries: AstraZeneca
// alone until Vero Cell (mid-06/2021); Pfizer, Moderna and Sputnik V from
// 07/2021; Abdala from 09/2021 and Hayat-Vax from 10/2021; mostly AZ and
// Pfizer in 2022.
const std::vector<ProductPeriod>& periods() {
  static const std::vector<ProductPeriod> p = {
      {ymd(2021, 3, 1), {1.00, 0, 0, 0, 0, 0, 0}},
      {ymd(2021, 6, 15), {0.80, 0, 0, 0.20, 0, 0, 0}},
      {ymd(2021, 7, 1), {0.50, 0.03, 0.12, 0.25, 0, 0.10, 0}},
      {ymd(2021, 8, 15), {0.36, 0.02, 0.12, 0.40, 0, 0.07, 0.03}},
      {ymd(2021, 10, 1), {0.37, 0, 0.20, 0.28, 0.05, 0.05, 0.05}},
      {ymd(2022, 1, 1), {0.40, 0, 0.40, 0.10, 0, 0.10, 0}},
  };
  return p;
}

}  // namespace

std::span<const MonthWeight> adult_first_doses_by_month() { return kAdult; }
std::span<const MonthWeight> teen_first_doses_by_month() { return kTeen; }
std::span<const MonthWeight> child_first_doses_by_month() { return kChild; }

Date draw_first_dose_date(Rng& rng, Campaign campaign) {
  static const WeightedChoice adult = make_choice(kAdult);
  static const WeightedChoice teen = make_choice(kTeen);
  static const WeightedChoice child = make_choice(kChild);
  const MonthWeight* m = nullptr;
  switch (campaign) {
    case Campaign::adult:
      m = &kAdult[adult.draw(rng)];
      break;
    case Campaign::teen:
      m = &kTeen[teen.draw(rng)];
      break;
    case Campaign::child:
      m = &kChild[child.draw(rng)];
      break;
  }
  const unsigned last = days_in_month(m->year, m->month);
  const unsigned day = m->first_day + rng.below(last - m->first_day + 1);
  return ymd(m->year, m->month, day);
}

std::string_view draw_adult_primary_product(Rng& rng, Date first_dose) {
  static const std::vector<WeightedChoice> choices = [] {
    std::vector<WeightedChoice> c;
    for (const auto& period : periods()) c.emplace_back(period.share);
    return c;
  }();
  size_t index = 0;
  for (size_t i = 0; i < periods().size(); ++i) {
    if (periods()[i].from <= first_dose) index = i;
  }
  return kProducts[choices[index].draw(rng)];
}

Date booster_start() { return ymd(2021, 12, 17); }
Date teen_booster_start() { return ymd(2022, 6, 17); }
Date second_booster_start() { return ymd(2022, 6, 25); }
Date mixing_start() { return ymd(2021, 8, 1); }
Date az_booster_after_mrna_start() { return ymd(2022, 3, 1); }

}  // namespace phongdich::synth
