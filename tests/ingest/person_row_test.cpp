// persons.csv rows (docs/import-format.md): each bad input kind gives its violation.
#include "ingest/person_row.hpp"

#include <gtest/gtest.h>

#include <map>
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

const std::vector<std::string> kHeader = {
    "person_ref",    "citizen_id",      "full_name",       "sex",
    "birth_date",    "commune_code",    "household_code",  "phone",
    "comorbidities", "pregnant",        "immunodeficient", "high_exposure",
    "other_risk",    "needs_home_visit"};

// A valid row; each table row below changes some of its fields.
const std::map<std::string, std::string> kValid = {
    {"person_ref", "P-0001"},
    {"citizen_id", "079090001234"},
    {"full_name", "Nguyễn Văn An"},
    {"sex", "M"},
    {"birth_date", "1990-05-01"},
    {"commune_code", "27208"},
    {"household_code", "HK-17"},
    {"phone", "0901234567"},
    {"comorbidities", "1;14"},
    {"pregnant", "0"},
    {"immunodeficient", "0"},
    {"high_exposure", "1"},
    {"other_risk", "0"},
    {"needs_home_visit", ""},
};

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
  return {texts.begin(), texts.end()};
}

std::vector<std::string> row_with(const std::map<std::string, std::string>& changes) {
  std::vector<std::string> row;
  for (const std::string& column : kHeader) {
    const auto changed = changes.find(column);
    row.push_back(changed != changes.end() ? changed->second : kValid.at(column));
  }
  return row;
}

std::variant<ParsedPerson, Violations> parse(const std::map<std::string, std::string>& changes) {
  const PersonRowParser parser(views(kHeader), areas(), "vn2022", kToday);
  EXPECT_TRUE(parser.header_violations().empty());
  const auto row = row_with(changes);
  return parser.parse(views(row));
}

std::vector<std::string> codes_of(const std::variant<ParsedPerson, Violations>& result) {
  std::vector<std::string> codes;
  if (const auto* violations = std::get_if<Violations>(&result)) {
    for (const Violation& v : *violations) {
      codes.push_back(v.code);
      EXPECT_FALSE(v.rule.empty()) << v.code;
      EXPECT_FALSE(v.message_vi.empty()) << v.code;
      EXPECT_FALSE(v.message_en.empty()) << v.code;
    }
  }
  return codes;
}

TEST(PersonRowTest, AValidRowBecomesAPerson) {
  const auto result = parse({});
  ASSERT_TRUE(std::holds_alternative<ParsedPerson>(result)) << codes_of(result).front();
  const ParsedPerson& parsed = std::get<ParsedPerson>(result);
  const Person& p = parsed.person.person;
  EXPECT_EQ(p.id, 0);
  EXPECT_EQ(parsed.person.external_ref, "P-0001");
  EXPECT_EQ(p.citizen_id, "079090001234");
  EXPECT_EQ(p.full_name, "Nguyễn Văn An");
  EXPECT_EQ(p.sex, Sex::male);
  EXPECT_EQ(p.birth_date.iso(), "1990-05-01");
  EXPECT_EQ(p.area_id, areas().find_code("vn2022", "27208")->id);
  EXPECT_EQ(parsed.household_code, "HK-17");
  EXPECT_EQ(p.phone, "0901234567");
  EXPECT_TRUE(p.has_comorbidity(1));
  EXPECT_TRUE(p.has_comorbidity(14));
  EXPECT_EQ(p.comorbidities.count(), 2u);
  EXPECT_TRUE(p.high_exposure);
  EXPECT_FALSE(p.pregnant || p.immunodeficient || p.other_risk || p.needs_home_visit);
}

