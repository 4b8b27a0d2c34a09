// The coverage target file: the shipped one parses into T1-T6, a malformed one
// is rejected with a message naming the problem, and the version in force for
// an area on a date is the latest one of the nearest area that has one.
#include "rules/targets_json.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace phongdich {
namespace {

const std::string kShippedFile = std::string(PHONGDICH_DATA_DIR) + "/rules/targets.json";

Date d(const char* iso) { return *Date::parse_iso(iso); }

TEST(TargetsJsonTest, ShippedFileHasTheSixTargets) {
  const TargetRulesFile file = load_target_rules(kShippedFile);
  EXPECT_EQ(file.due_lists.overdue_after_days, 30);
  ASSERT_EQ(file.targets.versions().size(), 1u);
  const TargetVersion& v = file.targets.versions()[0];
  EXPECT_EQ(v.id, "38-NQ-CP-2022");
  EXPECT_EQ(v.effective_from, d("2022-03-17"));
  EXPECT_FALSE(v.area_code.has_value());

  struct Row {
    const char* id;
    TargetPopulation population;
    VaccinationStatus at_least;
    double threshold;
    const char* deadline;  // "" when none
  };
  const Row rows[] = {
      {"T1", TargetPopulation::age50_plus_and_high_risk, VaccinationStatus::additional, 0.90, ""},
      {"T2", TargetPopulation::age18_49, VaccinationStatus::additional, 0.75, ""},
      {"T3", TargetPopulation::age12_17, VaccinationStatus::primary_complete, 0.75, ""},
      {"T4", TargetPopulation::age5_11, VaccinationStatus::primary_complete, 1.0, "2022-09-01"},
      {"T5", TargetPopulation::age18_plus, VaccinationStatus::additional, 0.90, ""},
      {"T6", TargetPopulation::everyone, VaccinationStatus::none, 0.95, ""},
  };
  ASSERT_EQ(v.targets.size(), std::size(rows));
  for (size_t i = 0; i < std::size(rows); ++i) {
    const Row& want = rows[i];
    const Target& got = v.targets[i];
    SCOPED_TRACE(want.id);
    EXPECT_EQ(got.id, want.id);
    EXPECT_EQ(got.population, want.population);
    EXPECT_EQ(got.at_least, want.at_least);
    EXPECT_DOUBLE_EQ(got.threshold, want.threshold);
    if (*want.deadline) {
      ASSERT_TRUE(got.deadline.has_value());
      EXPECT_EQ(*got.deadline, d(want.deadline));
    } else {
      EXPECT_FALSE(got.deadline.has_value());
    }
    EXPECT_FALSE(got.description_vi.empty());
    EXPECT_FALSE(got.description_en.empty());
    EXPECT_FALSE(got.source.empty());
  }
  // The shipped version applies nationally from its date, not before.
  EXPECT_EQ(file.targets.in_force(d("2022-03-16"), {}), nullptr);
  EXPECT_EQ(file.targets.in_force(d("2022-03-17"), {{"vn2022", "79"}}), &v);
}

TEST(TargetsJsonTest, MissingFileIsRejected) {
  EXPECT_THROW(load_target_rules(kShippedFile + ".missing"), std::invalid_argument);
}

// A minimal valid file with one target line that a row below may spoil.
std::string file_with(const std::string& target_fields,
                      const std::string& version_fields = R"("effective_from": "2022-03-17")") {
  return R"({"versions": [{"id": "v1", )" + version_fields + R"(, "targets": [{"id": "T9", )" +
         target_fields + "}]}]}";
}

const std::string kGoodTarget =
    R"("population": "age18_49", "at_least": "additional", "threshold": 0.75,
       "description_vi": "Người 18–49 tuổi", "description_en": "People aged 18-49")";

