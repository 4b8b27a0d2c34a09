// The tables compiled into the generator are the ones documented in data/synth/.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "synth/age_pyramid.hpp"
#include "synth/rollout_calendar.hpp"

namespace phongdich::synth {
namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(std::string(PHONGDICH_DATA_DIR) + "/synth/" + name);
  EXPECT_TRUE(in) << name;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

TEST(DataTables, AgePyramidMatchesTheCsv) {
  const auto rows = read_csv("age_pyramid_2019.csv");
  const auto bands = age_pyramid_2019();
  ASSERT_EQ(rows.size(), bands.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(std::stoi(rows[i][0]), bands[i].age_from);
    EXPECT_EQ(std::stoi(rows[i][1]), bands[i].age_to);
    EXPECT_EQ(std::stoi(rows[i][2]), bands[i].population_thousands);
    EXPECT_EQ(std::stoi(rows[i][3]), bands[i].males_per_100_females);
  }
}

TEST(DataTables, AdultFirstDosesMatchTheCsv) {
  const auto rows = read_csv("adult_first_doses_by_month.csv");
  const auto months = adult_first_doses_by_month();
  ASSERT_EQ(rows.size(), months.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    char month[8];
    std::snprintf(month, sizeof month, "%04d-%02u", months[i].year, months[i].month);
    EXPECT_EQ(rows[i][0], month);
    EXPECT_EQ(std::stod(rows[i][3]), months[i].weight) << month;
  }
}

TEST(DataTables, AdultColumnIsNationalMinusTeenagers) {
  for (const auto& row : read_csv("adult_first_doses_by_month.csv")) {
    if (row[1].empty()) continue;  // months after the national series ends
    EXPECT_EQ(std::stol(row[1]) - std::stol(row[2]), std::stol(row[3])) << row[0];
  }
}

TEST(DataTables, DerivedFromTheNationalSeries) {
  // first_doses_by_month.csv is the output of derive_first_doses.py; its
  // monthly increments are the national column of the adult table.
  const auto national = read_csv("first_doses_by_month.csv");
  const auto adult = read_csv("adult_first_doses_by_month.csv");
  for (const auto& n : national) {
    for (const auto& a : adult) {
      if (a[0] == n[0] && !a[1].empty()) {
        EXPECT_EQ(a[1], n[2]) << n[0];
      }
    }
  }
}

}  // namespace
}  // namespace phongdich::synth