TEST(PersonRowTest, AcceptedVariants) {
  struct Row {
    std::string why;
    std::map<std::string, std::string> changes;
  };
  const Row rows[] = {
      {"no citizen ID (children often have none)", {{"citizen_id", ""}}},
      {"sex written nam", {{"sex", "nam"}}},
      {"sex written Nữ, with a woman's ID",
       {{"sex", "Nữ"}, {"citizen_id", "079190001234"}, {"pregnant", "1"}}},
      {"name of exactly 200 characters", {{"full_name", std::string(400, 'a').substr(0, 200)}}},
      {"name of 200 Vietnamese letters (400 bytes)",
       {{"full_name",
         [] {
           std::string s;
           for (int i = 0; i < 200; ++i) s += "Ă";
           return s;
         }()}}},
      {"phone with +84", {{"phone", "+84901234567"}}},
      {"no phone", {{"phone", ""}}},
      {"comorbidities with spaces", {{"comorbidities", "1; 20"}}},
      {"blanks around values", {{"birth_date", " 1990-05-01 "}, {"commune_code", "27208 "}}},
      {"born on 1900-01-01", {{"birth_date", "1900-01-01"}, {"citizen_id", "079000001234"}}},
      {"born today", {{"birth_date", "2022-06-01"}, {"citizen_id", ""}}},
  };
  for (const Row& row : rows) {
    const auto result = parse(row.changes);
    EXPECT_TRUE(std::holds_alternative<ParsedPerson>(result))
        << row.why << ": " << ::testing::PrintToString(codes_of(result));
  }
}

TEST(PersonRowTest, EachBadInputKindIsReported) {
  struct Row {
    std::string why;
    std::map<std::string, std::string> changes;
    std::vector<std::string> codes;
  };
  const Row rows[] = {
      {"no person_ref", {{"person_ref", ""}}, {"person.person_ref.missing"}},
      {"person_ref over 64 characters",
       {{"person_ref", std::string(65, 'P')}},
       {"person.person_ref.too_long"}},
      {"no name", {{"full_name", "  "}}, {"person.full_name.missing"}},
      {"name over 200 characters",
       {{"full_name", std::string(201, 'a')}},
       {"person.full_name.too_long"}},
      {"no sex", {{"sex", ""}}, {"person.sex.missing"}},
      {"sex X", {{"sex", "X"}}, {"person.sex.invalid"}},
      {"no birth date", {{"birth_date", ""}}, {"person.birth_date.missing"}},
      {"30 February", {{"birth_date", "1990-02-30"}}, {"person.birth_date.invalid"}},
      {"day-first date", {{"birth_date", "01/05/1990"}}, {"person.birth_date.invalid"}},
      {"born tomorrow",
       {{"birth_date", "2022-06-02"}, {"citizen_id", ""}},
       {"person.birth_date.future"}},
      {"born before 1900",
       {{"birth_date", "1899-12-31"}, {"citizen_id", ""}},
       {"person.birth_date.too_early"}},
      {"no commune", {{"commune_code", ""}}, {"person.commune.missing"}},
      {"unknown commune", {{"commune_code", "99999"}}, {"person.commune.unknown"}},
      {"district code instead of commune",
       {{"commune_code", "772"}},
       {"person.commune.not_commune"}},
      {"province code instead of commune",
       {{"commune_code", "79"}},
       {"person.commune.not_commune"}},
      {"citizen ID of 9 digits", {{"citizen_id", "079090001"}}, {"citizen_id.format"}},
      {"citizen ID of a woman for a man",
       {{"citizen_id", "079190001234"}},
       {"citizen_id.sex_century"}},
      {"citizen ID of someone born 1991",
       {{"citizen_id", "079091001234"}},
       {"citizen_id.birth_year"}},
      {"citizen ID with province 097", {{"citizen_id", "097090001234"}}, {"citizen_id.province"}},
      {"phone too short", {{"phone", "12345"}}, {"person.phone.invalid"}},
      {"phone with dashes", {{"phone", "0901-234-567"}}, {"person.phone.invalid"}},
      {"comorbidity 21", {{"comorbidities", "21"}}, {"person.comorbidities.invalid"}},
      {"comorbidity 0", {{"comorbidities", "0"}}, {"person.comorbidities.invalid"}},
      {"empty comorbidity item", {{"comorbidities", "1;;2"}}, {"person.comorbidities.invalid"}},
      {"comorbidity by name", {{"comorbidities", "diabetes"}}, {"person.comorbidities.invalid"}},
      {"flag 2", {{"pregnant", "2"}}, {"person.pregnant.invalid"}},
      {"flag yes", {{"immunodeficient", "yes"}}, {"person.immunodeficient.invalid"}},
      {"flag x", {{"high_exposure", "x"}}, {"person.high_exposure.invalid"}},
      {"flag true", {{"other_risk", "true"}}, {"person.other_risk.invalid"}},
      {"flag -1", {{"needs_home_visit", "-1"}}, {"person.needs_home_visit.invalid"}},
      {"pregnant man", {{"pregnant", "1"}}, {"person.pregnant.not_female"}},
      {"ID format still checked when the birth date is bad",
       {{"birth_date", "1990-13-01"}, {"citizen_id", "12"}},
       {"person.birth_date.invalid", "citizen_id.format"}},
      {"every bad field at once",
       {{"person_ref", ""},
        {"full_name", ""},
        {"sex", "?"},
        {"birth_date", "x"},
        {"commune_code", "0"},
        {"citizen_id", "1"},
        {"phone", "1"},
        {"comorbidities", "99"},
        {"pregnant", "9"}},
       {"person.person_ref.missing", "person.full_name.missing", "person.sex.invalid",
        "person.birth_date.invalid", "person.commune.unknown", "citizen_id.format",
        "person.phone.invalid", "person.comorbidities.invalid", "person.pregnant.invalid"}},
  };
  for (const Row& row : rows) EXPECT_EQ(codes_of(parse(row.changes)), row.codes) << row.why;
}

