// The vaccination schedule engine: judges a dose against the rules in force
// on its date, and derives a person's status as of any date.
//
// Pure: rules, person and doses in; decisions out. No I/O, no clock.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/vaccination.hpp"
#include "domain/vaccination_rules.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// Views of a person's dose history sorted by date: the doses before a date (a
// back-entered dose is judged after these), and those given on or before it.
std::span<const DoseRecord> doses_before(std::span<const DoseRecord> history, Date date);
std::span<const DoseRecord> doses_until(std::span<const DoseRecord> history, Date date);

struct DoseAssessment {
  bool accepted = false;  // true when no rule is broken
  DoseKind kind = DoseKind::primary;
  int number_in_series = 1;
  std::string rule_version;  // id of the rule version the dose was judged by
  Violations violations;     // every broken rule, each naming its source
};

// `prior` = the person's earlier doses (accepted or overridden), sorted by date.
// `today` bounds the dose date (no future doses).
DoseAssessment assess_dose(const VaccinationRules& rules, const Person& person,
                           std::span<const DoseRecord> prior, Date dose_date,
                           std::string_view product, Date today);

struct StatusAsOf {
  VaccinationStatus status = VaccinationStatus::none;
  int doses_counted = 0;  // doses on or before the date
  std::optional<Date> last_dose_date;
  // The next dose the person may receive under the rules in force on `as_of`,
  // or nullopt when no further dose is recommended for them.
  std::optional<DoseKind> next_kind;
  std::optional<Date> next_due;            // earliest date it may be given
  std::vector<std::string> next_products;  // catalogue codes allowed for it
  // The dates at which the status first reached each level (index = level);
  // nullopt when not reached by `as_of`. Lets indexes answer "status as of D" by comparison.
  std::optional<Date> reached[kVaccinationStatusCount];
};

StatusAsOf status_as_of(const VaccinationRules& rules, const Person& person,
                        std::span<const DoseRecord> doses, Date as_of);

}  // namespace phongdich
