// The gamma distribution behind Rt's credible intervals: quantiles against
// values computed with 40-digit arithmetic (mpmath), and P / P⁻¹ against
// Boost.Math over shapes from 0.001 to ten million.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cfloat>
#include <cmath>

#include "domain/gamma_distribution.hpp"

namespace phongdich {
namespace {

double relative_error(double ours, double reference) {
  return std::fabs(ours - reference) / std::fabs(reference);
}

TEST(GammaQuantile, KnownValues) {
  struct Row {
    double shape, p, x;  // P(shape, x) = p, x from mpmath at 40 digits
  };
  const Row rows[] = {
      {1.0, 0.5, 0.69314718055994531},       // exponential: ln 2
      {1.0, 0.975, 3.6888794541139354},      // -ln 0.025
      {0.5, 0.95, 1.9207294103470622},       // chi-square(1) 95% / 2 = 3.8414588 / 2
      {2.0, 0.025, 0.24220927854396491},     //
      {5.0, 0.5, 4.6709088827959837},        //
      {10.0, 0.05, 5.4254056970912926},      //
      {10.0, 0.999, 22.657373309062929},     //
      {0.1, 0.25, 5.7917132949696065e-7},    // small shape: mass piled near 0
      {0.01, 0.75, 1.8155131756132584e-13},  //
      {100.0, 0.025, 81.363991250923141},    //
      {100.0, 0.975, 120.52894775315546},    //
      {10000.0, 0.5, 9999.6666686420474},    // median ≈ shape - 1/3
  };
  for (const Row& row : rows) {
    // x ∝ p^(1/shape) near 0, so a small shape magnifies rounding by 1/shape.
    const double tolerance = 1e-13 * std::max(1.0, 1 / row.shape);
    EXPECT_LT(relative_error(inverse_regularized_gamma_p(row.shape, row.p), row.x), tolerance)
        << "shape " << row.shape << " p " << row.p;
    EXPECT_NEAR(regularized_gamma_p(row.shape, row.x), row.p, 1e-14 + 1e-13 * row.p)
        << "shape " << row.shape << " x " << row.x;
  }
}

TEST(GammaQuantile, ScaleAndMoments) {
  const GammaDistribution posterior{.shape = 4, .scale = 0.25};
  EXPECT_DOUBLE_EQ(posterior.mean(), 1.0);
  EXPECT_DOUBLE_EQ(posterior.sd(), 0.5);
  EXPECT_NEAR(posterior.quantile(0.5), 0.25 * inverse_regularized_gamma_p(4, 0.5), 1e-15);
  EXPECT_NEAR(posterior.cdf(posterior.quantile(0.975)), 0.975, 1e-14);
}

TEST(GammaQuantile, EdgesOfTheRange) {
  EXPECT_EQ(inverse_regularized_gamma_p(3, 0), 0);
  EXPECT_TRUE(std::isinf(inverse_regularized_gamma_p(3, 1)));
  EXPECT_EQ(regularized_gamma_p(3, 0), 0);
  EXPECT_EQ(regularized_gamma_q(3, 0), 1);
  EXPECT_EQ(regularized_gamma_p(3, INFINITY), 1);
}

TEST(GammaQuantile, LogGammaAtKnownPoints) {
  // Below 10 the value comes from Stirling's series at a + n less ln of a
  // product, exact to a few units of 1e-15 (absolute, which is what exp() sees).
  EXPECT_NEAR(log_gamma(1), 0, 4e-15);
  EXPECT_NEAR(log_gamma(2), 0, 4e-15);
  EXPECT_NEAR(log_gamma(0.5), 0.5 * std::log(M_PI), 4e-15);  // Γ(½) = √π
  EXPECT_NEAR(log_gamma(11), std::log(3628800.0), 1e-13);    // 10!
  EXPECT_NEAR(log_gamma(1e6), std::lgamma(1e6), 1e-9);
}

// Against an independent implementation over every shape Rt can meet: the
// prior alone (shape 1) to a province's worst week, and small shapes from an
// unusual prior.
TEST(GammaQuantile, AgreesWithBoostMathOverAGrid) {
  const double shapes[] = {1e-3, 0.01,  0.1, 0.5, 1,   1.5, 2,   3.7, 9.99,
                           10,   10.01, 30,  100, 1e3, 1e4, 1e5, 1e6, 1e7};
  const double ps[] = {1e-12, 1e-6, 0.001, 0.025, 0.05,  0.25,
                       0.5,   0.75, 0.95,  0.975, 0.999, 1 - 1e-9};
  for (double a : shapes) {
    for (double p : ps) {
      const double reference = boost::math::gamma_p_inv(a, p);
      if (reference < DBL_MIN) {  // below the doubles (0.001, p 1e-6: x = 1e-6^1000 …)
        EXPECT_LT(inverse_regularized_gamma_p(a, p), DBL_MIN) << "shape " << a << " p " << p;
        continue;
      }
      // Tiny shapes put x near 1e-300, where x ∝ p^(1/a) magnifies rounding by 1/a.
      const double tolerance = a < 0.01 ? 1e-11 : 1e-12;
      EXPECT_LT(relative_error(inverse_regularized_gamma_p(a, p), reference), tolerance)
          << "shape " << a << " p " << p;
      // P and Q carry the rounding of their factor x^a e^-x / Γ(a), whose
      // exponent grows with a: a few 1e-13 at a = 1e7.
      const double p_tolerance = a < 0.01 ? 1e-11 : 2e-12;
      EXPECT_LT(
          relative_error(regularized_gamma_p(a, reference), boost::math::gamma_p(a, reference)),
          p_tolerance)
          << "P shape " << a << " x " << reference;
      EXPECT_LT(
          relative_error(regularized_gamma_q(a, reference), boost::math::gamma_q(a, reference)),
          p_tolerance)
          << "Q shape " << a << " x " << reference;
    }
  }
}

}  // namespace
}  // namespace phongdich
