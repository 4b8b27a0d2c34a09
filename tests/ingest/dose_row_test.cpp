// doses.csv rows (docs/import-format.md): each bad input kind gives its violation.
#include "ingest/dose_row.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ingest/area_files.hpp"

namespace phongdich {
namespace {

const AreaForest& areas() {
  static const AreaForest loaded = load_area_forest(PHONGDICH_DATA_DIR);
  return loaded;
}

const Date kToday = *Date::parse_iso("2022-06-01");

bool is_known_product(std::string_view code) {
  static const std::set<std::string, std::less<>> catalogue = {"AZ",        "SPUTNIK_V", "PFIZER",
                                                               "VERO_CELL", "HAYAT_VAX", "MODERNA",
                                                               "ABDALA",    "JANSSEN",   "COVAXIN"};
  return catalogue.contains(code);
}

const std::vector<std::string> kHeader = {"person_ref", "dose_date", "product", "site_commune_code",
                                          "lot"};

const std::map<std::string, std::string> kValid = {
    {"person_ref", "P-0001"},       {"dose_date", "2021-09-30"}, {"product", "AZ"},
    {"site_commune_code", "27208"}, {"lot", "NJ0342"},
};

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
  return {texts.begin(), texts.end()};
}

std::variant<ParsedDose, Violations> parse(const std::map<std::string, std::string>& changes) {
  const DoseRowParser parser(views(kHeader), areas(), "vn2022", kToday, is_known_product);
  EXPECT_TRUE(parser.header_violations().empty());
  std::vector<std::string> row;
  for (const std::string& column : kHeader) {
    const auto changed = changes.find(column);
    row.push_back(changed != changes.end() ? changed->second : kValid.at(column));
  }
  return parser.parse(views(row));
}

std::vector<std::string> codes_of(const std::variant<ParsedDose, Violations>& result) {
  std::vector<std::string> codes;
  if (const auto* violations = std::get_if<Violations>(&result)) {
    for (const Violation& v : *violations) {
      codes.push_back(v.code);
      // Every field-level violation names its column; only a malformed row has none.
      EXPECT_TRUE(v.code.starts_with("csv.") || !v.field.empty()) << v.code;
      EXPECT_FALSE(v.message_vi.empty()) << v.code;
      EXPECT_FALSE(v.message_en.empty()) << v.code;
    }
  }
  return codes;
}

TEST(DoseRowTest, AValidRowBecomesADose) {
  const auto result = parse({});
  ASSERT_TRUE(std::holds_alternative<ParsedDose>(result));
  const ParsedDose& parsed = std::get<ParsedDose>(result);
  EXPECT_EQ(parsed.person_ref, "P-0001");
  EXPECT_EQ(parsed.dose.person_id, 0);
  EXPECT_EQ(parsed.dose.date.iso(), "2021-09-30");
  EXPECT_EQ(parsed.dose.product, "AZ");
  EXPECT_TRUE(parsed.site_given);
  EXPECT_EQ(parsed.dose.site_area_id, areas().find_code("vn2022", "27208")->id);
  EXPECT_EQ(parsed.dose.lot, "NJ0342");
}

TEST(DoseRowTest, AcceptedVariants) {
  const auto lower = parse({{"product", "pfizer"}});
  ASSERT_TRUE(std::holds_alternative<ParsedDose>(lower));
  EXPECT_EQ(std::get<ParsedDose>(lower).dose.product, "PFIZER");

  const auto no_site = parse({{"site_commune_code", ""}, {"lot", ""}});
  ASSERT_TRUE(std::holds_alternative<ParsedDose>(no_site));
  EXPECT_FALSE(std::get<ParsedDose>(no_site).site_given);
  EXPECT_EQ(std::get<ParsedDose>(no_site).dose.site_area_id, 0);

  EXPECT_TRUE(std::holds_alternative<ParsedDose>(parse({{"dose_date", "2022-06-01"}})))
      << "a dose given today";
}

TEST(DoseRowTest, EachBadInputKindIsReported) {
  struct Row {
    std::string why;
    std::map<std::string, std::string> changes;
    std::vector<std::string> codes;
  };
  const Row rows[] = {
      {"no person_ref", {{"person_ref", ""}}, {"dose.person_ref.missing"}},
      {"person_ref over 64 characters",
       {{"person_ref", std::string(65, 'P')}},
       {"dose.person_ref.too_long"}},
      {"no dose date", {{"dose_date", ""}}, {"dose.dose_date.missing"}},
      {"month 13", {{"dose_date", "2021-13-01"}}, {"dose.dose_date.invalid"}},
      {"day-first date", {{"dose_date", "30/09/2021"}}, {"dose.dose_date.invalid"}},
      {"dose tomorrow", {{"dose_date", "2022-06-02"}}, {"dose.dose_date.future"}},
      {"no product", {{"product", ""}}, {"dose.product.missing"}},
      {"product not in the catalogue", {{"product", "SINOVAC"}}, {"dose.product.unknown"}},
      {"product by brand name", {{"product", "Comirnaty"}}, {"dose.product.unknown"}},
      {"unknown site", {{"site_commune_code", "99999"}}, {"dose.site_commune.unknown"}},
      {"site is a district", {{"site_commune_code", "772"}}, {"dose.site_commune.not_commune"}},
      {"lot over 64 characters", {{"lot", std::string(65, 'L')}}, {"dose.lot.too_long"}},
      {"every bad field at once",
       {{"person_ref", ""}, {"dose_date", "soon"}, {"product", "X"}, {"site_commune_code", "1"}},
       {"dose.person_ref.missing", "dose.dose_date.invalid", "dose.product.unknown",
        "dose.site_commune.unknown"}},
  };
  for (const Row& row : rows) EXPECT_EQ(codes_of(parse(row.changes)), row.codes) << row.why;
}

TEST(DoseRowTest, BadHeaders) {
  const std::vector<std::string> unknown = {"person_ref", "dose_date", "product", "vaccinator"};
  const DoseRowParser with_unknown(views(unknown), areas(), "vn2022", kToday, is_known_product);
  ASSERT_EQ(with_unknown.header_violations().size(), 1u);
  EXPECT_EQ(with_unknown.header_violations()[0].code, "csv.unknown_column");
  EXPECT_EQ(with_unknown.header_violations()[0].field, "vaccinator");

  const std::vector<std::string> missing = {"person_ref", "site_commune_code"};
  const DoseRowParser with_missing(views(missing), areas(), "vn2022", kToday, is_known_product);
  std::vector<std::string> codes;
  for (const Violation& v : with_missing.header_violations())
    codes.push_back(v.code + ":" + v.field);
  EXPECT_EQ(codes, (std::vector<std::string>{"csv.missing_column:dose_date",
                                             "csv.missing_column:product"}));
}

TEST(DoseRowTest, ARowWithTheWrongNumberOfFields) {
  const DoseRowParser parser(views(kHeader), areas(), "vn2022", kToday, is_known_product);
  const std::vector<std::string> row = {"P1", "2021-09-30", "AZ", "27208", "L1", "extra"};
  EXPECT_EQ(codes_of(parser.parse(views(row))), std::vector<std::string>{"csv.column_count"});
}

}  // namespace
}  // namespace phongdich
