// Command output as a table for people, or JSON / CSV for scripts.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace phongdich::cli {

enum class Format { table, json, csv };

// A result set: named columns and rows of text cells, printed in the chosen format.
// JSON output is an array of objects keyed by column name (numbers stay numbers
// when a cell parses as one).
class ResultTable {
 public:
  explicit ResultTable(std::vector<std::string> columns) : columns_(std::move(columns)) {}
  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  size_t size() const { return rows_.size(); }
  void print(std::ostream& out, Format format) const;
  nlohmann::json to_json() const;

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<std::string>> rows_;
};

std::string csv_escape(const std::string& cell);
// Width on a terminal: code points, not bytes (Vietnamese letters are 2-3 bytes).
size_t display_width(const std::string& text);
std::string percent(double share);

}  // namespace phongdich::cli
