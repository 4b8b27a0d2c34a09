#include "domain/serial_interval.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "domain/gamma_distribution.hpp"

namespace phongdich {
namespace {

constexpr const char* kAppendixRule =
    "serial interval: gamma shifted by one day, discretised (Cori et al. 2013, web appendix 11)";
constexpr const char* kDistributionRule =
    "serial interval: w_0 = 0, w_k >= 0, sum of w_k = 1 within 0.01 (EpiEstim)";
// EpiEstim's tolerance on the sum of a given distribution (check_si_distr).
constexpr double kSumTolerance = 0.01;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

Violation si_violation(std::string code, std::string field, std::string rule, std::string vi,
                       std::string en) {
  return {std::move(code), std::move(field), std::move(rule), std::move(vi), std::move(en)};
}

}  // namespace

SerialInterval::SerialInterval(std::vector<double> weights) : weights_(std::move(weights)) {
  double second_moment = 0;
  for (size_t k = 0; k < weights_.size(); ++k) {
    mean_ += static_cast<double>(k) * weights_[k];
    second_moment += static_cast<double>(k * k) * weights_[k];
  }
  sd_ = std::sqrt(std::max(0.0, second_moment - mean_ * mean_));
}

std::variant<SerialInterval, Violations> SerialInterval::discretised_gamma(double mean, double sd,
                                                                           size_t length) {
  Violations violations;
  if (!(std::isfinite(mean) && mean > 1))
    violations.push_back(si_violation(
        "si.mean_too_small", "si_mean", kAppendixRule,
        "Khoảng nối tiếp trung bình phải lớn hơn 1 ngày (nhận được " + number(mean) + ").",
        "The mean serial interval must be greater than 1 day (got " + number(mean) + ")."));
  if (!(std::isfinite(sd) && sd > 0))
    violations.push_back(si_violation(
        "si.sd_not_positive", "si_sd", kAppendixRule,
        "Độ lệch chuẩn của khoảng nối tiếp phải lớn hơn 0 (nhận được " + number(sd) + ").",
        "The standard deviation of the serial interval must be greater than 0 (got " + number(sd) +
            ")."));
  if (length < 2)
    violations.push_back(si_violation("si.too_short", "si_distr", kAppendixRule,
                                      "Phân bố khoảng nối tiếp cần ít nhất 2 ngày (k = 0, 1).",
                                      "The serial interval needs at least 2 days (k = 0, 1)."));
  if (!violations.empty()) return violations;

  // X = SI - 1 is gamma(shape, scale) with mean m = mean - 1. With the onset
  // uniform within its day, w_k = E[(1 - |X - (k-1)|)+], which integrates to
  //   k F(k) + (k-2) F(k-2) - 2(k-1) F(k-1) + m (2 G(k-1) - G(k-2) - G(k))
  // with F the CDF of X and G that of gamma(shape + 1, scale). In the upper
  // tail the same sum is taken over 1 - F and 1 - G, so that small weights keep
  // their precision instead of drowning in k·F(k) ≈ k.
  const double m = mean - 1;
  const double shape = m * m / (sd * sd);
  const double scale = sd * sd / m;
  const auto cdf = [&](double a, double x) {
    return x <= 0 ? 0.0 : regularized_gamma_p(a, x / scale);
  };
  const auto survival = [&](double a, double x) {
    return x <= 0 ? 1.0 : regularized_gamma_q(a, x / scale);
  };
  std::vector<double> weights(length, 0.0);
  for (size_t index = 1; index < length; ++index) {
    const double k = static_cast<double>(index);
    double w;
    if (k - 2 <= m) {
      w = k * cdf(shape, k) + (k - 2) * cdf(shape, k - 2) - 2 * (k - 1) * cdf(shape, k - 1) +
          m * (2 * cdf(shape + 1, k - 1) - cdf(shape + 1, k - 2) - cdf(shape + 1, k));
    } else {
      // Past the last representable survival every later weight is 0 too.
      if (survival(shape, k - 2) == 0) break;
      w = -(k * survival(shape, k) + (k - 2) * survival(shape, k - 2) -
            2 * (k - 1) * survival(shape, k - 1)) +
          m * (survival(shape + 1, k - 2) + survival(shape + 1, k) -
               2 * survival(shape + 1, k - 1));
    }
    weights[index] = std::max(0.0, w);  // rounding can leave a tiny negative
  }
  return SerialInterval(std::move(weights));
}

std::variant<SerialInterval, Violations> SerialInterval::from_distribution(
    std::vector<double> weights) {
  if (weights.empty())
    return Violations{si_violation("si.empty", "si_distr", kDistributionRule,
                                   "Phân bố khoảng nối tiếp không có giá trị nào.",
                                   "The serial interval distribution has no values.")};
  Violations violations;
  double sum = 0;
  for (size_t k = 0; k < weights.size(); ++k) {
    const double w = weights[k];
    if (!std::isfinite(w) || w < 0) {
      violations.push_back(si_violation(
          "si.negative", "si_distr", kDistributionRule,
          "Xác suất w_" + std::to_string(k) + " = " + number(w) + " không phải số không âm.",
          "The probability w_" + std::to_string(k) + " = " + number(w) +
              " is not a non-negative number."));
      continue;
    }
    sum += w;
  }
  if (weights[0] != 0)
    violations.push_back(si_violation(
        "si.first_not_zero", "si_distr", kDistributionRule,
        "w_0 phải bằng 0 (không ai lây cho người khác ngay trong ngày khởi phát), nhận được " +
            number(weights[0]) + ".",
        "w_0 must be 0 (nobody infects others on their own onset day), got " + number(weights[0]) +
            "."));
  if (violations.empty() && std::fabs(sum - 1) > kSumTolerance)
    violations.push_back(si_violation("si.sum_not_one", "si_distr", kDistributionRule,
                                      "Tổng các xác suất của phân bố khoảng nối tiếp là " +
                                          number(sum) + ", phải bằng 1 (sai số 0,01).",
                                      "The serial interval probabilities sum to " + number(sum) +
                                          "; they must sum to 1 (±0.01)."));
  if (!violations.empty()) return violations;
  return SerialInterval(std::move(weights));
}

}  // namespace phongdich
