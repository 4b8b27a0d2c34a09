// The serial interval: the discretised shifted gamma of Cori et al.'s web
// appendix 11, and given distributions checked as EpiEstim checks them.
#include "domain/serial_interval.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <variant>

namespace phongdich {
namespace {

SerialInterval discretised(double mean, double sd, size_t length) {
  auto si = SerialInterval::discretised_gamma(mean, sd, length);
  EXPECT_TRUE(std::holds_alternative<SerialInterval>(si)) << mean << " " << sd;
  return std::holds_alternative<SerialInterval>(si)
             ? std::get<SerialInterval>(si)
             : std::get<SerialInterval>(SerialInterval::discretised_gamma(2, 1, 2));
}

std::string first_code(const std::variant<SerialInterval, Violations>& si) {
  const auto* bad = std::get_if<Violations>(&si);
  return bad == nullptr || bad->empty() ? "" : bad->front().code;
}

// With the onset uniform within its day, the discretisation splits each
// serial interval s between the days either side of it in proportion to
// nearness (a linear interpolation), which keeps the mean and adds at most 1/4
// (the most a split f, 1-f adds: f(1-f)) to the variance.
TEST(SerialInterval, DiscretisedGammaIsADistributionWithTheGivenMean) {
  struct Row {
    double mean, sd;
  };
  const Row rows[] = {
      {2.6, 1.5},  // influenza (Ferguson 2005), EpiEstim's examples
      {4.7, 2.9},  // COVID-19 (Nishiura 2020)
      {6.8, 4.1},  // MERS, EpiEstim's mers_2014_15
      {1.5, 0.2},  // sharp: shape 6.25
      {8.4, 3.8},  // smallpox-like
      {3.0, 5.0},  // long tail: shape 0.16
  };
  for (const Row& row : rows) {
    const SerialInterval si = discretised(row.mean, row.sd, 400);
    const auto w = si.weights();
    double sum = 0;
    for (double wk : w) {
      EXPECT_GE(wk, 0);
      sum += wk;
    }
    EXPECT_EQ(w[0], 0) << row.mean;
    EXPECT_NEAR(sum, 1, 1e-9) << row.mean;
    EXPECT_NEAR(si.mean(), row.mean, 1e-9) << row.mean;
    EXPECT_GE(si.sd() * si.sd(), row.sd * row.sd - 1e-9) << row.mean;
    EXPECT_LE(si.sd() * si.sd(), row.sd * row.sd + 0.25) << row.mean;
  }
}

// Mean 2, sd 1: the serial interval is 1 + an exponential of rate 1, whose
// triangle-weighted integrals are elementary: w_1 = 1/e, w_k = (e-1)² e^-k.
TEST(SerialInterval, HandCheckedShiftedExponential) {
  const SerialInterval si = discretised(2, 1, 30);
  const double e = std::exp(1.0);
  EXPECT_EQ(si.weights()[0], 0);
  EXPECT_NEAR(si.weights()[1], 1 / e, 1e-14);
  // A weight is a second difference of terms about k times its size, so
  // about k units of rounding are lost.
  for (size_t k = 2; k < 30; ++k) {
    const double expected = (e - 1) * (e - 1) * std::exp(-static_cast<double>(k));
    EXPECT_NEAR(si.weights()[k], expected, 2e-14 * static_cast<double>(k) * expected) << k;
  }
}

// EpiEstim discretises over the series' length: a short series truncates the
// tail, which lowers the mean that decides where estimation may start.
TEST(SerialInterval, LengthTruncatesTheTail) {
  const SerialInterval short_si = discretised(6.8, 4.1, 8);
  EXPECT_EQ(short_si.weights().size(), 8u);
  EXPECT_LT(short_si.mean(), 6.8 - 1);
  EXPECT_NEAR(discretised(6.8, 4.1, 200).mean(), 6.8, 1e-9);
}

TEST(SerialInterval, BadParametersAreExplained) {
  struct Row {
    double mean, sd;
    size_t length;
    const char* code;
  };
  const Row rows[] = {
      {1.0, 1.0, 30, "si.mean_too_small"},  // the shift alone is one day
      {0.5, 1.0, 30, "si.mean_too_small"},       {NAN, 1.0, 30, "si.mean_too_small"},
      {2.6, 0.0, 30, "si.sd_not_positive"},      {2.6, -1.5, 30, "si.sd_not_positive"},
      {2.6, INFINITY, 30, "si.sd_not_positive"}, {2.6, 1.5, 1, "si.too_short"},
  };
  for (const Row& row : rows) {
    const auto si = SerialInterval::discretised_gamma(row.mean, row.sd, row.length);
    EXPECT_EQ(first_code(si), row.code) << row.mean << " " << row.sd << " " << row.length;
    if (const auto* bad = std::get_if<Violations>(&si)) {
      for (const Violation& v : *bad) EXPECT_FALSE(v.message_vi.empty() || v.message_en.empty());
    }
  }
}

TEST(SerialInterval, GivenDistributions) {
  struct Row {
    std::vector<double> weights;
    const char* code;  // "" when accepted
  };
  const Row rows[] = {
      {{0, 0.233, 0.359, 0.198, 0.103, 0.053, 0.027, 0.014, 0.007, 0.003, 0.002, 0.001}, ""},
      {{0, 1}, ""},
      {{0, 0.5, 0.495}, ""},                   // 0.995: within EpiEstim's 0.01
      {{0, 0.5, 0.48}, "si.sum_not_one"},      // 0.98
      {{0, 0.6, 0.6}, "si.sum_not_one"},       // 1.2
      {{0.1, 0.5, 0.4}, "si.first_not_zero"},  // w_0 = 0: nobody infects on their onset day
      {{0, 1.2, -0.2}, "si.negative"},         // sums to 1 but is no distribution
      {{0, NAN, 1}, "si.negative"},            //
      {{}, "si.empty"},
  };
  for (const Row& row : rows) {
    const auto si = SerialInterval::from_distribution(row.weights);
    EXPECT_EQ(first_code(si), row.code) << row.weights.size();
  }
  const auto flu = SerialInterval::from_distribution(rows[0].weights);
  EXPECT_NEAR(std::get<SerialInterval>(flu).mean(), 2.596, 1e-12);  // Σ k w_k
}

}  // namespace
}  // namespace phongdich
