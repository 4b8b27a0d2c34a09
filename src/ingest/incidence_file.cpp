#include "ingest/incidence_file.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <string_view>

#include "domain/date.hpp"
#include "ingest/csv_header.hpp"
#include "ingest/csv_reader.hpp"
#include "ingest/row_checks.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kRule = "docs/rt.md: incidence file";

enum Column : size_t { kI, kIncidence, kLocal, kImported, kDates, kDate, kDay, kColumnCount };

// Every column is optional to CsvHeader; which combinations make a file is
// checked after it (check_columns).
constexpr std::array<CsvColumn, kColumnCount> kColumns{{
    {"i", false},
    {"incidence", false},
    {"local", false},
    {"imported", false},
    {"dates", false},
    {"date", false},
    {"day", false},
}};

// More cases than this in a day is a typing error, and keeps sums far from overflow.
constexpr int64_t kMaxDailyCases = 1'000'000'000'000;

std::string lower_ascii(std::string_view text) {
  std::string lower(trim_blanks(text));
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

std::optional<int64_t> parse_whole_number(std::string_view text, bool allow_negative) {
  if (text.empty() || (!allow_negative && text[0] == '-')) return std::nullopt;
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Violation bad_value(std::string_view field, std::string vi, std::string en) {
  return {"rt.incidence." + std::string(field) + ".invalid", std::string(field), std::string(kRule),
          std::move(vi), std::move(en)};
}

// Which count and label columns the header chose, once it is known to make sense.
struct Layout {
  size_t count_column = kI;  // kI or kIncidence when the file has no split
  bool split = false;        // local and imported columns
  std::optional<size_t> date_column;
  bool has_day = false;
};

std::variant<Layout, Violations> check_columns(const CsvHeader& header,
                                               std::span<const std::string_view> names) {
  Violations violations = header.violations();
  const auto has = [&](Column column) {
    for (std::string_view name : names) {
      if (name == kColumns[column].name) return true;
    }
    return false;
  };
  Layout layout;
  const int single = static_cast<int>(has(kI)) + static_cast<int>(has(kIncidence));
  const int split = static_cast<int>(has(kLocal)) + static_cast<int>(has(kImported));
  if (single + split == 0) {
    violations.push_back({"csv.missing_column", "I", std::string(kRule),
                          "Thiếu cột số ca: \"I\" (hoặc \"incidence\"), hoặc hai cột \"local\" và "
                          "\"imported\".",
                          "The count column is missing: \"I\" (or \"incidence\"), or the two "
                          "columns \"local\" and \"imported\"."});
  } else if (single > 1 || (single == 1 && split > 0)) {
    violations.push_back({"rt.incidence.columns", "I", std::string(kRule),
                          "Tệp chỉ được có một cách ghi số ca: cột \"I\", cột \"incidence\", hoặc "
                          "hai cột \"local\" và \"imported\".",
                          "The file must give counts one way only: an \"I\" column, an "
                          "\"incidence\" column, or the two columns \"local\" and \"imported\"."});
  } else if (split == 1) {
    const std::string missing = has(kLocal) ? "imported" : "local";
    violations.push_back(
        {"csv.missing_column", missing, std::string(kRule),
         "Có một trong hai cột \"local\"/\"imported\" nhưng thiếu cột \"" + missing + "\".",
         "One of the columns \"local\"/\"imported\" is there but \"" + missing + "\" is missing."});
  }
  if (has(kDates) && has(kDate))
    violations.push_back({"rt.incidence.columns", "dates", std::string(kRule),
                          "Chỉ được có một cột ngày: \"dates\" hoặc \"date\".",
                          "Only one date column is allowed: \"dates\" or \"date\"."});
  if (!violations.empty()) return violations;
  layout.split = split == 2;
  layout.count_column = has(kIncidence) ? kIncidence : kI;
  if (has(kDates)) layout.date_column = kDates;
  if (has(kDate)) layout.date_column = kDate;
  layout.has_day = has(kDay);
  return layout;
}

// Reads the rows one at a time, keeping what is needed to check that labels
// follow one another.
class IncidenceRows {
 public:
  IncidenceRows(const CsvHeader& header, const Layout& layout) : header_(header), layout_(layout) {}

  void add(std::span<const std::string_view> row, Violations& out) {
    if (auto width = header_.check_width(row)) {
      out.push_back(std::move(*width));
      return;
    }
    const auto value = [&](size_t column) { return trim_blanks(header_.value(row, column)); };
    std::string label = std::to_string(table_.days() + 1);
    bool row_ok = true;
    if (layout_.date_column) {
      const std::string_view field = kColumns[*layout_.date_column].name;
      if (auto date = check_date(value(*layout_.date_column), field, out)) {
        label = std::move(*date);
      } else {
        row_ok = false;
      }
    }
    if (layout_.has_day) {
      if (auto day = check_sequence(value(kDay), "day", previous_day_, out)) {
        if (!layout_.date_column) label = std::to_string(*day);
      } else {
        row_ok = false;
      }
    }
    const auto local = check_count(value(layout_.split ? size_t{kLocal} : layout_.count_column),
                                   layout_.split ? "local" : "I", out);
    std::optional<int64_t> imported = 0;
    if (layout_.split) imported = check_count(value(kImported), "imported", out);
    if (!row_ok || !local || !imported) return;
    table_.labels.push_back(std::move(label));
    table_.local.push_back(*local);
    if (layout_.split) table_.imported.push_back(*imported);
  }

  IncidenceTable take() {
    table_.has_dates = layout_.date_column.has_value();
    return std::move(table_);
  }

 private:
  std::optional<int64_t> check_count(std::string_view text, std::string_view field,
                                     Violations& out) const {
    const auto count = parse_whole_number(text, /*allow_negative=*/false);
    if (count && *count <= kMaxDailyCases) return count;
    const std::string shown = shown_value(text);
    const bool negative = !text.empty() && text[0] == '-';
    out.push_back(bad_value(
        field,
        "Số ca " + shown + " ở cột \"" + std::string(field) +
            (negative ? "\" không được âm." : "\" phải là số nguyên không âm."),
        "The count " + shown + " in column \"" + std::string(field) +
            (negative ? "\" cannot be negative." : "\" must be a whole number, 0 or more.")));
    return std::nullopt;
  }

  // A whole number one more than the row before's (the first may be anything).
  std::optional<int64_t> check_sequence(std::string_view text, std::string_view field,
                                        std::optional<int64_t>& previous, Violations& out) const {
    const auto number = parse_whole_number(text, /*allow_negative=*/true);
    const std::string shown = shown_value(text);
    if (!number) {
      out.push_back(bad_value(
          field,
          "Giá trị " + shown + " ở cột \"" + std::string(field) + "\" không phải là số nguyên.",
          "The value " + shown + " in column \"" + std::string(field) +
              "\" is not a whole number."));
      return std::nullopt;
    }
    if (previous && *number != *previous + 1) {
      out.push_back(not_consecutive(field, shown, std::to_string(*previous + 1)));
      previous = number;
      return std::nullopt;
    }
    previous = number;
    return number;
  }

  // An ISO date, or a day number, each one day after the previous row's.
  std::optional<std::string> check_date(std::string_view text, std::string_view field,
                                        Violations& out) {
    if (const auto date = Date::parse_iso(text)) {
      if (numbered_dates_ == true) {
        out.push_back(mixed_dates(field));
        return std::nullopt;
      }
      numbered_dates_ = false;
      if (previous_date_ && *date != previous_date_->plus_days(1)) {
        out.push_back(
            not_consecutive(field, shown_value(text), previous_date_->plus_days(1).iso()));
        previous_date_ = date;
        return std::nullopt;
      }
      previous_date_ = date;
      return date->iso();
    }
    if (parse_whole_number(text, /*allow_negative=*/true)) {
      if (numbered_dates_ == false) {
        out.push_back(mixed_dates(field));
        return std::nullopt;
      }
      numbered_dates_ = true;
      if (auto number = check_sequence(text, field, previous_date_number_, out))
        return std::to_string(*number);
      return std::nullopt;
    }
    out.push_back(bad_value(field,
                            "Ngày " + shown_value(text) +
                                " không hợp lệ: cần ngày dạng YYYY-MM-DD hoặc số thứ tự ngày.",
                            "The date " + shown_value(text) +
                                " is not valid: a YYYY-MM-DD date or a day number is expected."));
    return std::nullopt;
  }

  static Violation not_consecutive(std::string_view field, const std::string& shown,
                                   const std::string& expected) {
    return {"rt.incidence." + std::string(field) + ".not_consecutive", std::string(field),
            std::string(kRule) + ": one row per day, in order, none missing",
            "Giá trị " + shown + " ở cột \"" + std::string(field) +
                "\" không liền sau dòng trước (cần " + expected +
                "): mỗi ngày một dòng, theo "
                "thứ tự, không thiếu ngày nào.",
            "The value " + shown + " in column \"" + std::string(field) +
                "\" does not follow the row before (expected " + expected +
                "): one row per day, in order, none missing."};
  }

  static Violation mixed_dates(std::string_view field) {
    return bad_value(field, "Cột ngày trộn lẫn ngày YYYY-MM-DD và số thứ tự ngày.",
                     "The date column mixes YYYY-MM-DD dates and day numbers.");
  }

  const CsvHeader& header_;
  Layout layout_;
  IncidenceTable table_;
  std::optional<Date> previous_date_;
  std::optional<int64_t> previous_date_number_;
  std::optional<int64_t> previous_day_;
  std::optional<bool> numbered_dates_;
};

}  // namespace

std::variant<IncidenceTable, LineViolations> read_incidence_csv(std::istream& in,
                                                                size_t max_violations) {
  CsvReader reader(in);
  CsvRecord record;
  LineViolations bad;
  const auto report = [&](int64_t line, Violations violations) {
    for (Violation& v : violations) {
      if (bad.size() < max_violations) bad.push_back({line, std::move(v)});
    }
  };

  // The header: the first record.
  while (reader.next(record) && !record.ok())
    report(record.line(), {csv_violation(record.error())});
  if (record.size() == 0) {
    report(0, {{"rt.incidence.empty", "", std::string(kRule), "Tệp không có dòng tiêu đề nào.",
                "The file has no header line."}});
    return bad;
  }
  const int64_t header_line = record.line();
  std::vector<std::string> lowered;
  for (std::string_view name : record.fields()) lowered.push_back(lower_ascii(name));
  const std::vector<std::string_view> names(lowered.begin(), lowered.end());
  const CsvHeader header(names, kColumns);
  auto layout = check_columns(header, names);
  if (auto* violations = std::get_if<Violations>(&layout)) {
    report(header_line, std::move(*violations));
    return bad;
  }

  IncidenceRows rows(header, std::get<Layout>(layout));
  while (bad.size() < max_violations && reader.next(record)) {
    Violations violations;
    if (!record.ok()) {
      violations.push_back(csv_violation(record.error()));
    } else {
      rows.add(record.fields(), violations);
    }
    report(record.line(), std::move(violations));
  }
  if (!bad.empty()) return bad;
  IncidenceTable table = rows.take();
  if (table.days() == 0) {
    report(0, {{"rt.incidence.empty", "", std::string(kRule), "Tệp không có dòng số ca nào.",
                "The file has no rows of counts."}});
    return bad;
  }
  return table;
}

}  // namespace phongdich
