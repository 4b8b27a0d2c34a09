// The EpiEstim reference data the Rt tests reproduce (../shared/data/epiestim:
// the package's example data and its own outputs), and a reader for its small
// CSV files. The directory may be moved with PHONGDICH_EPIESTIM_DIR.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace phongdich::testing {

inline std::filesystem::path epiestim_dir() {
  if (const char* dir = std::getenv("PHONGDICH_EPIESTIM_DIR")) return dir;
  return std::filesystem::path(PHONGDICH_SOURCE_DIR) / ".." / "shared" / "data" / "epiestim";
}

// The file's rows split on commas (these files quote nothing); row 0 is the header.
// A missing file fails the test: a reference that cannot be read checks nothing.
inline std::vector<std::vector<std::string>> read_reference_csv(const std::string& name) {
  const std::filesystem::path path = epiestim_dir() / name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

}  // namespace phongdich::testing
