#include "domain/reproduction_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "domain/gamma_distribution.hpp"

namespace phongdich {
namespace {

constexpr const char* kMethodRule = "Rt: Cori et al. 2013 as EpiEstim applies it";
constexpr const char* kWindowRule = "Rt: windows lie within days 2..T and start <= end (EpiEstim)";
// Past this many bad counts or windows the rest are not listed one by one.
constexpr size_t kMaxListed = 10;
// Serial-interval weights beyond the point where less than this much
// probability remains are left out of Λ: it changes Λ by less than this times
// the largest daily count, far below what an estimate reports, and saves most
// of the work for a parametric interval, which spans the whole series.
constexpr double kNegligibleTail = 1e-15;
// More cases than this in a day is an error, and keeps every sum exact.
constexpr int64_t kMaxDailyCount = 1'000'000'000'000;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

void check_counts(std::span<const int64_t> counts, const char* field, Violations& out) {
  size_t listed = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] >= 0 && counts[i] <= kMaxDailyCount) continue;
    if (listed++ == kMaxListed) break;
    const std::string day = std::to_string(i + 1), value = std::to_string(counts[i]);
    if (counts[i] < 0) {
      out.push_back({"rt.negative_count", field, kMethodRule,
                     "Số ca ngày " + day + " là " + value + ": số ca không được âm.",
                     "The count on day " + day + " is " + value + ": counts cannot be negative."});
    } else {
      out.push_back(
          {"rt.count_too_large", field, kMethodRule,
           "Số ca ngày " + day + " là " + value + ": quá lớn để là số ca trong một ngày.",
           "The count on day " + day + " is " + value + ": too large to be a day's cases."});
    }
  }
}

void check_window(const RtWindow& w, size_t days, Violations& out) {
  const std::string shown = "[" + std::to_string(w.start) + ", " + std::to_string(w.end) + "]";
  const std::string last = std::to_string(days);
  const auto outside = [&](int32_t day) { return day < 2 || static_cast<size_t>(day) > days; };
  if (outside(w.start))
    out.push_back({"rt.window_start", "t_start", kWindowRule,
                   "Khoảng " + shown + " bắt đầu ngoài các ngày 2.." + last +
                       " (ngày 1 không có ca trước để ước tính).",
                   "Window " + shown + " starts outside days 2.." + last +
                       " (day 1 has no earlier cases to estimate from)."});
  if (outside(w.end))
    out.push_back({"rt.window_end", "t_end", kWindowRule,
                   "Khoảng " + shown + " kết thúc ngoài các ngày 2.." + last + ".",
                   "Window " + shown + " ends outside days 2.." + last + "."});
  if (w.start > w.end)
    out.push_back({"rt.window_order", "t_start", kWindowRule,
                   "Khoảng " + shown + " có ngày bắt đầu sau ngày kết thúc.",
                   "Window " + shown + " starts after it ends."});
}

Violations check_inputs(const IncidenceCounts& incidence, const RtOptions& options,
                        std::span<const RtWindow> windows) {
  Violations out;
  const size_t days = incidence.local.size();
  if (!(std::isfinite(options.mean_prior) && options.mean_prior > 0))
    out.push_back(
        {"rt.prior_mean", "mean_prior", kMethodRule,
         "Trung bình tiên nghiệm của R phải lớn hơn 0 (nhận được " + number(options.mean_prior) +
             ").",
         "The prior mean of R must be greater than 0 (got " + number(options.mean_prior) + ")."});
  if (!(std::isfinite(options.std_prior) && options.std_prior > 0))
    out.push_back({"rt.prior_sd", "std_prior", kMethodRule,
                   "Độ lệch chuẩn tiên nghiệm của R phải lớn hơn 0 (nhận được " +
                       number(options.std_prior) + ").",
                   "The prior standard deviation of R must be greater than 0 (got " +
                       number(options.std_prior) + ")."});
  if (!(std::isfinite(options.cv_posterior) && options.cv_posterior > 0))
    out.push_back({"rt.cv_posterior", "cv_posterior", kMethodRule,
                   "Hệ số biến thiên hậu nghiệm mong muốn phải lớn hơn 0.",
                   "The desired posterior coefficient of variation must be greater than 0."});
  if (!incidence.imported.empty() && incidence.imported.size() != days) {
    out.push_back({"rt.length_mismatch", "imported", kMethodRule,
                   "Chuỗi ca xâm nhập có " + std::to_string(incidence.imported.size()) +
                       " ngày nhưng chuỗi ca tại chỗ có " + std::to_string(days) + " ngày.",
                   "The imported series has " + std::to_string(incidence.imported.size()) +
                       " days but the local series has " + std::to_string(days) + "."});
    return out;
  }
  check_counts(incidence.local, incidence.imported.empty() ? "I" : "local", out);
  check_counts(incidence.imported, "imported", out);
  if (days < 2) {
    out.push_back(
        {"rt.too_short", "I", kMethodRule,
         "Cần số ca của ít nhất 2 ngày để ước tính R (có " + std::to_string(days) + ").",
         "At least 2 days of counts are needed to estimate R (got " + std::to_string(days) + ")."});
    return out;
  }
  if (windows.empty()) {
    out.push_back({"rt.too_short", "I", kWindowRule,
                   "Cần ít nhất 8 ngày cho các khoảng trượt 7 ngày mặc định (có " +
                       std::to_string(days) + ").",
                   "At least 8 days are needed for the default sliding 7-day windows (got " +
                       std::to_string(days) + ")."});
    return out;
  }
  const size_t before = out.size();
  for (const RtWindow& w : windows) {
    check_window(w, days, out);
    if (out.size() - before >= kMaxListed) break;
  }
  return out;
}