std::string error_of(const std::string& json) {
  try {
    parse_target_rules(json);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(TargetsJsonTest, MinimalFileParses) {
  const TargetRulesFile file = parse_target_rules(file_with(kGoodTarget));
  ASSERT_EQ(file.targets.versions().size(), 1u);
  ASSERT_EQ(file.targets.versions()[0].targets.size(), 1u);
  EXPECT_EQ(file.targets.versions()[0].targets[0].population, TargetPopulation::age18_49);
  // Without a due_lists section the default applies.
  EXPECT_EQ(file.due_lists.overdue_after_days, 30);
}

TEST(TargetsJsonTest, MalformedFilesAreRejectedNamingTheProblem) {
  struct Row {
    const char* what;
    std::string json;
    const char* message_part;
  };
  const std::string good = file_with(kGoodTarget);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  const Row rows[] = {
      {"not JSON", "{\"versions\": [", "not valid JSON"},
      {"plain text", "targets T1..T6", "not valid JSON"},
      {"no versions", R"({"due_lists": {"overdue_after_days": 30}})", "missing \"versions\""},
      {"versions not a list", R"({"versions": {"id": "v1"}})", "\"versions\" must be a list"},
      {"unknown population", replaced("age18_49", "adults"), "unknown population \"adults\""},
      {"unknown at_least status", replaced("\"additional\"", "\"fully_vaccinated\""),
       "unknown status in \"at_least\""},
      {"threshold above 1", replaced("0.75", "1.5"), "\"threshold\" must be a number from 0 to 1"},
      {"threshold below 0", replaced("0.75", "-0.1"), "\"threshold\""},
      {"threshold as text", replaced("0.75", "\"75%\""), "\"threshold\""},
      {"bad effective_from", replaced("2022-03-17", "17/03/2022"),
       "\"effective_from\" must be a date YYYY-MM-DD"},
      {"impossible effective_from", replaced("2022-03-17", "2022-02-30"), "\"effective_from\""},
      {"bad deadline", file_with(kGoodTarget + R"(, "deadline": "2022-9-1")"),
       "\"deadline\" must be a date YYYY-MM-DD"},
      {"missing description_vi", replaced(R"("description_vi": "Người 18–49 tuổi", )", ""),
       "missing \"description_vi\""},
      {"area_code without area_tree",
       file_with(kGoodTarget, R"("effective_from": "2022-03-17", "area_code": "79")"),
       "missing \"area_tree\""},
      {"negative overdue_after_days",
       R"({"due_lists": {"overdue_after_days": -1}, "versions": []})", "overdue_after_days"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    EXPECT_THROW(parse_target_rules(row.json), std::invalid_argument);
    EXPECT_NE(error_of(row.json).find(row.message_part), std::string::npos)
        << "message: " << error_of(row.json);
  }
  // The message says which target is wrong.
  EXPECT_NE(error_of(replaced("0.75", "1.5")).find("target T9"), std::string::npos);
}

TargetVersion version(const char* id, const char* from, const char* area = nullptr) {
  TargetVersion v;
  v.id = id;
  v.effective_from = d(from);
  if (area != nullptr) {
    v.area_tree = "vn2022";
    v.area_code = area;
  }
  return v;
}

TEST(TargetsJsonTest, InForcePicksLatestVersionOfNearestArea) {
  // Listed out of date order on purpose: the rules sort them.
  const TargetRules rules({
      version("national-2022", "2022-03-17"),
      version("national-2021", "2021-06-01"),
      version("hcm-2022", "2022-05-01", "79"),
      version("q11-2022", "2022-07-01", "772"),
      version("hcm-2023", "2023-01-01", "79"),
  });
  using Path = std::vector<std::pair<std::string, std::string>>;
  const Path phuong15 = {
      {"vn2022", "27208"}, {"vn2022", "772"}, {"vn2022", "79"}, {"vn2022", "VN"}};
  const Path hanoi = {{"vn2022", "00004"}, {"vn2022", "001"}, {"vn2022", "01"}, {"vn2022", "VN"}};
  const Path nowhere;
  const Path other_tree = {{"vn2025", "27226"}, {"vn2025", "79"}, {"vn2025", "VN"}};
  struct Row {
    const char* what;
    const char* date;
    const Path& area;
    const char* expected;  // nullptr: no targets in force
  };
  const Row rows[] = {
      {"before any version", "2021-05-31", hanoi, nullptr},
      {"first national version", "2021-06-01", hanoi, "national-2021"},
      {"day before the new national version", "2022-03-16", hanoi, "national-2021"},
      {"new national version", "2022-03-17", hanoi, "national-2022"},
      {"Hà Nội has none of its own", "2023-06-01", hanoi, "national-2022"},
      {"HCM before its own version", "2022-04-30", phuong15, "national-2022"},
      {"HCM's own version wins over national", "2022-05-01", phuong15, "hcm-2022"},
      {"district 11's own wins over HCM's", "2022-07-01", phuong15, "q11-2022"},
      {"district 11 keeps its own after HCM's newer one", "2023-06-01", phuong15, "q11-2022"},
      {"same code in another tree is another area", "2023-06-01", other_tree, "national-2022"},
      {"no area path: national", "2023-06-01", nowhere, "national-2022"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::string(row.what) + " on " + row.date);
    const TargetVersion* got = rules.in_force(d(row.date), row.area);
    if (row.expected == nullptr) {
      EXPECT_EQ(got, nullptr);
    } else {
      ASSERT_NE(got, nullptr);
      EXPECT_EQ(got->id, row.expected);
    }
  }
  // HCM province itself (not district 11) follows its newest version.
  const Path hcm = {{"vn2022", "79"}, {"vn2022", "VN"}};
  EXPECT_EQ(rules.in_force(d("2023-06-01"), hcm)->id, "hcm-2023");
}

TEST(TargetsJsonTest, AreaVersionFromTheFile) {
  const std::string json = R"({"versions": [
    {"id": "national", "effective_from": "2022-03-17", "targets": []},
    {"id": "hcm", "effective_from": "2022-04-01", "area_tree": "vn2022", "area_code": "79",
     "targets": []}]})";
  const TargetRulesFile file = parse_target_rules(json);
  const std::vector<std::pair<std::string, std::string>> hcm = {{"vn2022", "79"}, {"vn2022", "VN"}};
  EXPECT_EQ(file.targets.in_force(d("2022-03-31"), hcm)->id, "national");
  EXPECT_EQ(file.targets.in_force(d("2022-04-01"), hcm)->id, "hcm");
  EXPECT_EQ(file.targets.in_force(d("2022-04-01"), {{"vn2022", "01"}})->id, "national");
}

}  // namespace
}  // namespace phongdich
