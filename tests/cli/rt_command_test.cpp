// `phongdich rt` prints EpiEstim's columns for any incidence file: the Flu2009
// reference reproduced through the real program, and clear refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.hpp"
#include "common/epiestim_reference.hpp"

namespace phongdich::testing {
namespace {

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> fields;
    std::istringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

std::string data_file(const std::string& name) { return (epiestim_dir() / name).string(); }

TEST(RtCommand, ReproducesEpiEstimsFlu2009Reference) {
  CliTempDir dir;
  const CliResult r =
      run_cli({"rt", "--incidence", data_file("datasets/Flu2009_incidence.csv"), "--si-distr",
               data_file("reference_example1_si_distr_nonparametric.csv")},
              dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto ours = parse_csv(r.out);
  const auto reference = read_reference_csv("reference_example1.csv");
  ASSERT_EQ(ours.size(), reference.size());
  EXPECT_EQ(ours[0], reference[0]);  // the same columns, by name and order
  for (size_t row = 1; row < ours.size(); ++row) {
    ASSERT_EQ(ours[row].size(), 13u);
    for (size_t c = 0; c < 4; ++c) EXPECT_EQ(ours[row][c], reference[row][c]) << row;
    for (size_t c = 4; c < 13; ++c) {
      const double expected = std::stod(reference[row][c]);
      EXPECT_NEAR(std::stod(ours[row][c]), expected, 1e-6 * expected)
          << "row " << row << " " << reference[0][c];
    }
  }
}

TEST(RtCommand, ParametricSerialIntervalWithImportedCasesAndChosenWindows) {
  CliTempDir dir;
  const CliResult r =
      run_cli({"rt", "--incidence", data_file("datasets/mers_2014_15_incidence.csv"), "--si-mean",
               "6.8", "--si-sd", "4.1", "--t-start", "2,100", "--t-end", "99,495", "--mean-prior",
               "2", "--std-prior", "4"},
              dir.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = parse_csv(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "2");
  EXPECT_EQ(rows[1][2], "2014-08-12");
  EXPECT_EQ(rows[2][3], "2015-12-18");
  EXPECT_GT(std::stod(rows[1][4]), 0);
}

TEST(RtCommand, RefusesBadInputWithAReason) {
  CliTempDir dir;
  write_file(dir / "negative.csv", "dates,I\n2020-01-01,3\n2020-01-02,-1\n");
  write_file(dir / "short_si.csv", "k,w\n0,0\n1,0.5\n2,0.4\n");
  const std::string flu = data_file("datasets/Flu2009_incidence.csv");
  const std::string negative = (dir / "negative.csv").string();
  const std::string short_si = (dir / "short_si.csv").string();
  struct Row {
    const char* what;
    std::vector<std::string> args;
    int exit_code;
    const char* message;  // in standard error
  };
  const Row rows[] = {
      {"negative count",
       {"rt", "--incidence", negative, "--si-mean", "2.6", "--si-sd", "1.5"},
       1,
       "Line 3: The count \"-1\" in column \"I\" cannot be negative."},
      {"SI not summing to 1",
       {"rt", "--incidence", flu, "--si-distr", short_si},
       1,
       "they must sum to 1"},
      {"sd 0",
       {"rt", "--incidence", flu, "--si-mean", "2.6", "--si-sd", "0"},
       1,
       "must be greater than 0"},
      {"window outside the series",
       {"rt", "--incidence", flu, "--si-mean", "2.6", "--si-sd", "1.5", "--t-start", "20",
        "--t-end", "40"},
       1,
       "ends outside days 2..32"},
      {"window wider than the series",
       {"rt", "--incidence", flu, "--si-mean", "2.6", "--si-sd", "1.5", "--window", "40"},
       1,
       "needs at least 41 days of counts; the file has 32"},
      {"no serial interval", {"rt", "--incidence", flu}, 2, "--si-distr"},
      {"two serial intervals",
       {"rt", "--incidence", flu, "--si-mean", "2.6", "--si-sd", "1.5", "--si-distr", short_si},
       2,
       "excludes"},
      {"mean without sd", {"rt", "--incidence", flu, "--si-mean", "2.6"}, 2, "--si-sd"},
      {"missing file",
       {"rt", "--incidence", "no-such-file.csv", "--si-mean", "2.6", "--si-sd", "1.5"},
       2,
       "no-such-file.csv"},
  };
  for (const Row& row : rows) {
    const CliResult r = run_cli(row.args, dir.path());
    EXPECT_EQ(r.exit_code, row.exit_code) << row.what << "\n" << r.err;
    EXPECT_NE(r.err.find(row.message), std::string::npos) << row.what << "\n" << r.err;
    EXPECT_TRUE(r.out.empty()) << row.what;
  }
}

}  // namespace
}  // namespace phongdich::testing
