#include "ingest/serial_interval_file.hpp"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/csv_reader.hpp"
#include "ingest/row_checks.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kRule = "docs/rt.md: serial interval file";
// A serial interval longer than this many days is not a serial interval.
constexpr size_t kMaxDays = 100'000;

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

bool is_k_w_header(std::span<const std::string_view> fields) {
  const auto lower = [](std::string_view text) {
    std::string lowered(trim_blanks(text));
    for (char& c : lowered) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return lowered;
  };
  return fields.size() == 2 && lower(fields[0]) == "k" && lower(fields[1]) == "w";
}

}  // namespace

std::variant<std::vector<double>, LineViolations> read_serial_interval_csv(std::istream& in,
                                                                           size_t max_violations) {
  CsvReader reader(in);
  CsvRecord record;
  LineViolations bad;
  const auto report = [&](int64_t line, Violation v) {
    if (bad.size() < max_violations) bad.push_back({line, std::move(v)});
  };
  std::vector<double> weights;
  bool first = true, with_k = false;
  size_t rows = 0;  // rows of values so far: the k the next one must have
  while (bad.size() < max_violations && reader.next(record)) {
    if (!record.ok()) {
      report(record.line(), csv_violation(record.error()));
      continue;
    }
    const auto fields = record.fields();
    if (first) {
      first = false;
      if (is_k_w_header(fields)) {
        with_k = true;
        continue;
      }
      // A single non-numeric first field names the column.
      if (fields.size() == 1 && !parse_number(trim_blanks(fields[0]))) continue;
    }
    const size_t k_expected = rows++;
    const size_t width = with_k ? 2 : 1;
    if (fields.size() != width) {
      report(
          record.line(),
          {"csv.column_count", "", std::string(kRule),
           "Dòng có " + std::to_string(fields.size()) + " trường nhưng cần " +
               std::to_string(width) + (with_k ? " (k, w)." : " (một xác suất)."),
           "The row has " + std::to_string(fields.size()) + " fields but " + std::to_string(width) +
               (with_k ? " are expected (k, w)." : " is expected (one probability).")});
      continue;
    }
    if (with_k) {
      const std::string_view k = trim_blanks(fields[0]);
      const std::string expected = std::to_string(k_expected);
      if (k != expected) {
        report(
            record.line(),
            {"si.k.not_consecutive", "k", std::string(kRule) + ": k = 0, 1, 2, ... in order",
             "Giá trị k " + shown_value(k) + " không đúng thứ tự (cần " + expected + ").",
             "The value of k " + shown_value(k) + " is out of order (expected " + expected + ")."});
        continue;
      }
    }
    const std::string_view text = trim_blanks(fields[with_k ? 1 : 0]);
    const auto w = parse_number(text);
    if (!w || *w < 0) {
      report(
          record.line(),
          {"si.w.invalid", "w", std::string(kRule),
           "Xác suất " + shown_value(text) + " phải là một số không âm (ví dụ 0.233).",
           "The probability " + shown_value(text) + " must be a number, 0 or more (e.g. 0.233)."});
      continue;
    }
    if (weights.size() == kMaxDays) {
      report(record.line(),
             {"si.too_long", "w", std::string(kRule),
              "Phân bố dài quá " + std::to_string(kMaxDays) + " ngày.",
              "The distribution is longer than " + std::to_string(kMaxDays) + " days."});
      break;
    }
    weights.push_back(*w);
  }
  if (!bad.empty()) return bad;
  if (weights.empty()) {
    report(0, {"si.empty", "w", std::string(kRule), "Tệp không có xác suất nào.",
               "The file has no probabilities."});
    return bad;
  }
  return weights;
}

}  // namespace phongdich
