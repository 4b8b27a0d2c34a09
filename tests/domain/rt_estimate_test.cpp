// Rt's posterior on small series computed by hand, EpiEstim's rules on which
// windows are estimated, and every rejected input.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "domain/reproduction_number.hpp"

namespace phongdich {
namespace {

SerialInterval given(std::vector<double> weights) {
  return std::get<SerialInterval>(SerialInterval::from_distribution(std::move(weights)));
}

RtResult estimated(const IncidenceCounts& incidence, const SerialInterval& si,
                   const RtOptions& options) {
  auto result = estimate_reproduction_number(incidence, si, options);
  if (auto* bad = std::get_if<Violations>(&result)) {
    ADD_FAILURE() << "rejected: " << bad->front().code << ": " << bad->front().message_en;
    return {};
  }
  return std::get<RtResult>(result);
}

// Everyone infects exactly one day after their onset (w_1 = 1), so Λ_t = I_{t-1}
// and a one-day window has the posterior gamma(1 + I_t, 1 / (0.2 + I_{t-1})).
TEST(RtEstimate, OneDayWindowsByHand) {
  const std::vector<int64_t> cases = {3, 6, 12, 6, 0, 9};
  const SerialInterval next_day = given({0, 1});
  RtOptions options;
  for (int32_t day = 2; day <= 6; ++day) options.windows.push_back({day, day});
  const RtResult result = estimated({.local = cases, .imported = {}}, next_day, options);
  ASSERT_EQ(result.estimates.size(), 5u);
  for (const RtEstimate& e : result.estimates) {
    const double shape = 1 + static_cast<double>(cases[e.window.start - 1]);
    const double rate = 0.2 + static_cast<double>(cases[e.window.start - 2]);
    EXPECT_DOUBLE_EQ(e.shape, shape) << e.window.start;
    EXPECT_DOUBLE_EQ(e.mean, shape / rate) << e.window.start;
    EXPECT_DOUBLE_EQ(e.sd, std::sqrt(shape) / rate) << e.window.start;
    EXPECT_LT(e.quantiles[0], e.median());
    EXPECT_LT(e.median(), e.quantiles[6]);
  }
  // Day 6 follows a day without cases: only the prior's rate, 0.2, is left.
  EXPECT_DOUBLE_EQ(result.estimates.back().mean, 10 / 0.2);
}

// A window sums cases and Λ over its days; imported cases infect others (Λ)
// but were not infected here (not in the shape).
TEST(RtEstimate, ImportedCasesInfectButAreNotCounted) {
  const std::vector<int64_t> local = {0, 2, 4, 4};
  const std::vector<int64_t> imported = {5, 3, 0, 1};
  const SerialInterval si = given({0, 0.5, 0.5});
  RtOptions options;
  options.windows = {{2, 4}};
  const RtResult result = estimated({.local = local, .imported = imported}, si, options);
  ASSERT_EQ(result.estimates.size(), 1u);
  // Totals 5, 5, 4, 5; Λ_2 = 2.5, Λ_3 = 0.5·5 + 0.5·5 = 5, Λ_4 = 0.5·4 + 0.5·5 = 4.5.
  const RtEstimate& e = result.estimates[0];
  EXPECT_DOUBLE_EQ(e.shape, 1 + 2 + 4 + 4);
  EXPECT_DOUBLE_EQ(e.scale, 1 / (0.2 + 2.5 + 5 + 4.5));
}

// A single series: day 1's cases are imported, so they never enter the shape,
// and the same counts given as a split with day 1 imported agree exactly.
TEST(RtEstimate, ASingleSeriesStartsWithImportedCases) {
  const std::vector<int64_t> cases = {7, 1, 2, 3, 5, 8, 13, 21, 34, 55};
  const std::vector<int64_t> local = {0, 1, 2, 3, 5, 8, 13, 21, 34, 55};
  const std::vector<int64_t> imported = {7, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const SerialInterval si = given({0, 0.3, 0.4, 0.3});
  const RtResult single = estimated({.local = cases, .imported = {}}, si, {});
  const RtResult split = estimated({.local = local, .imported = imported}, si, {});
  ASSERT_EQ(single.estimates.size(), 3u);  // [2,8], [3,9], [4,10]
  ASSERT_EQ(split.estimates.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(single.estimates[i].shape, split.estimates[i].shape);
    EXPECT_EQ(single.estimates[i].scale, split.estimates[i].scale);
  }
}

TEST(RtEstimate, PriorIsConfigurable) {
  const std::vector<int64_t> cases = {1, 1, 1};
  RtOptions options;
  options.windows = {{2, 2}};
  options.mean_prior = 2;
  options.std_prior = 1;  // shape 4, rate 2
  const RtResult result = estimated({.local = cases, .imported = {}}, given({0, 1}), options);
  ASSERT_EQ(result.estimates.size(), 1u);
  EXPECT_DOUBLE_EQ(result.estimates[0].shape, 4 + 1);
  EXPECT_DOUBLE_EQ(result.estimates[0].scale, 1 / (2.0 + 1));
}

// EpiEstim leaves out windows that end on or before the mean serial interval.
TEST(RtEstimate, WindowsEndingBeforeTheMeanSerialIntervalAreLeftOut) {
  const std::vector<int64_t> cases(20, 4);
  const SerialInterval si = given({0, 0, 0, 0, 0, 1});  // mean 5
  RtOptions options;
  options.windows = {{2, 3}, {2, 5}, {2, 6}, {4, 9}};
  const RtResult result = estimated({.local = cases, .imported = {}}, si, options);
  EXPECT_EQ(result.windows_too_early, 2u);
  ASSERT_EQ(result.estimates.size(), 2u);
  EXPECT_EQ(result.estimates[0].window, (RtWindow{2, 6}));
  EXPECT_EQ(result.estimates[1].window, (RtWindow{4, 9}));
}

// EpiEstim warns when the first window has fewer than ceil(1/0.3² - 1) = 11 cases.
TEST(RtEstimate, FewCasesInTheFirstWindowAreFlagged) {
  const SerialInterval si = given({0, 1});
  const std::vector<int64_t> few = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  const std::vector<int64_t> enough = {1, 2, 2, 2, 2, 2, 2, 2, 1, 1};
  const RtResult early = estimated({.local = few, .imported = {}}, si, {});
  EXPECT_EQ(early.cases_needed_for_cv, 11);
  EXPECT_TRUE(early.first_window_below_cv);
  EXPECT_FALSE(estimated({.local = enough, .imported = {}}, si, {}).first_window_below_cv);
}

TEST(RtEstimate, SlidingWindows) {
  EXPECT_EQ(sliding_windows(10, 7), (std::vector<RtWindow>{{2, 8}, {3, 9}, {4, 10}}));
  EXPECT_EQ(sliding_windows(4, 1), (std::vector<RtWindow>{{2, 2}, {3, 3}, {4, 4}}));
  EXPECT_TRUE(sliding_windows(7, 7).empty());
  EXPECT_TRUE(sliding_windows(10, 0).empty());
}

TEST(RtEstimate, RejectedInputsAreExplained) {
  const std::vector<int64_t> ten(10, 3);
  const std::vector<int64_t> nine(9, 3);
  const std::vector<int64_t> negative = {3, 3, -1, 3, 3, 3, 3, 3, 3, 3};
  const std::vector<int64_t> one_day = {3};
  const std::vector<int64_t> seven(7, 3);
  const std::vector<int64_t> huge = {3, 3, INT64_MAX, 3, 3, 3, 3, 3, 3, 3};
  const SerialInterval si = given({0, 0.5, 0.5});
  struct Row {
    const char* what;
    IncidenceCounts incidence;
    std::vector<RtWindow> windows;
    double mean_prior, std_prior;
    const char* code;
  };
  const Row rows[] = {
      {"negative count", {negative, {}}, {}, 5, 5, "rt.negative_count"},
      {"negative imported", {ten, negative}, {}, 5, 5, "rt.negative_count"},
      {"absurd count", {huge, {}}, {}, 5, 5, "rt.count_too_large"},
      {"unequal lengths", {ten, nine}, {}, 5, 5, "rt.length_mismatch"},
      {"one day only", {one_day, {}}, {}, 5, 5, "rt.too_short"},
      {"too short for weekly windows", {seven, {}}, {}, 5, 5, "rt.too_short"},
      {"window from day 1", {ten, {}}, {{1, 7}}, 5, 5, "rt.window_start"},
      {"window past the end", {ten, {}}, {{5, 11}}, 5, 5, "rt.window_end"},
      {"window starting past the end", {ten, {}}, {{11, 11}}, 5, 5, "rt.window_start"},
      {"reversed window", {ten, {}}, {{6, 4}}, 5, 5, "rt.window_order"},
      {"prior mean 0", {ten, {}}, {}, 0, 5, "rt.prior_mean"},
      {"prior sd negative", {ten, {}}, {}, 5, -1, "rt.prior_sd"},
      {"prior sd NaN", {ten, {}}, {}, 5, NAN, "rt.prior_sd"},
  };
  for (const Row& row : rows) {
    RtOptions options;
    options.windows = row.windows;
    options.mean_prior = row.mean_prior;
    options.std_prior = row.std_prior;
    const auto result = estimate_reproduction_number(row.incidence, si, options);
    const auto* bad = std::get_if<Violations>(&result);
    ASSERT_NE(bad, nullptr) << row.what;
    ASSERT_FALSE(bad->empty()) << row.what;
    EXPECT_EQ(bad->front().code, row.code) << row.what;
    for (const Violation& v : *bad)
      EXPECT_FALSE(v.message_vi.empty() || v.message_en.empty() || v.field.empty()) << row.what;
  }
}

TEST(RtEstimate, ManyBadWindowsAreListedUpToALimit) {
  const std::vector<int64_t> ten(10, 3);
  RtOptions options;
  for (int32_t i = 0; i < 100; ++i) options.windows.push_back({1, 5});
  const auto result =
      estimate_reproduction_number({.local = ten, .imported = {}}, given({0, 1}), options);
  ASSERT_TRUE(std::holds_alternative<Violations>(result));
  EXPECT_LE(std::get<Violations>(result).size(), 10u);
}

}  // namespace
}  // namespace phongdich
