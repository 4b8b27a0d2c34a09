#include "app/import_error_rows.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "ingest/csv_reader.hpp"

namespace phongdich::testing {

std::vector<ErrorRow> read_error_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  CsvReader reader(in);
  CsvRecord record;
  std::vector<ErrorRow> rows;
  EXPECT_TRUE(reader.next(record)) << "no header in " << path;
  EXPECT_EQ(std::string(record[0]), "line");
  while (reader.next(record)) {
    EXPECT_TRUE(record.ok()) << "malformed error file at line " << record.line();
    EXPECT_EQ(record.size(), 6u);
    EXPECT_FALSE(record[4].empty()) << "message_vi";
    EXPECT_FALSE(record[5].empty()) << "message_en";
    rows.push_back(
        {std::stoll(std::string(record[0])), std::string(record[1]), std::string(record[2])});
  }
  return rows;
}

}  // namespace phongdich::testing
