// `phongdich rules` shows the rule version in force on a date, as read from
// data/rules/vaccination.json.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.hpp"

namespace phongdich::testing {
namespace {

struct RulesRow {
  const char* as_of;
  const char* version;
  const char* booster1_allowed;
  const char* booster2_allowed;
};

TEST(RulesCommand, ShowsTheVersionInForceOnEachDate) {
  const RulesRow rows[] = {
      {"2021-08-01", "3588-2021", "no", "no"},
      {"2021-12-20", "10722-2021", "yes", "no"},
      {"2022-07-01", "3309-2022", "yes", "yes"},
  };
  CliTempDir dir;
  for (const RulesRow& row : rows) {
    const CliResult r = run_cli(
        {"--db", (dir / "rules.db").string(), "--format", "json", "rules", "--as-of", row.as_of},
        dir.path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    EXPECT_EQ(json.at("version"), row.version) << row.as_of;
    std::map<std::string, std::string> allowed;
    for (const auto& dose : json.at("doses")) allowed[dose.at("dose")] = dose.at("allowed");
    EXPECT_EQ(allowed["booster1"], row.booster1_allowed) << row.as_of;
    EXPECT_EQ(allowed["booster2"], row.booster2_allowed) << row.as_of;
    EXPECT_EQ(json.at("products").size(), 9u);
  }
}

}  // namespace
}  // namespace phongdich::testing
