// The demo area: Quận 11 of Hồ Chí Minh City (about 210,000 people, 10 wards in
// the 2022 tree), generated and imported once into the store, seen in September 2022.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "app/importer.hpp"
#include "app/registry.hpp"

namespace phongdich {

struct DemoSetup {
  std::string area = "vn2022:772";  // Quận 11
  uint64_t persons = 210'000;
  uint64_t seed = 2022;
  Date history_until = *Date::from_ymd(2022, 9, 30);
  std::filesystem::path work_dir;  // where the generated CSV files go
  std::function<void(const std::string& step, int64_t done, int64_t total)> progress;
};

struct DemoState {
  bool created_now = false;
  ImportSummary persons;
  ImportSummary doses;
};

// Creates the demo data unless the store already holds it (meta "demo.area").
DemoState ensure_demo(Registry& registry, const DemoSetup& setup, Date today);

}  // namespace phongdich
