#include "domain/weekly_indicators.hpp"

#include <algorithm>

namespace phongdich {
namespace {

bool in_hospital(CaseState state) {
  return state == CaseState::hospital || state == CaseState::icu;
}

double per_100k(int32_t count, int64_t population) {
  return population > 0 ? static_cast<double>(count) * 100000.0 / static_cast<double>(population)
                        : 0.0;
}

}  // namespace

WeekRates rates_of(const WeekCounts& c, int64_t population) {
  WeekRates r;
  r.new_cases_per_100k = per_100k(c.new_cases, population);
  r.hospitalised_per_100k = per_100k(c.hospitalised, population);
  r.oxygen_per_100k = per_100k(c.oxygen, population);
  r.deaths_per_100k = per_100k(c.deaths, population);
  r.tests_per_100k = per_100k(c.tests, population);
  r.positive_tests_per_100k = per_100k(c.positive_tests, population);
  if (c.tests > 0) r.positivity = static_cast<double>(c.positive_tests) / c.tests;
  return r;
}

WeeklyIndicators::WeeklyIndicators(const AreaForest& forest, std::string_view tree)
    : forest_(forest), tree_(tree) {
  // Depth-first from each root of the tree: a subtree's communes get
  // consecutive slots, so its range is [slot at entry, slot at exit).
  struct Frame {
    AreaId id;
    uint32_t first;
    bool expanded;
  };
  std::vector<Frame> stack;
  for (const Area& area : forest.all()) {
    if (area.tree == tree && !area.parent_id) stack.push_back({area.id, 0, false});
  }
  std::reverse(stack.begin(), stack.end());
  while (!stack.empty()) {
    Frame& top = stack.back();
    const auto next_slot = static_cast<uint32_t>(communes_.size());
    if (top.expanded) {
      range_[top.id] = {top.first, next_slot};
      stack.pop_back();
      continue;
    }
    top.expanded = true;
    top.first = next_slot;
    const AreaId id = top.id;
    const Area* area = forest.find(id);
    if (area->level == AreaLevel::commune) {
      slot_[id] = next_slot;
      communes_.push_back(id);
    }
    const std::vector<AreaId> children = forest.children(id);
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back({*it, 0, false});
  }
  zeros_.assign(communes_.size(), WeekCounts{});
}

std::optional<uint32_t> WeeklyIndicators::slot_of(AreaId commune) const {
  if (const auto it = slot_.find(commune); it != slot_.end()) return it->second;
  const auto now = forest_.commune_in_tree(commune, tree_);
  if (!now) return std::nullopt;
  if (const auto it = slot_.find(*now); it != slot_.end()) return it->second;
  return std::nullopt;
}

std::optional<std::pair<uint32_t, uint32_t>> WeeklyIndicators::slot_range(AreaId area) const {
  if (const auto it = range_.find(area); it != range_.end()) return it->second;
  return std::nullopt;
}

WeekCounts* WeeklyIndicators::cell(uint32_t slot, Date date) {
  auto [it, inserted] = weeks_.try_emplace(week_of(date));
  if (inserted) it->second.assign(communes_.size(), WeekCounts{});
  return &it->second[slot];
}

void WeeklyIndicators::count_step(uint32_t slot, const CaseStep* previous, const CaseStep& step) {
  const bool was_in_hospital = previous && in_hospital(previous->state);
  const bool had_oxygen = previous && previous->oxygen;
  if (in_hospital(step.state) && !was_in_hospital) cell(slot, step.date)->hospitalised += 1;
  if (step.oxygen && !had_oxygen) cell(slot, step.date)->oxygen += 1;
  if (step.state == CaseState::died) cell(slot, step.date)->deaths += 1;
}

bool WeeklyIndicators::add_case(const CovidCase& c) {
  const auto slot = slot_of(c.area_id);
  if (!slot) return false;
  cell(*slot, c.confirmed_on)->new_cases += 1;
  const CaseStep* previous = nullptr;
  for (const CaseStep& step : c.steps) {
    count_step(*slot, previous, step);
    previous = &step;
  }
  return true;
}

bool WeeklyIndicators::add_step(const CovidCase& before, const CaseStep& step) {
  const auto slot = slot_of(before.area_id);
  if (!slot) return false;
  count_step(*slot, before.steps.empty() ? nullptr : &before.steps.back(), step);
  return true;
}

bool WeeklyIndicators::add_test(const TestResult& test) {
  if (test.kind == TestKind::sequencing) return true;  // not a diagnostic test: nothing to count
  const auto slot = slot_of(test.area_id);
  if (!slot) return false;
  WeekCounts* c = cell(*slot, test.sample_date);
  c->tests += 1;
  if (test.outcome == TestOutcome::positive) c->positive_tests += 1;
  return true;
}

std::span<const WeekCounts> WeeklyIndicators::commune_counts(WeekIndex week) const {
  const auto it = weeks_.find(week);
  return it == weeks_.end() ? std::span<const WeekCounts>(zeros_)
                            : std::span<const WeekCounts>(it->second);
}

WeekCounts WeeklyIndicators::counts(AreaId area, WeekIndex week) const {
  WeekCounts total;
  const auto range = slot_range(area);
  if (!range) return total;
  const auto slots = commune_counts(week);
  for (uint32_t s = range->first; s < range->second; ++s) total += slots[s];
  return total;
}

int64_t WeeklyIndicators::population_of(AreaId area,
                                        std::span<const int64_t> population_by_slot) const {
  int64_t total = 0;
  const auto range = slot_range(area);
  if (!range) return total;
  for (uint32_t s = range->first; s < range->second && s < population_by_slot.size(); ++s) {
    total += population_by_slot[s];
  }
  return total;
}

AreaWeek WeeklyIndicators::area_week(AreaId area, WeekIndex week, int64_t population,
                                     double deaths_per_100k_alert) const {
  AreaWeek out{area, week, population, counts(area, week), {}, false};
  out.rates = rates_of(out.counts, population);
  out.deaths_alert = population > 0 && out.rates.deaths_per_100k >= deaths_per_100k_alert;
  return out;
}

std::vector<AreaWeek> WeeklyIndicators::commune_weeks(WeekIndex week,
                                                      std::span<const int64_t> population_by_slot,
                                                      double deaths_per_100k_alert) const {
  const auto slots = commune_counts(week);
  std::vector<AreaWeek> out(slots.size());
  for (size_t s = 0; s < slots.size(); ++s) {
    const int64_t population = s < population_by_slot.size() ? population_by_slot[s] : 0;
    AreaWeek& w = out[s];
    w.area = communes_[s];
    w.week = week;
    w.population = population;
    w.counts = slots[s];
    w.rates = rates_of(w.counts, population);
    w.deaths_alert = population > 0 && w.rates.deaths_per_100k >= deaths_per_100k_alert;
  }
  return out;
}

}  // namespace phongdich
