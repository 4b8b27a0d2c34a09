// The serial interval distribution: w_k, the probability that a case infects
// the next k days after their own onset (k = 0, 1, 2, ...), as Rt estimation by
// Cori et al. (2013) weighs past incidence with it.
//
// Either discretised from a gamma distribution shifted by one day (the paper's
// web appendix 11, as EpiEstim's discr_si), or given as probabilities. Both obey
// what EpiEstim requires: w_0 = 0 (nobody infects on their own onset day), no
// negative weight and, for a given distribution, a sum of 1 within 0.01.
#pragma once

#include <cstddef>
#include <span>
#include <variant>
#include <vector>

#include "domain/violation.hpp"

namespace phongdich {

class SerialInterval {
 public:
  // w_k for k = 0..length-1 of a serial interval 1 + X, X gamma-distributed with
  // mean `mean - 1` and standard deviation `sd`, where each onset falls uniformly
  // within its day. EpiEstim discretises over the length of the incidence series
  // (k = 0..T-1), which matters for mean() on short series. Needs mean > 1,
  // sd > 0, length >= 2.
  static std::variant<SerialInterval, Violations> discretised_gamma(double mean, double sd,
                                                                    size_t length);
  // A given distribution w_0, w_1, ... (from a published estimate, or a file).
  static std::variant<SerialInterval, Violations> from_distribution(std::vector<double> weights);

  std::span<const double> weights() const { return weights_; }
  // The mean and standard deviation of the discrete distribution (Σ k w_k, ...),
  // which EpiEstim reports and uses to decide where estimation may start.
  double mean() const { return mean_; }
  double sd() const { return sd_; }

 private:
  explicit SerialInterval(std::vector<double> weights);

  std::vector<double> weights_;
  double mean_ = 0;
  double sd_ = 0;
};

}  // namespace phongdich
