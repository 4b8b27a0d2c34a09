// Loads the administrative-area reference files shipped in data/areas/
// (see data/areas/README.md) into one AreaForest.
#pragma once

#include <string>

#include "domain/area.hpp"

namespace phongdich {

inline constexpr std::string_view kAreaTree2022 = "vn2022";
inline constexpr std::string_view kAreaTree2025 = "vn2025";

// Builds the "vn2022" tree (nation -> 63 provinces -> districts -> communes) and
// the "vn2025" tree (nation -> 34 provinces -> communes), sets the 2019 census
// population of the vn2022 provinces, and adds the rank-1 successors of
// vn2022_to_vn2025.csv. Ids are assigned in file order, vn2022 first, so the
// same files always give the same ids (they are stored with records).
// `data_dir` is the directory that holds areas/. Throws std::runtime_error
// naming the file and line when a file is missing or inconsistent.
AreaForest load_area_forest(const std::string& data_dir);

}  // namespace phongdich
