#include "synth/epidemic_curve.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace phongdich::synth {
namespace {

// ASSUMED, not measured: the national daily cases of 2022 after the series
// ends, as the mean of each month, placed on the 15th and joined
// geometrically. Rounded from the Ministry's published cumulative totals as
// remembered (about 2.2 million by 21/01/2022, 3.2 by the end of February,
// 9.5 by the end of March, 10.6 by the end of April, 11.5 by the end of
// 2022); replace with the real series when it is obtained.
struct MonthMean {
  int year;
  unsigned month;
  double daily_cases;
};
constexpr std::array kAssumedNational2022 = {
    MonthMean{2022, 2, 36'000}, MonthMean{2022, 3, 200'000}, MonthMean{2022, 4, 37'000},
    MonthMean{2022, 5, 4'000},  MonthMean{2022, 6, 900},     MonthMean{2022, 7, 1'000},
    MonthMean{2022, 8, 2'500},  MonthMean{2022, 9, 1'500},   MonthMean{2022, 10, 800},
    MonthMean{2022, 11, 500},   MonthMean{2022, 12, 300},
};

// A day above this many times the median of the 15 days around it (and above
// kBacklogFloor) is a back-log day, not an epidemic day.
constexpr double kBacklogFactor = 5.0;
constexpr double kBacklogFloor = 50.0;
constexpr int kBacklogHalfWindow = 7;
constexpr int kSmoothingHalfWindow = 3;  // 7 days
// How the area's province compares with the nation, over the series' last days.
constexpr int kRatioDays = 28;
constexpr double kRatioMin = 0.5, kRatioMax = 2.0;
// ASSUMED: the province's difference from the nation halves every 60 days
// after the series ends (the waves of 2022 reached every province).
constexpr double kRatioHalfLifeDays = 60;

Date mid_month(const MonthMean& m) { return *Date::from_ymd(m.year, m.month, 15); }

double median_around(const std::vector<double>& cases, size_t i) {
  std::vector<double> window;
  const size_t lo = i >= kBacklogHalfWindow ? i - kBacklogHalfWindow : 0;
  const size_t hi = std::min(cases.size(), i + kBacklogHalfWindow + 1);
  for (size_t j = lo; j < hi; ++j)
    if (j != i) window.push_back(cases[j]);
  if (window.empty()) return cases[i];
  std::nth_element(window.begin(), window.begin() + window.size() / 2, window.end());
  return window[window.size() / 2];
}

// Geometric interpolation between (a, va) and (b, vb) at `day`.
double between(Date a, double va, Date b, double vb, Date day) {
  const double t = static_cast<double>(day - a) / static_cast<double>(b - a);
  return std::exp(std::log(std::max(va, 1.0)) * (1 - t) + std::log(std::max(vb, 1.0)) * t);
}

// The assumed national course, starting from `last_value` on `last_day`.
double continuation(Date last_day, double last_value, Date day) {
  Date previous = last_day;
  double previous_value = last_value;
  for (const MonthMean& m : kAssumedNational2022) {
    const Date at = mid_month(m);
    if (at <= last_day) continue;
    if (day <= at) return between(previous, previous_value, at, m.daily_cases, day);
    previous = at;
    previous_value = m.daily_cases;
  }
  return previous_value;
}

double mean_of_last(const std::vector<double>& values, size_t days) {
  if (values.empty()) return 0;
  const size_t n = std::min(days, values.size());
  double sum = 0;
  for (size_t i = values.size() - n; i < values.size(); ++i) sum += values[i];
  return sum / static_cast<double>(n);
}

}  // namespace

std::vector<double> smoothed_reported_cases(const std::vector<double>& cases) {
  std::vector<double> cleaned = cases;
  for (size_t i = 0; i < cases.size(); ++i) {
    const double median = median_around(cases, i);
    if (cases[i] > kBacklogFloor && cases[i] > kBacklogFactor * std::max(median, 1.0)) {
      cleaned[i] = median;
    }
  }
  std::vector<double> smoothed(cleaned.size());
  for (size_t i = 0; i < cleaned.size(); ++i) {
    const size_t lo = i >= kSmoothingHalfWindow ? i - kSmoothingHalfWindow : 0;
    const size_t hi = std::min(cleaned.size(), i + kSmoothingHalfWindow + 1);
    double sum = 0;
    for (size_t j = lo; j < hi; ++j) sum += cleaned[j];
    smoothed[i] = sum / static_cast<double>(hi - lo);
  }
  return smoothed;
}

double assumed_national_daily_cases(Date day) {
  const MonthMean& first = kAssumedNational2022.front();
  return continuation(mid_month(first), first.daily_cases, day);
}

std::vector<double> expected_daily_cases(const CurveInputs& inputs, Date from, Date to) {
  std::vector<double> expected;
  if (to < from) return expected;
  const std::vector<double> local = smoothed_reported_cases(inputs.local.cases);
  const std::vector<double> national = smoothed_reported_cases(inputs.national.cases);
  const double per_person_local =
      inputs.local.population > 0 ? inputs.area_population / inputs.local.population : 0;
  const double per_person_national =
      inputs.national.population > 0 ? inputs.area_population / inputs.national.population : 0;

  // After the series: the nation's assumed course, times the province's
  // recent standing against the nation.
  double ratio = 1.0;
  const double national_recent = mean_of_last(national, kRatioDays);
  if (national_recent > 0 && per_person_national > 0) {
    ratio = mean_of_last(local, kRatioDays) * per_person_local /
            (national_recent * per_person_national);
    ratio = std::clamp(ratio, kRatioMin, kRatioMax);
  }
  const Date last_day = inputs.national.last_day();
  const double last_national = national.empty() ? 0 : national.back();

  expected.reserve(static_cast<size_t>(to - from + 1));
  for (Date day = from; day <= to; day = day.plus_days(1)) {
    double cases = 0;
    if (day < inputs.local.first_day) {
      cases = 0;
    } else if (day <= inputs.local.last_day()) {
      cases = local[static_cast<size_t>(day - inputs.local.first_day)] * per_person_local;
    } else if (day > last_day) {
      const double fading = std::exp2(-static_cast<double>(day - last_day) / kRatioHalfLifeDays);
      cases = continuation(last_day, last_national, day) * per_person_national *
              (1 + (ratio - 1) * fading);
    } else {  // the province's series ended before the nation's: follow the nation
      cases = national[static_cast<size_t>(day - inputs.national.first_day)] * per_person_national *
              ratio;
    }
    expected.push_back(cases * inputs.scale);
  }
  return expected;
}

}  // namespace phongdich::synth
