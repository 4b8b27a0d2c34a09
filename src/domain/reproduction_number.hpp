// The time-varying reproduction number Rt over time windows, by the method of
// Cori et al. (Am J Epidemiol 2013) as the EpiEstim package applies it.
//
// With incidence I_t (local + imported cases with onset on day t = 1..T) and a
// serial interval w, the infectiousness on day t is Λ_t = Σ_{k=1}^{t-1} I_{t-k} w_k.
// Over a window [start, end] Rt has a gamma prior (shape a, scale b) and the
// gamma posterior
//     shape = a + Σ local cases,   scale = 1 / (1/b + Σ Λ_t)   over t in the window;
// only local cases were infected by earlier ones, but every case infects. The
// estimate is that posterior's mean, standard deviation and quantiles.
//
// Days are numbered 1..T as in EpiEstim, so windows and output compare directly
// with the package's. Cost: O(T × serial interval length) for Λ, then O(1) per
// window plus its seven quantiles.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "domain/serial_interval.hpp"
#include "domain/violation.hpp"

namespace phongdich {

// Daily case counts from day 1. With `imported` empty, the cases of day 1 are
// taken as imported and every later case as local (EpiEstim's rule for a single
// series: the first cases must have come from somewhere). With both, day 1's
// local cases count as imported all the same.
struct IncidenceCounts {
  std::span<const int64_t> local;
  std::span<const int64_t> imported;  // empty, or as long as `local`
};

// Days start..end, 1-based and inclusive (EpiEstim's t_start, t_end).
struct RtWindow {
  int32_t start = 0;
  int32_t end = 0;
  friend bool operator==(const RtWindow&, const RtWindow&) = default;
};

struct RtOptions {
  // Empty: weekly sliding windows [2, 8], [3, 9], ... [T-6, T], as EpiEstim's default.
  std::vector<RtWindow> windows;
  double mean_prior = 5;  // the gamma prior on R (Cori et al.: mean 5, sd 5)
  double std_prior = 5;
  // EpiEstim warns when the first window has too few cases for the posterior's
  // coefficient of variation to reach this.
  double cv_posterior = 0.3;
};

// Probabilities of the quantiles reported, in order (EpiEstim's columns).
inline constexpr std::array<double, 7> kRtQuantileLevels = {0.025, 0.05, 0.25, 0.5,
                                                            0.75,  0.95, 0.975};

struct RtEstimate {
  RtWindow window;
  double shape = 0;  // of the posterior gamma distribution
  double scale = 0;
  double mean = 0;
  double sd = 0;
  std::array<double, kRtQuantileLevels.size()> quantiles{};  // at kRtQuantileLevels
  double median() const { return quantiles[3]; }
};

struct RtResult {
  // One per window, in the order given, except windows ending on or before the
  // serial interval's mean day: too early for anyone's infector to be counted,
  // EpiEstim leaves them out (and so do we).
  std::vector<RtEstimate> estimates;
  size_t windows_too_early = 0;
  // The first window has fewer cases than cv_posterior needs (EpiEstim's
  // warning "estimating R too early in the epidemic").
  bool first_window_below_cv = false;
  int64_t cases_needed_for_cv = 0;
};

// [2, 1+width], [3, 2+width], ... ending on day `days`; empty when days < width + 1.
std::vector<RtWindow> sliding_windows(size_t days, int32_t width);

// Every rejected input is explained: negative counts, series of unequal length
// or shorter than 2 days, windows outside 2..T or reversed, a prior that is not
// positive. Nothing is estimated then.
std::variant<RtResult, Violations> estimate_reproduction_number(const IncidenceCounts& incidence,
                                                                const SerialInterval& si,
                                                                const RtOptions& options);

}  // namespace phongdich
