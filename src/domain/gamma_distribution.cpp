#include "domain/gamma_distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace phongdich {
namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kHalfLogTwoPi = 0.91893853320467274178;      // ½ ln 2π
constexpr double kInverseSqrtTwoPi = 0.39894228040143267794;  // 1 / √(2π)
constexpr double kInverseSqrtTwo = 0.70710678118654752440;    // 1 / √2
// Below this, Stirling's series is not yet accurate to double precision.
constexpr double kStirlingFrom = 10;

// ln Γ(a) - [(a - ½) ln a - a + ½ ln 2π] for a >= kStirlingFrom: Stirling's
// series, the terms B₂ₙ / (2n (2n-1) a^(2n-1)) for n = 1..7. The first term left
// out is below 1e-16 at a = 10.
double stirling_remainder(double a) {
  const double r = 1 / a, r2 = r * r;
  return r * (1.0 / 12 +
              r2 * (-1.0 / 360 +
                    r2 * (1.0 / 1260 +
                          r2 * (-1.0 / 1680 +
                                r2 * (1.0 / 1188 + r2 * (-691.0 / 360360 + r2 * (1.0 / 156)))))));
}

// ln(x^a e^-x / Γ(a)), the factor in front of both the series and the continued
// fraction. For large a the two big terms a ln x and ln Γ(a) nearly cancel, so
// it is computed from the relative distance d = (x - a) / a instead.
double log_prefactor(double a, double x) {
  if (a < kStirlingFrom) return a * std::log(x) - x - log_gamma(a);
  const double d = (x - a) / a;
  return a * (std::log1p(d) - d) + 0.5 * std::log(a) - kHalfLogTwoPi - stirling_remainder(a);
}

// P(a, x) by its power series; converges fast for x < a + 1.
double lower_series(double a, double x) {
  double term = 1 / a, sum = term;
  for (double n = 1; n < 1e7; ++n) {
    term *= x / (a + n);
    sum += term;
    if (term < sum * kEpsilon) break;
  }
  return sum * std::exp(log_prefactor(a, x));
}

// Q(a, x) by its continued fraction (modified Lentz); converges fast for x >= a + 1.
double upper_continued_fraction(double a, double x) {
  constexpr double kTiny = 1e-300;
  double b = x + 1 - a;
  double c = 1 / kTiny;
  double d = 1 / b;
  double h = d;
  for (double i = 1; i < 1e7; ++i) {
    const double an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEpsilon) break;
  }
  return h * std::exp(log_prefactor(a, x));
}

// The standard normal quantile: Abramowitz & Stegun 26.2.23 (to 4.5e-4), then
// two Newton steps on Φ(z) = ½ erfc(-z/√2) bring it to double precision,
// which makes Wilson–Hilferty's start good enough for a single Halley step
// once the shape is in the thousands.
double normal_quantile(double p) {
  const double tail = p < 0.5 ? p : 1 - p;
  const double t = std::sqrt(-2 * std::log(tail));
  double z = t - (2.515517 + t * (0.802853 + t * 0.010328)) /
                     (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  z = p < 0.5 ? -z : z;
  for (int step = 0; step < 2; ++step) {
    const double density = std::exp(-0.5 * z * z) * kInverseSqrtTwoPi;
    if (!(density > 0)) break;
    // Residual in the smaller tail, where it keeps its precision.
    const double residual = p < 0.5 ? 0.5 * std::erfc(-z * kInverseSqrtTwo) - p
                                    : (1 - p) - 0.5 * std::erfc(z * kInverseSqrtTwo);
    z -= residual / density;
  }
  return z;
}

// A first x for P(a, x) = p: Wilson–Hilferty's cube-root normal approximation,
// or for small shapes, where it fails, the leading term of each tail.
double initial_guess(double a, double p) {
  const double t = 1 / (9 * a);
  const double base = 1 - t + normal_quantile(p) * std::sqrt(t);
  if (a >= 1 && base > 0) return a * base * base * base;
  // Lower tail: P(a, x) ≈ x^a / Γ(a + 1).
  const double lower = std::exp((std::log(p) + log_gamma(a + 1)) / a);
  if (lower < 1) return lower;
  // Upper tail: Q(a, x) ≈ x^(a-1) e^-x / Γ(a) with x^(a-1) ≈ 1.
  return std::max(1.0, -std::log1p(-p) - log_gamma(a));
}

}  // namespace

double log_gamma(double a) {
  // Γ(a) = Γ(a + n) / (a (a+1) … (a+n-1)) brings a into Stirling's range.
  double product = 1;
  while (a < kStirlingFrom) {
    product *= a;
    a += 1;
  }
  return (a - 0.5) * std::log(a) - a + kHalfLogTwoPi + stirling_remainder(a) - std::log(product);
}

double regularized_gamma_p(double a, double x) {
  if (!(x > 0)) return 0;
  if (x == kInfinity) return 1;
  return x < a + 1 ? lower_series(a, x) : 1 - upper_continued_fraction(a, x);
}

double regularized_gamma_q(double a, double x) {
  if (!(x > 0)) return 1;
  if (x == kInfinity) return 0;
  return x < a + 1 ? 1 - lower_series(a, x) : upper_continued_fraction(a, x);
}

double inverse_regularized_gamma_p(double a, double p) {
  if (!(p > 0)) return 0;
  if (p >= 1) return kInfinity;
  // Above the median the residual is taken in the upper tail, where Q keeps
  // its precision; either way f(x) = P(a, x) - p increases with x.
  const bool upper = p > 0.5;
  const double q = 1 - p;
  double low = 0, high = kInfinity;
  double x = initial_guess(a, p);
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double f = upper ? q - regularized_gamma_q(a, x) : regularized_gamma_p(a, x) - p;
    if (f == 0) return x;
    (f < 0 ? low : high) = x;
    // Halley's step on f, whose derivative is the density x^(a-1) e^-x / Γ(a)
    // and whose second derivative over the first is (a - 1) / x - 1.
    const double density = std::exp(log_prefactor(a, x)) / x;
    double next = -1;
    if (density > 0 && std::isfinite(density)) {
      const double newton = f / density;
      const double correction = 1 - 0.5 * newton * ((a - 1) / x - 1);
      next = x - (correction > 0.5 ? newton / correction : newton);
    }
    // Halley's method converges cubically: after a step δ the error left is
    // about K δ³, K = |f‴/(6f′) - (f″/(2f′))²| = |(a-1)/(6x²) + r²/12| with
    // r = f″/f′ = (a-1)/x - 1. Once that is below rounding, x is final.
    const double r = (a - 1) / x - 1;
    const double k = std::fabs((a - 1) / (6 * x * x) + r * r / 12);
    const double step = std::fabs(next - x);
    if (next > 0 && k * step * step * step <= kEpsilon * next) return next;
    // Outside the bracket (or no usable density): bisect instead.
    if (!(next > low && next < high))
      next = high == kInfinity ? 2 * std::max(x, low) : 0.5 * (low + high);
    x = next;
  }
  return x;
}

double GammaDistribution::sd() const { return std::sqrt(shape) * scale; }

double GammaDistribution::cdf(double x) const { return regularized_gamma_p(shape, x / scale); }

double GammaDistribution::quantile(double p) const {
  return inverse_regularized_gamma_p(shape, p) * scale;
}

}  // namespace phongdich
