#include "ingest/row_checks.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kFormatRule = "docs/import-format.md";

std::string code(std::string_view prefix, std::string_view what) {
  return std::string(prefix) + "." + std::string(what);
}

Violation violation(std::string_view prefix, std::string_view what, const FieldLabel& label,
                    std::string rule, std::string vi, std::string en) {
  return {code(prefix, what), std::string(label.field), std::move(rule), std::move(vi),
          std::move(en)};
}

}  // namespace

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

size_t utf8_length(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string shown_value(std::string_view value) {
  constexpr size_t kMaxShown = 40;
  if (value.size() <= kMaxShown) return "\"" + std::string(value) + "\"";
  size_t cut = kMaxShown;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + std::string(value.substr(0, cut)) + "…\"";
}

Violation missing_violation(std::string_view prefix, const FieldLabel& label) {
  return violation(prefix, "missing", label, std::string(kFormatRule) + ": required column",
                   std::string(label.vi) + " là bắt buộc nhưng đang để trống.",
                   std::string(label.en) + " is required but empty.");
}

bool check_required_text(std::string_view value, size_t max_chars, std::string_view prefix,
                         const FieldLabel& label, Violations& out) {
  if (value.empty()) {
    out.push_back(missing_violation(prefix, label));
    return false;
  }
  if (utf8_length(value) > max_chars) {
    const std::string limit = std::to_string(max_chars);
    out.push_back(violation(prefix, "too_long", label,
                            std::string(kFormatRule) + ": at most " + limit + " characters",
                            std::string(label.vi) + " dài quá " + limit + " ký tự.",
                            std::string(label.en) + " is longer than " + limit + " characters."));
    return false;
  }
  return true;
}

std::optional<Date> check_past_date(std::string_view value, Date today,
                                    std::optional<Date> earliest, std::string_view prefix,
                                    const FieldLabel& label, Violations& out) {
  if (value.empty()) {
    out.push_back(missing_violation(prefix, label));
    return std::nullopt;
  }
  const auto date = Date::parse_iso(value);
  if (!date) {
    out.push_back(violation(prefix, "invalid", label,
                            std::string(kFormatRule) + ": dates are ISO 8601 YYYY-MM-DD",
                            std::string(label.vi) + " " + shown_value(value) +
                                " không phải là ngày hợp lệ dạng YYYY-MM-DD (ví dụ 2021-09-30).",
                            std::string(label.en) + " " + shown_value(value) +
                                " is not a valid date in the form YYYY-MM-DD (e.g. 2021-09-30)."));
    return std::nullopt;
  }
  if (*date > today) {
    out.push_back(violation(
        prefix, "future", label, "a date cannot be in the future",
        std::string(label.vi) + " " + date->iso() + " ở sau ngày hôm nay (" + today.iso() + ").",
        std::string(label.en) + " " + date->iso() + " is after today (" + today.iso() + ")."));
    return std::nullopt;
  }
  if (earliest && *date < *earliest) {
    out.push_back(violation(
        prefix, "too_early", label, std::string(kFormatRule) + ": not before " + earliest->iso(),
        std::string(label.vi) + " " + date->iso() + " ở trước ngày " + earliest->iso() + ".",
        std::string(label.en) + " " + date->iso() + " is before " + earliest->iso() + "."));
    return std::nullopt;
  }
  return date;
}

std::optional<AreaId> check_commune(std::string_view code, const AreaForest& areas,
                                    std::string_view tree, std::string_view prefix,
                                    const FieldLabel& label, Violations& out) {
  const Area* area = areas.find_code(tree, code);
  const std::string rule =
      std::string(kFormatRule) + ": a commune code of the tree " + std::string(tree);
  if (area == nullptr) {
    out.push_back(violation(prefix, "unknown", label, rule,
                            std::string(label.vi) + " " + shown_value(code) +
                                " không có trong danh mục đơn vị hành chính " + std::string(tree) +
                                ".",
                            std::string(label.en) + " " + shown_value(code) +
                                " is not in the area list " + std::string(tree) + "."));
    return std::nullopt;
  }
  if (area->level != AreaLevel::commune) {
    out.push_back(violation(prefix, "not_commune", label, rule,
                            std::string(label.vi) + " " + shown_value(code) + " là mã của " +
                                area->name + ", không phải mã xã/phường/thị trấn.",
                            std::string(label.en) + " " + shown_value(code) + " is the code of " +
                                area->name + ", not of a commune or ward."));
    return std::nullopt;
  }
  return area->id;
}

bool check_flag(std::string_view value, std::string_view prefix, const FieldLabel& label,
                Violations& out) {
  if (value.empty() || value == "0") return false;
  if (value == "1") return true;
  out.push_back(
      violation(prefix, "invalid", label, std::string(kFormatRule) + ": flags are 0 or 1",
                std::string(label.vi) + " phải là 0 hoặc 1, không phải " + shown_value(value) + ".",
                std::string(label.en) + " must be 0 or 1, not " + shown_value(value) + "."));
  return false;
}

}  // namespace phongdich
