// The JSON writer: what it writes must read back (with the JSON library) as the
// values written, escaped as the library escapes them.
#include "api/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "api/json_codec.hpp"

namespace phongdich::api {
namespace {

using Json = nlohmann::json;

std::string written_string(std::string_view text) {
  std::string out;
  JsonWriter(out).string(text);
  return out;
}

std::string library_string(std::string_view text) {
  return Json(std::string(text)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

struct StringRow {
  const char* what;
  std::string text;
};

class WrittenString : public ::testing::TestWithParam<StringRow> {};

TEST_P(WrittenString, IsEscapedAsTheLibraryEscapesIt) {
  EXPECT_EQ(written_string(GetParam().text), library_string(GetParam().text));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, WrittenString,
    ::testing::Values(StringRow{"plain", "Phường 15"}, StringRow{"empty", ""},
                      StringRow{"a quote", "Lê \"Út\" Hoa"}, StringRow{"a backslash", "a\\b"},
                      StringRow{"a new line and a tab", "dòng 1\ndòng 2\tcuối"},
                      StringRow{"backspace, form feed, return", "\b\f\r"},
                      StringRow{"other control characters", std::string("\x01\x1f\x00z", 4)},
                      StringRow{"delete passes", "\x7f"},
                      StringRow{"a slash passes", "vn2022:79/772"},
                      StringRow{"invalid UTF-8 is replaced", "ab\xff\xfe"},
                      StringRow{"a cut multi-byte character", "Nguy\xe1\xbb"},
                      StringRow{"an attack string", "'; DROP TABLE persons; --<script>"}),
    [](const ::testing::TestParamInfo<StringRow>& info) {
      std::string name;
      for (const char c : std::string(info.param.what))
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(JsonWriter, NestedValuesReadBackAsWritten) {
  std::string out;
  JsonWriter json(out);
  json.begin_object()
      .member("id", int64_t{42})
      .member("name", "Trần Thị Bích")
      .member("none", std::optional<std::string>())
      .member("phone", std::optional<std::string>("0903 123 456"))
      .member("household", std::optional<int64_t>(7))
      .member("no_household", std::optional<int64_t>())
      .member("yes", true)
      .member("no", false)
      .member("small", -1)
      .member("max", std::numeric_limits<int64_t>::max())
      .member("min", std::numeric_limits<int64_t>::min())
      .key("empty_list")
      .begin_array()
      .end_array()
      .key("empty_object")
      .begin_object()
      .end_object()
      .key("list")
      .begin_array()
      .number(1)
      .string("hai")
      .null()
      .begin_object()
      .member("k", "v")
      .end_object()
      .begin_array()
      .boolean(true)
      .end_array()
      .end_array()
      .end_object();

  const Json expected = {{"id", 42},
                         {"name", "Trần Thị Bích"},
                         {"none", nullptr},
                         {"phone", "0903 123 456"},
                         {"household", 7},
                         {"no_household", nullptr},
                         {"yes", true},
                         {"no", false},
                         {"small", -1},
                         {"max", std::numeric_limits<int64_t>::max()},
                         {"min", std::numeric_limits<int64_t>::min()},
                         {"empty_list", Json::array()},
                         {"empty_object", Json::object()},
                         {"list", {1, "hai", nullptr, {{"k", "v"}}, {true}}}};
  EXPECT_EQ(Json::parse(out), expected) << out;
}

TEST(JsonWriter, MembersKeepTheOrderWritten) {
  std::string out;
  JsonWriter(out).begin_object().member("b", 1).member("a", 2).end_object();
  EXPECT_EQ(out, R"({"b":1,"a":2})");
}

// The registry's shapes as docs/openapi.json names them, every field present
// (nulls included) and of its type.
class RegistryShapes : public ::testing::Test {
 protected:
  RegistryShapes()
      : areas_(
            {Area{79, "vn2022", "79", "Thành phố Hồ Chí Minh", AreaLevel::province, std::nullopt,
                  std::nullopt},
             Area{27208, "vn2022", "27208", "Phường 15", AreaLevel::commune, 79, std::nullopt}}) {}

  template <typename Write>
  static Json written(Write&& write) {
    std::string out;
    JsonWriter json(out);
    write(json);
    return Json::parse(out);
  }

  AreaForest areas_;
};

TEST_F(RegistryShapes, APersonWithEveryFieldSet) {
  StoredPerson stored;
  stored.external_ref = "Q11-000123";
  Person& p = stored.person;
  p.id = 123;
  p.citizen_id = "079185000123";
  p.full_name = "Nguyễn Thị Mai";
  p.sex = Sex::female;
  p.birth_date = *Date::parse_iso("1985-03-04");
  p.area_id = 27208;
  p.household_id = 55;
  p.phone = "0903123456";
  p.comorbidities.set(0);
  p.comorbidities.set(13);
  p.pregnant = true;
  p.needs_home_visit = true;
  const Json expected = {{"id", 123},
                         {"external_ref", "Q11-000123"},
                         {"citizen_id", "079185000123"},
                         {"full_name", "Nguyễn Thị Mai"},
                         {"sex", "female"},
                         {"birth_date", "1985-03-04"},
                         {"area", "vn2022:27208"},
                         {"household_id", 55},
                         {"phone", "0903123456"},
                         {"comorbidities", {1, 14}},
                         {"pregnant", true},
                         {"immunodeficient", false},
                         {"high_exposure", false},
                         {"other_risk", false},
                         {"needs_home_visit", true},
                         {"high_risk", p.high_risk()}};
  EXPECT_EQ(written([&](JsonWriter& json) { write_person(json, stored, areas_); }), expected);
}

TEST_F(RegistryShapes, APersonWithNothingOptionalSet) {
  StoredPerson stored;
  stored.person.id = 7;
  stored.person.full_name = "Bé Na";
  stored.person.birth_date = *Date::parse_iso("2016-06-01");
  stored.person.area_id = 27208;
  const Json person = written([&](JsonWriter& json) { write_person(json, stored, areas_); });
  EXPECT_TRUE(person.at("external_ref").is_null());
  EXPECT_TRUE(person.at("citizen_id").is_null());
  EXPECT_TRUE(person.at("household_id").is_null());
  EXPECT_TRUE(person.at("phone").is_null());
  EXPECT_EQ(person.at("comorbidities"), Json::array());
  EXPECT_EQ(person.at("sex"), "male");
}

TEST_F(RegistryShapes, AnOverriddenDoseCarriesItsOverride) {
  DoseRecord dose;
  dose.id = 9;
  dose.person_id = 123;
  dose.date = *Date::parse_iso("2022-09-21");
  dose.product = "PFIZER";
  dose.site_area_id = 27208;
  dose.lot = "FK1234";
  dose.kind = DoseKind::booster1;
  dose.number_in_series = 1;
  dose.source = "api";
  dose.overridden = true;
  dose.override_reason = "bác sĩ chỉ định";
  dose.override_by = "bs.lan";
  dose.override_rule = "dose.interval.too_short";
  const Json expected = {
      {"id", 9},
      {"person_id", 123},
      {"date", "2022-09-21"},
      {"product", "PFIZER"},
      {"site_area", "vn2022:27208"},
      {"lot", "FK1234"},
      {"kind", to_string(DoseKind::booster1)},
      {"number_in_series", 1},
      {"overridden", true},
      {"source", "api"},
      {"override",
       {{"reason", "bác sĩ chỉ định"}, {"by", "bs.lan"}, {"rule", "dose.interval.too_short"}}}};
  EXPECT_EQ(written([&](JsonWriter& json) { write_dose(json, dose, areas_); }), expected);
  dose.overridden = false;
  EXPECT_FALSE(
      written([&](JsonWriter& json) { write_dose(json, dose, areas_); }).contains("override"));
}

TEST_F(RegistryShapes, AStatusWithAndWithoutANextDose) {
  StatusAsOf status;
  status.status = VaccinationStatus::partial;
  status.doses_counted = 1;
  status.last_dose_date = *Date::parse_iso("2022-08-01");
  status.next_kind = DoseKind::primary;
  status.next_due = *Date::parse_iso("2022-08-22");
  status.next_products = {"PFIZER", "MODERNA"};
  const Date as_of = *Date::parse_iso("2022-09-30");
  const Json expected = {{"as_of", "2022-09-30"},
                         {"status", to_string(VaccinationStatus::partial)},
                         {"doses_counted", 1},
                         {"last_dose_date", "2022-08-01"},
                         {"next_kind", to_string(DoseKind::primary)},
                         {"next_due", "2022-08-22"},
                         {"next_products", {"PFIZER", "MODERNA"}}};
  EXPECT_EQ(written([&](JsonWriter& json) { write_status(json, status, as_of); }), expected);
  EXPECT_EQ(status_json(status, as_of), expected);

  const StatusAsOf none;
  const Json empty = written([&](JsonWriter& json) { write_status(json, none, as_of); });
  EXPECT_TRUE(empty.at("last_dose_date").is_null());
  EXPECT_TRUE(empty.at("next_kind").is_null());
  EXPECT_TRUE(empty.at("next_due").is_null());
  EXPECT_EQ(empty.at("next_products"), Json::array());
}

TEST_F(RegistryShapes, APageOfPersons) {
  StoredPerson one;
  one.person.id = 1;
  one.person.area_id = 27208;
  const Json page = Json::parse(persons_page({one, one}, areas_, 2, 4, 6));
  EXPECT_EQ(page.at("items").size(), 2u);
  EXPECT_EQ(page.at("limit"), 2);
  EXPECT_EQ(page.at("offset"), 4);
  EXPECT_EQ(page.at("next_offset"), 6);
  EXPECT_TRUE(
      Json::parse(persons_page({}, areas_, 50, 0, std::nullopt)).at("next_offset").is_null());
}

}  // namespace
}  // namespace phongdich::api
