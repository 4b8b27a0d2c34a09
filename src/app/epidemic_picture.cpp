#include "app/epidemic_picture.hpp"

#include <stdexcept>

namespace phongdich {
namespace {

constexpr const char* kTrees[] = {"vn2022", "vn2025"};

}  // namespace

EpidemicPicture::EpidemicPicture(const AreaForest& forest) : forest_(forest) { drop(); }

void EpidemicPicture::drop() {
  loaded_ = false;
  indicators_.clear();
  for (const char* tree : kTrees) {
    indicators_[tree] = std::make_unique<WeeklyIndicators>(forest_, tree);
  }
  days_.clear();
}

void EpidemicPicture::load(Store& store) {
  if (loaded_) return;
  drop();
  store.scan_cases([&](const CovidCase& c) {
    for (auto& [tree, indicators] : indicators_) indicators->add_case(c);
    count_day(c);
  });
  store.scan_tests([&](const TestResult& t) {
    for (auto& [tree, indicators] : indicators_) indicators->add_test(t);
  });
  loaded_ = true;
}

void EpidemicPicture::count_day(const CovidCase& c) {
  const Date day = c.onset_date && *c.onset_date <= c.confirmed_on ? *c.onset_date : c.confirmed_on;
  Day& counts = days_[c.area_id][day.days()];
  (c.imported ? counts.imported : counts.local) += 1;
}

void EpidemicPicture::add_case(const CovidCase& c) {
  if (!loaded_) return;
  for (auto& [tree, indicators] : indicators_) indicators->add_case(c);
  count_day(c);
}

void EpidemicPicture::add_step(const CovidCase& before, const CaseStep& step) {
  if (!loaded_) return;
  for (auto& [tree, indicators] : indicators_) indicators->add_step(before, step);
}

void EpidemicPicture::add_test(const TestResult& t) {
  if (!loaded_) return;
  for (auto& [tree, indicators] : indicators_) indicators->add_test(t);
}

const WeeklyIndicators& EpidemicPicture::indicators(const std::string& tree) const {
  const auto it = indicators_.find(tree);
  if (it == indicators_.end()) throw std::invalid_argument("unknown area tree " + tree);
  return *it->second;
}

DailyCases EpidemicPicture::daily_cases(const Area& area, Date from, Date to) const {
  DailyCases out;
  out.from = from;
  const size_t days = to < from ? 0 : static_cast<size_t>(to - from) + 1;
  out.local.assign(days, 0);
  out.imported.assign(days, 0);
  for (const auto& [commune, by_day] : days_) {
    // A case keeps the commune it was made in; it counts where that commune lies now.
    const auto counted_in = forest_.commune_in_tree(commune, area.tree);
    if (!counted_in || !forest_.contains(area.id, *counted_in)) continue;
    for (auto it = by_day.lower_bound(from.days()); it != by_day.end() && it->first <= to.days();
         ++it) {
      const auto i = static_cast<size_t>(it->first - from.days());
      out.local[i] += it->second.local;
      out.imported[i] += it->second.imported;
    }
  }
  return out;
}

}  // namespace phongdich
