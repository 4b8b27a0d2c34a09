// The 12-digit citizen ID against sex and birth year (Circular 07/2016/TT-BCA art. 7).
#include "domain/citizen_id.hpp"

#include <gtest/gtest.h>

#include <string>

namespace phongdich {
namespace {

constexpr Sex M = Sex::male;
constexpr Sex F = Sex::female;

struct Row {
  std::string_view id;
  Sex sex;
  std::string_view birth_date;
  std::string_view expected;  // violation code, "" when the ID agrees
  std::string_view why;
};

// id = province (3) + century/sex (1) + birth year (2) + random (6)
const Row kRows[] = {
    {"079090001234", M, "1990-05-01", "", "HCMC, man born 1990"},
    {"001195012345", F, "1995-12-31", "", "Hà Nội, woman born 1995"},
    {"031203000001", M, "2003-01-01", "", "Hải Phòng, boy born 2003"},
    {"048306123456", F, "2006-07-15", "", "Đà Nẵng, girl born 2006"},
    {"001000000000", M, "1900-01-01", "", "first year of the 1900s"},
    {"096099999999", M, "1999-06-01", "", "province 096 is the last accepted"},
    {"001405123456", M, "2105-03-03", "", "2100s: 4 = male"},
    {"001505123456", F, "2105-03-03", "", "2100s: 5 = female"},
    {"079090001234", F, "1990-05-01", "citizen_id.sex_century", "digit 4 says male"},
    {"079190001234", M, "1990-05-01", "citizen_id.sex_century", "digit 4 says female"},
    {"079290001234", M, "1990-05-01", "citizen_id.sex_century", "digit 4 says born in 2000s"},
    {"079003001234", M, "2003-05-01", "citizen_id.sex_century", "born 2003 needs 2, not 0"},
    {"001099000001", M, "1899-12-31", "citizen_id.sex_century", "no code for the 1800s"},
    {"079091001234", M, "1990-05-01", "citizen_id.birth_year", "year digits 91 for 1990"},
    {"079209001234", M, "2003-05-01", "citizen_id.birth_year", "year digits 09 for 2003"},
    {"000090001234", M, "1990-05-01", "citizen_id.province", "province 000 does not exist"},
    {"097090001234", M, "1990-05-01", "citizen_id.province", "province above 096"},
    {"999090001234", M, "1990-05-01", "citizen_id.province", "province 999"},
    {"07909000123", M, "1990-05-01", "citizen_id.format", "11 digits"},
    {"0790900012345", M, "1990-05-01", "citizen_id.format", "13 digits"},
    {"07909000123a", M, "1990-05-01", "citizen_id.format", "a letter"},
    {" 79090001234", M, "1990-05-01", "citizen_id.format", "a space"},
    {"079 090 0012", M, "1990-05-01", "citizen_id.format", "grouped with spaces"},
    {"", M, "1990-05-01", "citizen_id.format", "empty"},
    {"123456789", M, "1990-05-01", "citizen_id.format", "old 9-digit CMND"},
    {"\xEF\xBC\x90"
     "79090001234",
     M, "1990-05-01", "citizen_id.format", "full-width digit"},
};

TEST(CitizenIdTest, AgreesWithSexAndBirthYear) {
  for (const Row& row : kRows) {
    const Date birth = *Date::parse_iso(row.birth_date);
    const auto violation = check_citizen_id(row.id, row.sex, birth);
    if (row.expected.empty()) {
      EXPECT_FALSE(violation.has_value())
          << row.why << ": " << row.id << " got " << (violation ? violation->code : "");
    } else {
      ASSERT_TRUE(violation.has_value()) << row.why << ": " << row.id;
      EXPECT_EQ(violation->code, row.expected) << row.why << ": " << row.id;
    }
  }
}

TEST(CitizenIdTest, ViolationsNameTheFieldAndExplainInBothLanguages) {
  for (const Row& row : kRows) {
    if (row.expected.empty()) continue;
    const auto violation = check_citizen_id(row.id, row.sex, *Date::parse_iso(row.birth_date));
    ASSERT_TRUE(violation.has_value());
    EXPECT_EQ(violation->field, "citizen_id");
    EXPECT_NE(violation->rule.find("07/2016"), std::string::npos) << violation->rule;
    EXPECT_NE(violation->message_vi.find("định danh"), std::string::npos) << violation->message_vi;
    EXPECT_NE(violation->message_en.find("citizen ID"), std::string::npos);
  }
}

TEST(CitizenIdTest, LooksLikeCitizenIdChecksTheFormatOnly) {
  EXPECT_TRUE(looks_like_citizen_id("079090001234"));
  EXPECT_TRUE(looks_like_citizen_id("999999999999"));  // format only: province not checked
  EXPECT_FALSE(looks_like_citizen_id("07909000123"));
  EXPECT_FALSE(looks_like_citizen_id("0790900012345"));
  EXPECT_FALSE(looks_like_citizen_id("07909000123x"));
  EXPECT_FALSE(looks_like_citizen_id(""));
}

}  // namespace
}  // namespace phongdich
