#include "ingest/dose_row.hpp"

#include <array>

#include "ingest/row_checks.hpp"

namespace phongdich {
namespace {

enum Column : size_t { kPersonRef, kDoseDate, kProduct, kSiteCommuneCode, kLot, kColumnCount };

constexpr std::array<CsvColumn, kColumnCount> kColumns{{
    {"person_ref", true},
    {"dose_date", true},
    {"product", true},
    {"site_commune_code", false},
    {"lot", false},
}};

constexpr size_t kMaxRefChars = 64;
constexpr size_t kMaxLotChars = 64;

constexpr FieldLabel kRefLabel{"person_ref", "Mã hồ sơ (person_ref)", "The person_ref"};
constexpr FieldLabel kDateLabel{"dose_date", "Ngày tiêm", "The dose date"};
constexpr FieldLabel kProductLabel{"product", "Loại vắc xin", "The vaccine product"};
constexpr FieldLabel kSiteLabel{"site_commune_code", "Mã xã/phường nơi tiêm",
                                "The commune code of the vaccination site"};
constexpr FieldLabel kLotLabel{"lot", "Số lô vắc xin", "The vaccine lot"};

// Catalogue codes are upper case; "Pfizer" in a spreadsheet means PFIZER.
std::string upper_ascii(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

}  // namespace

DoseRowParser::DoseRowParser(std::span<const std::string_view> header, const AreaForest& areas,
                             std::string tree, Date today,
                             std::function<bool(std::string_view)> is_known_product)
    : header_(header, kColumns),
      areas_(&areas),
      tree_(std::move(tree)),
      today_(today),
      is_known_product_(std::move(is_known_product)) {}

std::variant<ParsedDose, Violations> DoseRowParser::parse(
    std::span<const std::string_view> row) const {
  if (!header_.ok()) return header_.violations();
  if (auto width = header_.check_width(row)) return Violations{std::move(*width)};
  const auto value = [&](Column column) { return trim_blanks(header_.value(row, column)); };

  Violations violations;
  ParsedDose parsed;
  DoseRecord& dose = parsed.dose;

  if (check_required_text(value(kPersonRef), kMaxRefChars, "dose.person_ref", kRefLabel,
                          violations)) {
    parsed.person_ref = std::string(value(kPersonRef));
  }

  if (const auto date = check_past_date(value(kDoseDate), today_, std::nullopt, "dose.dose_date",
                                        kDateLabel, violations)) {
    dose.date = *date;
  }

  if (value(kProduct).empty()) {
    violations.push_back(missing_violation("dose.product", kProductLabel));
  } else if (std::string product = upper_ascii(value(kProduct)); is_known_product_(product)) {
    dose.product = std::move(product);
  } else {
    violations.push_back({"dose.product.unknown", "product", "vaccine catalogue (data/rules)",
                          "Loại vắc xin " + shown_value(value(kProduct)) +
                              " không có trong danh mục (ví dụ AZ, PFIZER, MODERNA, VERO_CELL).",
                          "The vaccine product " + shown_value(value(kProduct)) +
                              " is not in the catalogue (e.g. AZ, PFIZER, MODERNA, VERO_CELL)."});
  }

  if (const std::string_view site = value(kSiteCommuneCode); !site.empty()) {
    if (const auto area =
            check_commune(site, *areas_, tree_, "dose.site_commune", kSiteLabel, violations)) {
      dose.site_area_id = *area;
      parsed.site_given = true;
    }
  }

  if (const std::string_view lot = value(kLot);
      !lot.empty() && check_required_text(lot, kMaxLotChars, "dose.lot", kLotLabel, violations)) {
    dose.lot = std::string(lot);
  }

  if (!violations.empty()) return violations;
  return parsed;
}

}  // namespace phongdich
