// Administrative areas: a forest of trees of any depth, one per tree version
// ("vn2022": province/district/commune; "vn2025": province/commune), and the
// mapping that carries a record made in an old commune to the one that holds it now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/date.hpp"
#include "domain/person.hpp"

namespace phongdich {

enum class AreaLevel : uint8_t { nation = 0, province = 1, district = 2, commune = 3 };
// "nation", "province", "district", "commune": the names on the wire and in output.
const char* to_string(AreaLevel level);

struct Area {
  AreaId id = 0;
  std::string tree;  // "vn2022" or "vn2025"
  std::string code;  // official code, leading zeros kept; unique only within a tree
  std::string name;  // "Phường 15"
  AreaLevel level = AreaLevel::commune;
  std::optional<AreaId> parent_id;
  std::optional<int64_t> official_population;  // where an official figure is given
};

// Which tree is in force on a date (2025 reform took effect on 2025-07-01).
struct AreaTreeVersion {
  std::string tree;
  Date effective_from;
};

class AreaForest {
 public:
  AreaForest() = default;
  explicit AreaForest(std::vector<Area> areas);

  const Area* find(AreaId id) const;
  const Area* find_code(std::string_view tree, std::string_view code) const;
  const std::vector<Area>& all() const { return areas_; }
  std::vector<AreaId> children(AreaId id) const;
  // The area and every area below it.
  std::vector<AreaId> subtree(AreaId id) const;
  bool contains(AreaId ancestor, AreaId descendant) const;
  // Ancestors from the area itself up to its root.
  std::vector<AreaId> path_to_root(AreaId id) const;

  // old commune -> the commune that holds it now (in another tree).
  void add_successor(AreaId old_commune, AreaId new_commune);
  std::optional<AreaId> successor(AreaId old_commune) const;
  // The commune of `tree` in which a record made in `commune` counts.
  std::optional<AreaId> commune_in_tree(AreaId commune, std::string_view tree) const;

 private:
  std::vector<Area> areas_;
  std::unordered_map<AreaId, size_t> index_;
  std::unordered_map<std::string, AreaId> by_tree_code_;
  std::unordered_map<AreaId, std::vector<AreaId>> children_;
  std::unordered_map<AreaId, AreaId> successor_;
};

}  // namespace phongdich