TEST(PersonRowTest, ViolationsNameTheirField) {
  const auto result = parse({{"birth_date", "2030-01-01"}, {"phone", "x"}});
  const auto& violations = std::get<Violations>(result);
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "birth_date");
  EXPECT_NE(violations[0].message_vi.find("Ngày sinh"), std::string::npos);
  EXPECT_EQ(violations[1].field, "phone");
}

TEST(PersonRowTest, HeaderColumnsInAnyOrderWithOptionalOnesLeftOut) {
  const std::vector<std::string> header = {"birth_date", "sex", "full_name", "commune_code",
                                           "person_ref"};
  const PersonRowParser parser(views(header), areas(), "vn2022", kToday);
  EXPECT_TRUE(parser.header_violations().empty());
  const std::vector<std::string> row = {"2001-02-03", "F", "Trần Thị Bình", "27211", "X9"};
  const auto result = parser.parse(views(row));
  ASSERT_TRUE(std::holds_alternative<ParsedPerson>(result));
  const Person& p = std::get<ParsedPerson>(result).person.person;
  EXPECT_EQ(p.full_name, "Trần Thị Bình");
  EXPECT_EQ(p.sex, Sex::female);
  EXPECT_FALSE(p.citizen_id.has_value());
}

TEST(PersonRowTest, BadHeaders) {
  struct Row {
    std::string why;
    std::vector<std::string> header;
    std::vector<std::string> codes;
  };
  const Row rows[] = {
      {"unknown column",
       {"person_ref", "full_name", "sex", "birth_date", "commune_code", "email"},
       {"csv.unknown_column"}},
      {"missing required column",
       {"person_ref", "full_name", "sex", "commune_code"},
       {"csv.missing_column"}},
      {"duplicate column",
       {"person_ref", "full_name", "sex", "birth_date", "commune_code", "sex"},
       {"csv.duplicate_column"}},
  };
  for (const Row& row : rows) {
    const PersonRowParser parser(views(row.header), areas(), "vn2022", kToday);
    std::vector<std::string> codes;
    for (const Violation& v : parser.header_violations()) codes.push_back(v.code);
    EXPECT_EQ(codes, row.codes) << row.why;
    // Rows of a file with a bad header are not read.
    const std::vector<std::string> any(row.header.size(), "");
    EXPECT_TRUE(std::holds_alternative<Violations>(parser.parse(views(any)))) << row.why;
  }
}

TEST(PersonRowTest, ARowWithTheWrongNumberOfFields) {
  const PersonRowParser parser(views(kHeader), areas(), "vn2022", kToday);
  auto row = row_with({});
  row.pop_back();
  EXPECT_EQ(codes_of(parser.parse(views(row))), std::vector<std::string>{"csv.column_count"});
}

TEST(PersonRowTest, CommuneCodesAreReadInTheTreeOfTheImport) {
  // 27226 is a ward in both trees but a different area in each.
  const PersonRowParser parser(views(kHeader), areas(), "vn2025", kToday);
  const auto row = row_with({{"commune_code", "27226"}});
  const auto result = parser.parse(views(row));
  ASSERT_TRUE(std::holds_alternative<ParsedPerson>(result));
  EXPECT_EQ(std::get<ParsedPerson>(result).person.person.area_id,
            areas().find_code("vn2025", "27226")->id);
  const auto old_row = row_with({{"commune_code", "27208"}});  // a 2022 ward, gone in 2025
  EXPECT_EQ(codes_of(parser.parse(views(old_row))),
            std::vector<std::string>{"person.commune.unknown"});
}

}  // namespace
}  // namespace phongdich
