// Rt reproduces EpiEstim's own reference outputs (its test snapshots) in every
// column: example 1, Flu2009 with a given serial interval distribution; example
// 2, local and imported cases with a parametric serial interval.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <variant>
#include <vector>

#include "common/epiestim_reference.hpp"
#include "domain/reproduction_number.hpp"

namespace phongdich::testing {
namespace {

// The numeric columns of the reference files, in order after the four
// t_start, t_end, date_start, date_end.
constexpr const char* kValueColumns[] = {
    "Mean(R)",   "Std(R)",           "Quantile.0.025(R)", "Quantile.0.05(R)", "Quantile.0.25(R)",
    "Median(R)", "Quantile.0.75(R)", "Quantile.0.95(R)",  "Quantile.0.975(R)"};

std::vector<double> values_of(const RtEstimate& e) {
  std::vector<double> values = {e.mean, e.sd};
  values.insert(values.end(), e.quantiles.begin(), e.quantiles.end());
  return values;
}

// Equal to 4 significant digits: within half a unit of the 4th digit of the
// reference value. (The reference is printed to 7-8 digits.)
bool same_to_4_digits(double ours, double reference) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(std::fabs(reference))));
  return std::fabs(ours - reference) <= 0.5e-3 * magnitude;
}

// Compares every row and column with the reference file; `labels` are the
// incidence's dates (or day numbers) that date_start / date_end show.
void expect_matches_reference(const std::string& file, const RtResult& result,
                              const std::vector<std::string>& labels) {
  const auto rows = read_reference_csv(file);
  ASSERT_GE(rows.size(), 2u);
  const std::vector<std::string>& header = rows[0];
  ASSERT_EQ(header.size(), 13u);
  EXPECT_EQ(header[0], "t_start");
  EXPECT_EQ(header[3], "date_end");
  for (size_t c = 0; c < std::size(kValueColumns); ++c) EXPECT_EQ(header[4 + c], kValueColumns[c]);

  ASSERT_EQ(result.estimates.size(), rows.size() - 1);
  double worst_relative = 0;
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    const RtEstimate& e = result.estimates[r - 1];
    ASSERT_EQ(row.size(), 13u);
    EXPECT_EQ(std::to_string(e.window.start), row[0]);
    EXPECT_EQ(std::to_string(e.window.end), row[1]);
    EXPECT_EQ(labels[e.window.start - 1], row[2]);
    EXPECT_EQ(labels[e.window.end - 1], row[3]);
    const std::vector<double> ours = values_of(e);
    for (size_t c = 0; c < ours.size(); ++c) {
      const double reference = std::stod(row[4 + c]);
      EXPECT_TRUE(same_to_4_digits(ours[c], reference))
          << file << " t_start " << row[0] << " " << kValueColumns[c] << ": ours " << ours[c]
          << ", EpiEstim " << reference;
      worst_relative = std::max(worst_relative, std::fabs(ours[c] - reference) / reference);
    }
  }
  // The reference is rounded to 7-8 significant digits; anything beyond that
  // rounding would be a difference of method, not of printing.
  EXPECT_LT(worst_relative, 1e-6) << file;
  char shown[32];
  std::snprintf(shown, sizeof shown, "%.3g", worst_relative);
  ::testing::Test::RecordProperty(file + "_worst_relative_error", shown);
}

TEST(RtReference, Example1Flu2009WithAGivenSerialInterval) {
  const auto incidence_rows = read_reference_csv("datasets/Flu2009_incidence.csv");
  ASSERT_EQ(incidence_rows.size(), 33u);
  ASSERT_EQ(incidence_rows[0], (std::vector<std::string>{"dates", "I"}));
  std::vector<int64_t> counts;
  std::vector<std::string> dates;
  for (size_t r = 1; r < incidence_rows.size(); ++r) {
    dates.push_back(incidence_rows[r][0]);
    counts.push_back(std::stoll(incidence_rows[r][1]));
  }
  std::vector<double> weights;
  const auto si_rows = read_reference_csv("reference_example1_si_distr_nonparametric.csv");
  for (size_t r = 1; r < si_rows.size(); ++r) weights.push_back(std::stod(si_rows[r][1]));
  auto si = SerialInterval::from_distribution(weights);
  ASSERT_TRUE(std::holds_alternative<SerialInterval>(si));

  const auto result = estimate_reproduction_number({.local = counts, .imported = {}},
                                                   std::get<SerialInterval>(si), RtOptions{});
  ASSERT_TRUE(std::holds_alternative<RtResult>(result));
  expect_matches_reference("reference_example1.csv", std::get<RtResult>(result), dates);
}

TEST(RtReference, Example2LocalAndImportedCasesWithAParametricSerialInterval) {
  // Case onset days (first day = 0) and where each case was infected, as the
  // package's example builds them (README.txt).
  const int onset_day[] = {0, 1, 1, 2, 1, 3, 4, 5, 5, 5, 5, 4, 4, 26, 6, 7, 9};
  const bool imported[] = {true,  false, true,  true, false, true, true,  true, true,
                           false, false, false, true, false, true, false, true};
  const size_t days = 27;
  std::vector<int64_t> local(days, 0), imported_counts(days, 0);
  for (size_t i = 0; i < std::size(onset_day); ++i)
    ++(imported[i] ? imported_counts : local)[onset_day[i]];
  std::vector<std::string> labels;  // the incidence object's dates are day numbers
  for (size_t d = 0; d < days; ++d) labels.push_back(std::to_string(d));

  auto si = SerialInterval::discretised_gamma(2.6, 1.5, days);
  ASSERT_TRUE(std::holds_alternative<SerialInterval>(si));
  const auto result = estimate_reproduction_number({.local = local, .imported = imported_counts},
                                                   std::get<SerialInterval>(si), RtOptions{});
  ASSERT_TRUE(std::holds_alternative<RtResult>(result));
  expect_matches_reference("reference_example2.csv", std::get<RtResult>(result), labels);
}

TEST(RtReference, ADriftedValueWouldFail) {
  // The comparison itself must be able to fail.
  EXPECT_TRUE(same_to_4_digits(1.7356089, 1.7356089));
  EXPECT_TRUE(same_to_4_digits(1.73564, 1.7356089));
  EXPECT_FALSE(same_to_4_digits(1.7362, 1.7356089));
  EXPECT_FALSE(same_to_4_digits(0.004705, 0.004696345));
}

}  // namespace
}  // namespace phongdich::testing
