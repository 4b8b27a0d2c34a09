// Places a person's doses one at a time under the real vaccination rules
// (data/rules/vaccination.json, via the schedule engine).
//
// The rollout model says what a person would do: "a booster around this date,
// most likely Pfizer". The placer asks assess_dose whether the rules of that
// date allow it, tries the other products the model would accept, and, when
// none is allowed yet, the date the engine says the next dose is due. So a
// generated history is valid by construction, and a change of the rule file
// (an earlier campaign, a new interval) changes the histories with it.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"
#include "domain/vaccination.hpp"
#include "domain/vaccination_rules.hpp"
#include "synth/random.hpp"

namespace phongdich::synth {

struct PlannedDose {
  Date date;
  std::string_view product;           // catalogue code; points into static storage
  DoseKind kind = DoseKind::primary;  // as the engine classified it
};

struct Vaccinee {
  Date birth_date;
  bool immunodeficient = false;
  bool high_exposure = false;
};

// A product the model would give, and how often it is chosen among the allowed ones.
struct ProductShare {
  std::string_view product;
  double share;
};

class DosePlacer {
 public:
  explicit DosePlacer(const VaccinationRules& rules);

  // Starts a new history; `doses` receives the placed doses (cleared here).
  void start(const Vaccinee& person, Date as_of, std::vector<PlannedDose>& doses);

  // Places a dose on `wish` with a product drawn by share among those the
  // engine accepts then. Returns the placed dose, or nullptr when the rules
  // allow none of the products on that day or it is after as_of.
  const PlannedDose* place(Rng& rng, Date wish, std::span<const ProductShare> products);

  // Like place(), but when nothing is allowed on `wish` the person comes back
  // on the date the engine gives as the next dose's due date, up to
  // `late_days` later.
  const PlannedDose* place_when_due(Rng& rng, Date wish, std::span<const ProductShare> products,
                                    int late_days);

  // The first date on or after `from` when `product` may be the person's first
  // dose: authorised and within the age limits of the version then in force.
  std::optional<Date> earliest_first_dose(std::string_view product, Date from) const;

  // Whether the person may receive `product` as a first dose on `date`.
  bool may_start_with(std::string_view product, Date date) const;

  const VaccinationRules& rules() const { return rules_; }
  const Person& person() const { return person_; }
  Date as_of() const { return as_of_; }
  const std::vector<PlannedDose>& doses() const { return *doses_; }

 private:
  const PlannedDose* try_products(Rng& rng, Date date, std::span<const ProductShare> products);

  const VaccinationRules& rules_;
  Person person_;
  Date as_of_;
  std::vector<PlannedDose>* doses_ = nullptr;
  std::vector<DoseRecord> records_;  // the same doses as the engine reads them
};

}  // namespace phongdich::synth
