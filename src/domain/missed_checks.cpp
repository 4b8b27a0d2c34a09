#include "domain/missed_checks.hpp"

#include <algorithm>
#include <limits>

namespace phongdich {
namespace {

// [first, end) half-days of one stay in home care.
struct Stay {
  int32_t first;
  int32_t end;
};

int32_t first_full_half_day_after(Date date) {
  return half_day_number(date.plus_days(1), HalfDay::morning);
}

std::vector<Stay> home_care_stays(const CovidCase& c) {
  std::vector<Stay> stays;
  constexpr int32_t kOpen = std::numeric_limits<int32_t>::max();
  if (c.steps.empty()) {  // no step recorded yet: home care since confirmation
    stays.push_back({first_full_half_day_after(c.confirmed_on), kOpen});
    return stays;
  }
  for (size_t i = 0; i < c.steps.size(); ++i) {
    if (c.steps[i].state != CaseState::home_care) continue;
    // A later home_care step is a transfer inside home care: this stay goes on.
    size_t next = i + 1;
    while (next < c.steps.size() && c.steps[next].state == CaseState::home_care) ++next;
    const int32_t end =
        next < c.steps.size() ? half_day_number(c.steps[next].date, HalfDay::morning) : kOpen;
    stays.push_back({first_full_half_day_after(c.steps[i].date), end});
    i = next - 1;
  }
  return stays;
}

}  // namespace

std::vector<int32_t> missed_half_days(const CovidCase& covid_case,
                                      std::span<const int32_t> observed, Date today,
                                      HalfDay now_half) {
  int32_t limit = half_day_number(today, now_half);
  if (covid_case.isolation_ended_on) {
    limit = std::min(limit, half_day_number(*covid_case.isolation_ended_on, HalfDay::morning));
  }
  std::vector<int32_t> missed;
  auto seen = observed.begin();
  for (const Stay& stay : home_care_stays(covid_case)) {
    const int32_t end = std::min(stay.end, limit);
    seen = std::lower_bound(seen, observed.end(), stay.first);
    for (int32_t h = stay.first; h < end; ++h) {
      while (seen != observed.end() && *seen < h) ++seen;
      if (seen == observed.end() || *seen != h) missed.push_back(h);
    }
  }
  return missed;
}

}  // namespace phongdich
