#include "synth/dose_placer.hpp"

#include <algorithm>
#include <array>

#include "domain/schedule.hpp"

namespace phongdich::synth {
namespace {

// The day a person reaches `years`; plus_months clamps 29 February to 28
// February, so a day later keeps the age exact.
Date birthday(Date birth, int years) {
  const Date d = birth.plus_months(12 * years);
  return age_in_years(birth, d) >= years ? d : d.plus_days(1);
}

}  // namespace

DosePlacer::DosePlacer(const VaccinationRules& rules) : rules_(rules) {}

void DosePlacer::start(const Vaccinee& person, Date as_of, std::vector<PlannedDose>& doses) {
  person_.birth_date = person.birth_date;
  person_.immunodeficient = person.immunodeficient;
  person_.high_exposure = person.high_exposure;
  as_of_ = as_of;
  doses_ = &doses;
  doses.clear();
  records_.clear();
}

const PlannedDose* DosePlacer::place(Rng& rng, Date wish, std::span<const ProductShare> products) {
  if (wish > as_of_) return nullptr;
  return try_products(rng, wish, products);
}

const PlannedDose* DosePlacer::place_when_due(Rng& rng, Date wish,
                                              std::span<const ProductShare> products,
                                              int late_days) {
  if (const PlannedDose* placed = place(rng, wish, products)) return placed;
  if (wish > as_of_) return nullptr;
  // Nothing allowed on that day: the engine knows when the next dose is due,
  // under the rules of that day or, if they allow none, of a later version.
  std::optional<Date> due;
  for (Date asked = wish;;) {
    const StatusAsOf status = status_as_of(rules_, person_, records_, asked);
    if (status.next_due) {
      due = std::max(*status.next_due, asked);
      break;
    }
    const auto later = std::find_if(rules_.versions().begin(), rules_.versions().end(),
                                    [&](const RuleVersion& v) { return v.effective_from > asked; });
    if (later == rules_.versions().end() || later->effective_from > as_of_) return nullptr;
    asked = later->effective_from;
  }
  if (*due <= wish) return nullptr;
  return place(rng, due->plus_days(late_days > 0 ? rng.between(0, late_days) : 0), products);
}

const PlannedDose* DosePlacer::try_products(Rng& rng, Date date,
                                            std::span<const ProductShare> products) {
  // Draw by share; a product the rules refuse leaves the draw, the rest keep their odds.
  std::array<ProductShare, 12> left{};
  size_t n = 0;
  double total = 0;
  for (const ProductShare& p : products) {
    if (p.share > 0 && n < left.size()) {
      left[n++] = p;
      total += p.share;
    }
  }
  while (n > 0) {
    double u = rng.real() * total;
    size_t pick = n - 1;
    for (size_t i = 0; i < n; ++i) {
      if ((u -= left[i].share) < 0) {
        pick = i;
        break;
      }
    }
    const ProductShare candidate = left[pick];
    const DoseAssessment verdict =
        assess_dose(rules_, person_, records_, date, candidate.product, as_of_);
    if (verdict.accepted) {
      DoseRecord& record = records_.emplace_back();
      record.date = date;
      record.product.assign(candidate.product);
      record.kind = verdict.kind;
      record.number_in_series = verdict.number_in_series;
      doses_->push_back({date, candidate.product, verdict.kind});
      return &doses_->back();
    }
    total -= candidate.share;
    left[pick] = left[--n];
  }
  return nullptr;
}

std::optional<Date> DosePlacer::earliest_first_dose(std::string_view product, Date from) const {
  const auto index = rules_.index_of(product);
  if (!index || rules_.versions().empty()) return std::nullopt;
  const Product& p = rules_.products()[*index];
  Date start = std::max({from, p.authorised_from, rules_.versions().front().effective_from});
  const auto& versions = rules_.versions();
  for (size_t i = 0; i < versions.size(); ++i) {
    const bool last = i + 1 == versions.size();
    if (!last && versions[i + 1].effective_from <= start) continue;  // not in force yet at start
    const AgeLimits& limits = versions[i].ages[*index];
    const Date candidate = std::max(start, birthday(person_.birth_date, limits.min_years));
    if ((last || candidate < versions[i + 1].effective_from) &&
        limits.admits(age_in_years(person_.birth_date, candidate))) {
      return candidate;
    }
    if (!last) start = std::max(start, versions[i + 1].effective_from);
  }
  return std::nullopt;
}

bool DosePlacer::may_start_with(std::string_view product, Date date) const {
  const auto index = rules_.index_of(product);
  if (!index || !rules_.covers(date)) return false;
  if (rules_.products()[*index].authorised_from > date) return false;
  return rules_.in_force(date).ages[*index].admits(age_in_years(person_.birth_date, date));
}

}  // namespace phongdich::synth
