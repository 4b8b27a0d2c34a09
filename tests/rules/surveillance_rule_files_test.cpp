// Every shipped rule file loads, and each loader of the surveillance rules
// rejects a hand-edited file's realistic slips with a message naming the key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "rules/case_rules_json.hpp"
#include "rules/epidemic_level_rules_json.hpp"
#include "rules/home_care_rules_json.hpp"
#include "rules/progression_risk_json.hpp"
#include "rules/surveillance_targets_json.hpp"
#include "rules/targets_json.hpp"
#include "rules/vaccination_rules_json.hpp"

namespace phongdich {
namespace {

const std::string kRulesDir = std::string(PHONGDICH_DATA_DIR) + "/rules";

using Parser = std::function<void(std::string_view)>;

// The loader of each shipped file, by file name.
const std::map<std::string, Parser>& parsers() {
  static const std::map<std::string, Parser> p = {
      {"cases.json", [](std::string_view t) { parse_case_rules(t); }},
      {"home_care.json", [](std::string_view t) { parse_home_care_rules(t); }},
      {"progression_risk.json", [](std::string_view t) { parse_progression_risk_rules(t); }},
      {"epidemic_levels.json", [](std::string_view t) { parse_epidemic_level_rules(t); }},
      {"surveillance_targets.json", [](std::string_view t) { parse_surveillance_targets(t); }},
      {"targets.json", [](std::string_view t) { parse_target_rules(t); }},
      {"vaccination.json", [](std::string_view t) { parse_vaccination_rules(t); }},
  };
  return p;
}

std::string read(const std::string& name) {
  std::ifstream in(kRulesDir + "/" + name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files of other features (rt.json ...) are loaded by their own tests; here
// they must at least be JSON with a "format", and every file with a loader
// above must load.
TEST(RuleFiles, EveryShippedFileLoads) {
  size_t loaded = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kRulesDir)) {
    if (entry.path().extension() != ".json") continue;
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    const std::string text = read(name);
    const auto parser = parsers().find(name);
    if (parser == parsers().end()) {
      const auto json = nlohmann::json::parse(text, nullptr, false);
      EXPECT_FALSE(json.is_discarded());
      EXPECT_TRUE(json.is_object() && json.contains("format"));
      continue;
    }
    EXPECT_NO_THROW(parser->second(text));
    ++loaded;
  }
  EXPECT_EQ(loaded, parsers().size());
}

TEST(RuleFiles, ShippedVersions) {
  const auto ids = [](const auto& versions) {
    std::vector<std::string> out;
    for (const auto& v : versions) out.push_back(v.id + " " + v.effective_from.iso());
    return out;
  };
  EXPECT_EQ(ids(load_case_rules(kRulesDir + "/cases.json").versions()),
            (std::vector<std::string>{"pcr-2020 2020-01-23", "1909-2022 2022-04-15"}));
  EXPECT_EQ(ids(load_home_care_rules(kRulesDir + "/home_care.json").versions()),
            (std::vector<std::string>{"4038-2021 2021-08-21", "261-2022 2022-01-31",
                                      "604-2022 2022-03-14"}));
  EXPECT_EQ(ids(load_epidemic_level_rules(kRulesDir + "/epidemic_levels.json").versions()),
            (std::vector<std::string>{"4800-2021 2021-10-12", "218-2022 2022-01-27"}));
  EXPECT_EQ(ids(load_progression_risk_rules(kRulesDir + "/progression_risk.json").versions()),
            (std::vector<std::string>{"5525-2021 2021-12-01"}));
  const SurveillanceTargets targets =
      load_surveillance_targets(kRulesDir + "/surveillance_targets.json");
  EXPECT_DOUBLE_EQ(targets.in_force(*Date::parse_iso("2022-05-01")).deaths_per_100k_alert, 1.0);
  EXPECT_DOUBLE_EQ(targets.in_force(*Date::parse_iso("2022-05-01")).care_households_per_10k, 500);
  // Versions carry over what they do not change (JSON merge patch).
  const HomeCareRules home = load_home_care_rules(kRulesDir + "/home_care.json");
  EXPECT_EQ(home.versions()[2].danger_signs.spo2_at_most, 96);
  EXPECT_TRUE(home.versions()[2].danger_signs.source.starts_with("604/QĐ-BYT "));
  const EpidemicLevelRules levels = load_epidemic_level_rules(kRulesDir + "/epidemic_levels.json");
  EXPECT_EQ(levels.versions()[1].c1.size(), 3u);
  EXPECT_EQ(levels.versions()[1].c2.size(), 2u);  // 4800's one-dose share removed by null
  EXPECT_EQ(levels.versions()[1].levels[2].colour, "orange");
}

struct Slip {
  const char* file;
  const char* from;  // first occurrence in the shipped file
  const char* to;
  const char* message;  // expected in the error
};

TEST(RuleFiles, LoadersRejectSlipsNamingTheKey) {
  const Slip slips[] = {
      {"cases.json", "\"test_kind\": \"rt_pcr\"", "\"test_kind\": \"pcr\"",
       "case rules: versions[0] (pcr-2020).criteria[0].test_kind: must be rt_pcr or rapid_antigen"},
      {"cases.json", "\"positive_tests\": 1", "\"positive_tests\": 3",
       "versions[0] (pcr-2020).criteria[0].positive_tests: must be from 1 to 2"},
      {"cases.json", "\"needs_close_contact\": false", "\"needs_close_contakt\": false",
       "versions[0] (pcr-2020).criteria[0]: unknown key \"needs_close_contakt\""},
      {"cases.json", "\"effective_from\": \"2022-04-15\"", "\"effective_from\": \"2019-04-15\"",
       "versions[1] (1909-2022).effective_from: must be after the previous version's"},
      {"cases.json", "\"effective_from\": \"2022-04-15\"", "\"effective_from\": \"2022-04-31\"",
       "versions[1].effective_from: must be a date YYYY-MM-DD"},
      {"home_care.json", "\"spo2_at_most\": 96", "\"spo2_at_most\": 960",
       "home care rules: versions[0] (4038-2021).danger_signs.spo2_at_most: must be from 50 to "
       "100"},
      {"home_care.json", "\"symptom\": \"cyanosis\"", "\"symptom\": \"blue\"",
       "danger_signs.symptoms[3].symptom: unknown symptom \"blue\""},
      {"home_care.json", "\"min_days\": 7", "\"min_dayz\": 7",
       "versions[0] (4038-2021).isolation_end: unknown key \"min_dayz\""},
      {"home_care.json", "\"at_least\": 40", "\"at_least\": \"40\"",
       "danger_signs.respiratory_rate[1].at_least: must be an integer"},
      {"progression_risk.json", "\"booster2\": 0", "\"booster3\": 0",
       "progression risk rules: versions[0] (5525-2021).vaccination_points: unknown key "
       "\"booster3\""},
      {"progression_risk.json", "\"3\": 2", "\"21\": 2",
       "comorbidity_points.items: unknown comorbidity item \"21\""},
      {"progression_risk.json", "\"min_points\": 4", "\"min_points\": 1",
       "groups[2].min_points: must start at 0 and rise"},
      {"epidemic_levels.json", "{\"level\": 3, \"from\": 50}", "{\"level\": 3, \"from\": 10}",
       "epidemic level rules: versions[0] (4800-2021).c1.new_cases_per_100k.bands[2]: bands must "
       "start from 0 and rise"},
      {"epidemic_levels.json", "{\"level\": 4, \"from\": 150}", "{\"level\": 5, \"from\": 150}",
       "c1.new_cases_per_100k.bands[3].level: must be from 1 to 4"},
      {"epidemic_levels.json", "\"effect\": \"lower\"", "\"effect\": \"drop\"",
       "versions[0] (4800-2021).adjustments[0].effect: must be raise, lower or no_lower"},
      {"epidemic_levels.json", "\"adult_one_dose_share\": {", "\"adult_one_dose_shares\": {",
       "versions[0] (4800-2021).c2: unknown measure \"adult_one_dose_shares\""},
      {"epidemic_levels.json", "\"at_least\": 0.75", "\"at_least\": 75",
       "c2.fully_vaccinated_share.at_least: must be from 0 to 1"},
      {"surveillance_targets.json", "\"deaths_per_100k_per_week_alert\": 1.0",
       "\"deaths_per_100k_per_week\": 1.0",
       "surveillance targets: versions[0] (38-NQ-CP-2022).T7: unknown key "
       "\"deaths_per_100k_per_week\""},
      {"cases.json", "\"format\"", "\"formatt\"", "case rules: file: unknown key \"formatt\""},
      {"home_care.json", "{", "[", "home care rules: file: not valid JSON"},
  };
  for (const Slip& slip : slips) {
    SCOPED_TRACE(std::string(slip.file) + ": " + slip.to);
    std::string text = read(slip.file);
    const size_t at = text.find(slip.from);
    ASSERT_NE(at, std::string::npos) << slip.from;
    text.replace(at, std::string(slip.from).size(), slip.to);
    std::string error = "(no error)";
    try {
      parsers().at(slip.file)(text);
    } catch (const std::invalid_argument& e) {
      error = e.what();
    }
    EXPECT_NE(error.find(slip.message), std::string::npos) << error;
  }
}

TEST(RuleFiles, AMissingFileIsNamed) {
  try {
    load_case_rules("/nonexistent/cases.json");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()), "case rules: cannot read /nonexistent/cases.json");
  }
}

}  // namespace
}  // namespace phongdich