// The last serial-interval day worth summing over (see kNegligibleTail).
size_t effective_length(std::span<const double> w) {
  double tail = 0;
  size_t length = w.size();
  while (length > 1 && tail + w[length - 1] < kNegligibleTail) tail += w[--length];
  return length;
}

}  // namespace

std::vector<RtWindow> sliding_windows(size_t days, int32_t width) {
  std::vector<RtWindow> windows;
  if (width < 1) return windows;
  for (int64_t start = 2; start + width - 1 <= static_cast<int64_t>(days); ++start)
    windows.push_back({static_cast<int32_t>(start), static_cast<int32_t>(start + width - 1)});
  return windows;
}

std::variant<RtResult, Violations> estimate_reproduction_number(const IncidenceCounts& incidence,
                                                                const SerialInterval& si,
                                                                const RtOptions& options) {
  const size_t days = incidence.local.size();
  const std::vector<RtWindow> default_windows =
      options.windows.empty() ? sliding_windows(days, 7) : std::vector<RtWindow>{};
  const std::span<const RtWindow> windows =
      options.windows.empty() ? std::span<const RtWindow>(default_windows) : options.windows;
  if (Violations bad = check_inputs(incidence, options, windows); !bad.empty()) return bad;

  // Day d (1-based) is index d-1; prefix sums make every window O(1).
  std::vector<double> total(days);
  std::vector<int64_t> local_before(days + 1, 0);  // local cases on days < d+1
  for (size_t i = 0; i < days; ++i) {
    const int64_t imported = incidence.imported.empty() ? 0 : incidence.imported[i];
    total[i] = static_cast<double>(incidence.local[i] + imported);
    // Day 1's cases are all imported, whatever the input says.
    const int64_t local = i == 0 ? 0 : incidence.local[i];
    local_before[i + 1] = local_before[i] + local;
  }

  // Λ_d = Σ_{k=1}^{d-1} I_{d-k} w_k, accumulated into a prefix sum.
  const std::span<const double> w = si.weights();
  const size_t span = effective_length(w);
  std::vector<double> lambda_before(days + 1, 0.0);
  for (size_t i = 0; i < days; ++i) {
    double lambda = 0;
    const size_t k_max = std::min(i, span - 1);
    for (size_t k = 1; k <= k_max; ++k) lambda += total[i - k] * w[k];
    lambda_before[i + 1] = lambda_before[i] + lambda;
  }

  const double prior_shape =
      (options.mean_prior / options.std_prior) * (options.mean_prior / options.std_prior);
  const double prior_rate = options.mean_prior / (options.std_prior * options.std_prior);

  RtResult result;
  result.cases_needed_for_cv = static_cast<int64_t>(
      std::ceil(1 / (options.cv_posterior * options.cv_posterior) - prior_shape));
  {
    const RtWindow& first = windows.front();
    double cases = 0;
    for (int32_t d = first.start; d <= first.end; ++d) cases += total[d - 1];
    result.first_window_below_cv = cases < static_cast<double>(result.cases_needed_for_cv);
  }

  // The quantiles of gamma(shape, 1), scaled per window. Shapes are the prior's
  // plus a whole number of cases, so consecutive windows often share one.
  std::unordered_map<int64_t, std::array<double, kRtQuantileLevels.size()>> unit_quantiles;
  result.estimates.reserve(windows.size());
  for (const RtWindow& window : windows) {
    if (window.end <= si.mean()) {
      ++result.windows_too_early;
      continue;
    }
    const int64_t cases = local_before[window.end] - local_before[window.start - 1];
    const double infectiousness = lambda_before[window.end] - lambda_before[window.start - 1];
    RtEstimate estimate;
    estimate.window = window;
    estimate.shape = prior_shape + static_cast<double>(cases);
    estimate.scale = 1 / (prior_rate + infectiousness);
    estimate.mean = estimate.shape * estimate.scale;
    estimate.sd = std::sqrt(estimate.shape) * estimate.scale;
    auto [cached, added] = unit_quantiles.try_emplace(cases);
    if (added) {
      for (size_t q = 0; q < kRtQuantileLevels.size(); ++q)
        cached->second[q] = inverse_regularized_gamma_p(estimate.shape, kRtQuantileLevels[q]);
    }
    for (size_t q = 0; q < kRtQuantileLevels.size(); ++q)
      estimate.quantiles[q] = cached->second[q] * estimate.scale;
    result.estimates.push_back(estimate);
  }
  return result;
}

}  // namespace phongdich
