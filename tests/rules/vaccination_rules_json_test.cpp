// The shipped vaccination rule file parses into the versions the Ministry
// issued, and a malformed file is rejected with a message naming the bad key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "rules/vaccination_rules_json.hpp"

namespace phongdich {
namespace {

const std::string kShippedFile = std::string(PHONGDICH_DATA_DIR) + "/rules/vaccination.json";

Date d(const char* iso) { return *Date::parse_iso(iso); }

std::string read_shipped() {
  std::ifstream in(kShippedFile);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Replaces the first occurrence of `from` in the shipped text: a realistic
// slip of an official editing the file.
std::string shipped_with(const std::string& from, const std::string& to) {
  std::string text = read_shipped();
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

std::string error_of(const std::string& json) {
  try {
    parse_vaccination_rules(json);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(VaccinationRulesFile, ShippedFileHasTheWholeCatalogue) {
  const VaccinationRules rules = load_vaccination_rules(kShippedFile);
  for (const char* code : {"AZ", "SPUTNIK_V", "PFIZER", "VERO_CELL", "HAYAT_VAX", "MODERNA",
                           "ABDALA", "JANSSEN", "COVAXIN"}) {
    EXPECT_TRUE(rules.is_known_product(code)) << code;
  }
  EXPECT_EQ(rules.products().size(), 9u);
  EXPECT_FALSE(rules.is_known_product("SINOVAC"));
  EXPECT_EQ(rules.product("UNKNOWN"), nullptr);
}

struct ProductRow {
  const char* code;
  Platform platform;
  int primary_doses;
  int interval_min_days;  // as applied to a dose given on 2021-08-01
  const char* authorised_from;
};

TEST(VaccinationRulesFile, ProductsMatchDecision3588) {
  const VaccinationRules rules = load_vaccination_rules(kShippedFile);
  const ProductRow rows[] = {
      {"AZ", Platform::viral_vector, 2, 28, "2021-01-30"},
      {"SPUTNIK_V", Platform::viral_vector, 2, 21, "2021-03-23"},
      {"PFIZER", Platform::mrna, 2, 21, "2021-06-12"},
      {"VERO_CELL", Platform::inactivated, 2, 21, "2021-06-03"},
      {"HAYAT_VAX", Platform::inactivated, 2, 21, "2021-09-10"},
      {"MODERNA", Platform::mrna, 2, 28, "2021-06-29"},
      {"ABDALA", Platform::protein_subunit, 3, 14, "2021-09-17"},
      {"JANSSEN", Platform::viral_vector, 1, 0, "2021-07-15"},
      {"COVAXIN", Platform::inactivated, 2, 28, "2021-11-10"},
  };
  for (const ProductRow& row : rows) {
    SCOPED_TRACE(row.code);
    const Product* p = rules.product(row.code);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->platform, row.platform);
    EXPECT_EQ(p->primary_doses, row.primary_doses);
    EXPECT_EQ(p->primary_interval_min.after(d("2021-08-01")) - d("2021-08-01"),
              row.interval_min_days);
    EXPECT_EQ(p->authorised_from, d(row.authorised_from));
    EXPECT_FALSE(p->name_vi.empty());
    EXPECT_FALSE(p->name_en.empty());
  }
}

TEST(VaccinationRulesFile, VersionsAreInDateOrderAndEachHasASource) {
  const VaccinationRules rules = load_vaccination_rules(kShippedFile);
  ASSERT_GE(rules.versions().size(), 6u);
  for (size_t i = 0; i < rules.versions().size(); ++i) {
    const RuleVersion& v = rules.versions()[i];
    EXPECT_FALSE(v.id.empty());
    EXPECT_FALSE(v.source.empty()) << v.id;
    EXPECT_EQ(v.ages.size(), rules.products().size()) << v.id;
    if (i > 0) {
      EXPECT_LT(rules.versions()[i - 1].effective_from, v.effective_from) << v.id;
    }
  }
}

struct InForceRow {
  const char* date;
  const char* version;
};

TEST(VaccinationRulesFile, InForceIsTheLatestVersionStartedOnOrBeforeTheDate) {
  const VaccinationRules rules = load_vaccination_rules(kShippedFile);
  const InForceRow rows[] = {
      {"2021-03-08", "3588-2021"},  {"2021-10-26", "3588-2021"},
      {"2021-10-27", "12-17-2021"}, {"2021-11-30", "10225-2021"},
      {"2021-12-16", "10225-2021"}, {"2021-12-17", "10722-2021"},
      {"2022-02-28", "10722-2021"}, {"2022-03-01", "az-booster-2022-03"},
      {"2022-04-14", "5-11-2022"},  {"2022-06-17", "3181-2022"},
      {"2022-06-22", "3181-2022"},  {"2022-06-23", "3309-2022"},
      {"2023-12-31", "3309-2022"},
  };
  for (const InForceRow& row : rows) {
    EXPECT_EQ(rules.in_force(d(row.date)).id, row.version) << row.date;
  }
  EXPECT_FALSE(rules.covers(d("2021-03-07")));
  EXPECT_TRUE(rules.covers(d("2021-03-08")));
}

TEST(VaccinationRulesFile, LaterVersionsCarryOverWhatTheyDoNotChange) {
  const VaccinationRules rules = load_vaccination_rules(kShippedFile);
  const RuleVersion& v3588 = rules.in_force(d("2021-08-01"));
  EXPECT_FALSE(v3588.additional);
  EXPECT_FALSE(v3588.booster1);
  EXPECT_FALSE(v3588.booster2);

  const RuleVersion& v10225 = rules.in_force(d("2021-12-01"));
  ASSERT_TRUE(v10225.booster1);
  EXPECT_EQ(v10225.booster1->after_primary, (Interval{6, Interval::Unit::months}));
  EXPECT_EQ(v10225.booster1->source, "10225/BYT-DP");

  const RuleVersion& v10722 = rules.in_force(d("2022-01-01"));
  ASSERT_TRUE(v10722.booster1);
  EXPECT_EQ(v10722.booster1->after_primary, (Interval{3, Interval::Unit::months}));
  EXPECT_EQ(v10722.booster1->source, "10722/BYT-DP");
  ASSERT_TRUE(v10722.additional);
  EXPECT_EQ(v10722.additional->window_start, (Interval{28, Interval::Unit::days}));
  EXPECT_EQ(v10722.additional->window_end, (Interval{3, Interval::Unit::months}));

  // 3309 adds booster 2 and keeps the 3-month booster 1 and the 12-17 rule of 3181.
  const RuleVersion& v3309 = rules.in_force(d("2022-07-01"));
  ASSERT_TRUE(v3309.booster1 && v3309.booster2 && v3309.booster1->younger);
  EXPECT_EQ(v3309.booster1->after_primary, (Interval{3, Interval::Unit::months}));
  EXPECT_EQ(v3309.booster1->younger->after_primary, (Interval{5, Interval::Unit::months}));
  EXPECT_EQ(v3309.booster2->after_booster1, (Interval{4, Interval::Unit::months}));
  EXPECT_EQ(v3309.booster2->min_age_years, 50);
  // Abdala's 19-65 limits carry over from the first version.
  const ProductIndex abdala = *rules.index_of("ABDALA");
  EXPECT_EQ(v3309.ages[abdala].min_years, 19);
  EXPECT_EQ(v3309.ages[abdala].max_years, 65);
}

struct MalformedRow {
  const char* what;
  std::string json;
  const char* message_contains;
};

TEST(VaccinationRulesFile, MalformedFilesAreRejectedNamingTheKey) {
  const MalformedRow rows[] = {
      {"not JSON at all", "{ products: ", "not valid JSON"},
      {"wrong format tag", shipped_with("vaccination_rules/1", "vaccination_rules/9"), "format"},
      {"misspelt key",
       shipped_with("\"after_primary\": {\"months\": 3}", "\"after_primary\": {\"mounths\": 3}"),
       "versions[3] (10722-2021).booster1.after_primary: unknown key \"mounths\""},
      {"unknown product in a table",
       shipped_with("\"PFIZER\": [\"PFIZER\", \"MODERNA\", \"AZ\"]",
                    "\"PFIZER\": [\"PFIZER\", \"SINOVAC\", \"AZ\"]"),
       "unknown product \"SINOVAC\""},
      {"bad date", shipped_with("\"2021-12-17\"", "\"17/12/2021\""),
       "effective_from: must be a date YYYY-MM-DD"},
      {"versions out of order", shipped_with("\"2022-06-23\"", "\"2022-06-01\""),
       "versions[7] (3309-2022).effective_from: must be after the previous version's (2022-06-17)"},
      {"missing primary doses", shipped_with("\"primary_doses\": 3,", ""),
       "products[6]: missing key \"primary_doses\""},
      {"text where a number belongs",
       shipped_with("\"min_age_years\": 50", "\"min_age_years\": \"50\""),
       "booster2.min_age_years: must be an integer"},
      {"interval with two units", shipped_with("{\"months\": 4}", "{\"months\": 4, \"days\": 1}"),
       "after_booster1: must have exactly one of"},
      {"product missing from a booster table",
       shipped_with("\"COVAXIN\": [\"COVAXIN\", \"PFIZER\", \"MODERNA\"],\n            \"mixed\"",
                    "\"mixed\""),
       "missing key \"COVAXIN\""},
  };
  for (const MalformedRow& row : rows) {
    EXPECT_NE(error_of(row.json).find(row.message_contains), std::string::npos)
        << row.what << ": " << error_of(row.json);
  }
}

TEST(VaccinationRulesFile, MissingFileIsAClearError) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "phongdich-no-such-rules.json").string();
  try {
    load_vaccination_rules(path);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
}

}  // namespace
}  // namespace phongdich
