// When Vietnam's COVID-19 doses were given, 2021-2022: the monthly timing of
// first doses and the product mix of each period.
//
// Adults' first doses follow the national count of people with at least one
// dose (data/synth/adult_first_doses_by_month.csv, derived from
// shared/data/vn-covid/vietnam.csv); the product shares per period and the
// campaigns for 12-17 and 5-11 year olds are assumptions from the published
// timeline (see data/synth/README.md).
#pragma once

#include <span>
#include <string_view>

#include "domain/date.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

// Catalogue codes (docs/import-format.md).
namespace product {
inline constexpr std::string_view kAz = "AZ";
inline constexpr std::string_view kSputnik = "SPUTNIK_V";
inline constexpr std::string_view kPfizer = "PFIZER";
inline constexpr std::string_view kVeroCell = "VERO_CELL";
inline constexpr std::string_view kHayatVax = "HAYAT_VAX";
inline constexpr std::string_view kModerna = "MODERNA";
inline constexpr std::string_view kAbdala = "ABDALA";
}  // namespace product

struct MonthWeight {
  int year;
  unsigned month;
  unsigned first_day;  // the campaign's first day in its first month, else 1
  double weight;       // adults: people; children: relative share
};

std::span<const MonthWeight> adult_first_doses_by_month();
std::span<const MonthWeight> teen_first_doses_by_month();   // 12-17, from 10/2021
std::span<const MonthWeight> child_first_doses_by_month();  // 5-11, from 04/2022

enum class Campaign { adult, teen, child };
// A day drawn from the campaign's monthly calendar.
Date draw_first_dose_date(Rng& rng, Campaign campaign);

// The product of an adult's first dose, by the period its date falls in.
std::string_view draw_adult_primary_product(Rng& rng, Date first_dose);

// Key dates of the rules (domain/vaccination.md).
Date booster_start();                // 10722/BYT-DP, 17/12/2021
Date teen_booster_start();           // 3181/BYT-DP, 17/6/2022
Date second_booster_start();         // 3309/BYT-DP, 23/6/2022 (first shots a few days later)
Date mixing_start();                 // AZ -> mRNA second doses, from 08/2021
Date az_booster_after_mrna_start();  // 03/2022

}  // namespace phongdich::synth
