#include "cli/output.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace phongdich::cli {

size_t display_width(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // count lead bytes only
  return n;
}

std::string csv_escape(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

namespace {

nlohmann::json cell_value(const std::string& cell) {
  // A leading zero marks a code (citizen ID, phone, commune "00001"), not a number.
  if (cell.size() > 1 && cell[0] == '0' && cell[1] != '.') return cell;
  long long integer = 0;
  const char* end = cell.data() + cell.size();
  if (!cell.empty() && std::from_chars(cell.data(), end, integer).ptr == end) return integer;
  double real = 0;
  if (!cell.empty() && cell.find_first_not_of("0123456789.-") == std::string::npos &&
      std::from_chars(cell.data(), end, real).ptr == end)
    return real;
  return cell;
}

}  // namespace

nlohmann::json ResultTable::to_json() const {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : rows_) {
    nlohmann::json object = nlohmann::json::object();
    for (size_t c = 0; c < columns_.size() && c < row.size(); ++c)
      object[columns_[c]] = cell_value(row[c]);
    rows.push_back(std::move(object));
  }
  return rows;
}

void ResultTable::print(std::ostream& out, Format format) const {
  if (format == Format::json) {
    out << to_json().dump(2) << "\n";
    return;
  }
  if (format == Format::csv) {
    for (size_t c = 0; c < columns_.size(); ++c) out << (c ? "," : "") << csv_escape(columns_[c]);
    out << "\n";
    for (const auto& row : rows_) {
      for (size_t c = 0; c < row.size(); ++c) out << (c ? "," : "") << csv_escape(row[c]);
      out << "\n";
    }
    return;
  }
  std::vector<size_t> width(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) width[c] = display_width(columns_[c]);
  for (const auto& row : rows_)
    for (size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      const std::string& cell = c < cells.size() ? cells[c] : std::string();
      out << (c ? "  " : "") << cell;
      if (c + 1 < columns_.size()) out << std::string(width[c] - display_width(cell), ' ');
    }
    out << "\n";
  };
  line(columns_);
  std::vector<std::string> rule;
  for (size_t w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const auto& row : rows_) line(row);
}

}  // namespace phongdich::cli
