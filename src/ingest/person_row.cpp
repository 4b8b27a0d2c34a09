#include "ingest/person_row.hpp"

#include <array>

#include "domain/citizen_id.hpp"
#include "domain/text_fold.hpp"
#include "ingest/row_checks.hpp"

namespace phongdich {
namespace {

enum Column : size_t {
  kPersonRef,
  kCitizenId,
  kFullName,
  kSex,
  kBirthDate,
  kCommuneCode,
  kHouseholdCode,
  kPhone,
  kComorbidities,
  kPregnant,
  kImmunodeficient,
  kHighExposure,
  kOtherRisk,
  kNeedsHomeVisit,
  kColumnCount
};

constexpr std::array<CsvColumn, kColumnCount> kColumns{{
    {"person_ref", true},
    {"citizen_id", false},
    {"full_name", true},
    {"sex", true},
    {"birth_date", true},
    {"commune_code", true},
    {"household_code", false},
    {"phone", false},
    {"comorbidities", false},
    {"pregnant", false},
    {"immunodeficient", false},
    {"high_exposure", false},
    {"other_risk", false},
    {"needs_home_visit", false},
}};

constexpr size_t kMaxRefChars = 64;
constexpr size_t kMaxNameChars = 200;
constexpr std::string_view kFormatRule = "docs/import-format.md, persons.csv";
constexpr Date kEarliestBirth = Date::from_days(-25567);  // 1900-01-01

constexpr FieldLabel kRefLabel{"person_ref", "Mã hồ sơ (person_ref)", "The person_ref"};
constexpr FieldLabel kNameLabel{"full_name", "Họ và tên", "The full name"};
constexpr FieldLabel kSexLabel{"sex", "Giới tính", "The sex"};
constexpr FieldLabel kBirthLabel{"birth_date", "Ngày sinh", "The birth date"};
constexpr FieldLabel kCommuneLabel{"commune_code", "Mã xã/phường", "The commune code"};

Violation person_violation(std::string code, std::string field, std::string rule, std::string vi,
                           std::string en) {
  return {std::move(code), std::move(field), std::move(rule), std::move(vi), std::move(en)};
}

std::optional<Sex> parse_sex(std::string_view value) {
  const std::string folded = fold_vietnamese(value);  // "Nữ", "NỮ", "nữ" alike
  if (folded == "m" || folded == "nam") return Sex::male;
  if (folded == "f" || folded == "nu") return Sex::female;
  return std::nullopt;
}

// Digits with an optional leading '+', 9 to 15 digits.
bool is_phone_number(std::string_view value) {
  if (!value.empty() && value.front() == '+') value.remove_prefix(1);
  if (value.size() < 9 || value.size() > 15) return false;
  for (char c : value) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "1;14;20" -> items 1, 14 and 20 of the comorbidity list.
std::optional<Comorbidities> parse_comorbidities(std::string_view value) {
  Comorbidities items;
  while (true) {
    const size_t separator = value.find(';');
    const std::string_view item = trim_blanks(value.substr(0, separator));
    if (item.empty() || item.size() > 2) return std::nullopt;
    int number = 0;
    for (char c : item) {
      if (c < '0' || c > '9') return std::nullopt;
      number = number * 10 + (c - '0');
    }
    if (number < 1 || number > kComorbidityCount) return std::nullopt;
    items.set(static_cast<size_t>(number - 1));
    if (separator == std::string_view::npos) return items;
    value.remove_prefix(separator + 1);
  }
}

}  // namespace

PersonRowParser::PersonRowParser(std::span<const std::string_view> header, const AreaForest& areas,
                                 std::string tree, Date today)
    : header_(header, kColumns), areas_(&areas), tree_(std::move(tree)), today_(today) {}

std::variant<ParsedPerson, Violations> PersonRowParser::parse(
    std::span<const std::string_view> row) const {
  if (!header_.ok()) return header_.violations();
  if (auto width = header_.check_width(row)) return Violations{std::move(*width)};
  const auto value = [&](Column column) { return trim_blanks(header_.value(row, column)); };

  Violations violations;
  ParsedPerson parsed;
  Person& person = parsed.person.person;

  if (check_required_text(value(kPersonRef), kMaxRefChars, "person.person_ref", kRefLabel,
                          violations)) {
    parsed.person.external_ref = std::string(value(kPersonRef));
  }
  if (check_required_text(value(kFullName), kMaxNameChars, "person.full_name", kNameLabel,
                          violations)) {
    person.full_name = std::string(value(kFullName));
  }

  std::optional<Sex> sex;
  if (value(kSex).empty()) {
    violations.push_back(missing_violation("person.sex", kSexLabel));
  } else if (sex = parse_sex(value(kSex)); !sex) {
    violations.push_back(person_violation(
        "person.sex.invalid", "sex", std::string(kFormatRule) + ": sex is M or F (nam / nữ)",
        "Giới tính " + shown_value(value(kSex)) + " không hợp lệ; ghi M hoặc F (nam / nữ).",
        "The sex " + shown_value(value(kSex)) + " is not valid; write M or F (nam / nữ)."));
  }
  if (sex) person.sex = *sex;

  const auto birth = check_past_date(value(kBirthDate), today_, kEarliestBirth, "person.birth_date",
                                     kBirthLabel, violations);
  if (birth) person.birth_date = *birth;

  if (value(kCommuneCode).empty()) {
    violations.push_back(missing_violation("person.commune", kCommuneLabel));
  } else if (const auto commune = check_commune(value(kCommuneCode), *areas_, tree_,
                                                "person.commune", kCommuneLabel, violations)) {
    person.area_id = *commune;
  }

  // The citizen ID is optional (children often have none); when given it must
  // agree with sex and birth year, which can only be checked once those are valid.
  if (const std::string_view id = value(kCitizenId); !id.empty()) {
    std::optional<Violation> bad_id;
    if (sex && birth) {
      bad_id = check_citizen_id(id, *sex, *birth);
    } else if (!looks_like_citizen_id(id)) {
      bad_id = check_citizen_id(id, Sex::male, kEarliestBirth);  // reports the format
    }
    if (bad_id) {
      violations.push_back(std::move(*bad_id));
    } else {
      person.citizen_id = std::string(id);
    }
  }

  parsed.household_code = std::string(value(kHouseholdCode));

  if (const std::string_view phone = value(kPhone); !phone.empty()) {
    if (is_phone_number(phone)) {
      person.phone = std::string(phone);
    } else {
      violations.push_back(
          person_violation("person.phone.invalid", "phone",
                           std::string(kFormatRule) + ": phone = optional '+' and 9-15 digits",
                           "Số điện thoại " + shown_value(phone) +
                               " không hợp lệ: chỉ gồm 9–15 chữ số, có thể có dấu + ở đầu.",
                           "The phone number " + shown_value(phone) +
                               " is not valid: 9-15 digits, optionally after a leading +."));
    }
  }

  if (const std::string_view items = value(kComorbidities); !items.empty()) {
    if (const auto comorbidities = parse_comorbidities(items)) {
      person.comorbidities = *comorbidities;
    } else {
      violations.push_back(person_violation(
          "person.comorbidities.invalid", "comorbidities",
          "comorbidities are numbers 1-20 of annex 1 of 4038/QĐ-BYT, separated by ';'",
          "Bệnh nền " + shown_value(items) +
              " không hợp lệ: ghi các số từ 1 đến 20 (phụ lục 1, 4038/QĐ-BYT), cách nhau bởi dấu "
              ";.",
          "The comorbidities " + shown_value(items) +
              " are not valid: numbers 1 to 20 (annex 1 of 4038/QĐ-BYT) separated by ';'."));
    }
  }

  person.pregnant =
      check_flag(value(kPregnant), "person.pregnant",
                 {"pregnant", "Cờ mang thai (pregnant)", "The pregnant flag"}, violations);
  person.immunodeficient = check_flag(
      value(kImmunodeficient), "person.immunodeficient",
      {"immunodeficient", "Cờ suy giảm miễn dịch (immunodeficient)", "The immunodeficient flag"},
      violations);
  person.high_exposure = check_flag(
      value(kHighExposure), "person.high_exposure",
      {"high_exposure", "Cờ nguy cơ phơi nhiễm cao (high_exposure)", "The high_exposure flag"},
      violations);
  person.other_risk =
      check_flag(value(kOtherRisk), "person.other_risk",
                 {"other_risk", "Cờ nguy cơ khác (other_risk)", "The other_risk flag"}, violations);
  person.needs_home_visit = check_flag(
      value(kNeedsHomeVisit), "person.needs_home_visit",
      {"needs_home_visit", "Cờ cần tiêm tại nhà (needs_home_visit)", "The needs_home_visit flag"},
      violations);

  if (person.pregnant && sex == Sex::male) {
    violations.push_back(person_violation(
        "person.pregnant.not_female", "pregnant", "pregnant = 1 only when sex is F",
        "Chỉ người có giới tính nữ mới được ghi đang mang thai (pregnant = 1).",
        "Only a person of female sex can be recorded as pregnant (pregnant = 1)."));
  }

  if (!violations.empty()) return violations;
  return parsed;
}

}  // namespace phongdich
