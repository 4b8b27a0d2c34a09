#include "domain/area.hpp"

#include <stdexcept>

namespace phongdich {
namespace {

// Codes are unique only within a tree, so the lookup key joins both.
std::string tree_code_key(std::string_view tree, std::string_view code) {
  std::string key;
  key.reserve(tree.size() + 1 + code.size());
  key.append(tree).push_back('\x1f');
  key.append(code);
  return key;
}

}  // namespace

AreaForest::AreaForest(std::vector<Area> areas) : areas_(std::move(areas)) {
  index_.reserve(areas_.size());
  by_tree_code_.reserve(areas_.size());
  for (size_t i = 0; i < areas_.size(); ++i) {
    const Area& area = areas_[i];
    if (!index_.emplace(area.id, i).second) {
      throw std::invalid_argument("AreaForest: duplicate area id " + std::to_string(area.id));
    }
    if (!by_tree_code_.emplace(tree_code_key(area.tree, area.code), area.id).second) {
      throw std::invalid_argument("AreaForest: duplicate code " + area.code + " in tree " +
                                  area.tree);
    }
  }
  // Children keep the order of `areas`, so listings follow the source files.
  for (const Area& area : areas_) {
    if (!area.parent_id) continue;
    const Area* parent = find(*area.parent_id);
    if (parent == nullptr || parent->tree != area.tree) {
      throw std::invalid_argument("AreaForest: area " + std::to_string(area.id) +
                                  " has no parent " + std::to_string(*area.parent_id) +
                                  " in its tree");
    }
    children_[*area.parent_id].push_back(area.id);
  }
  // A parent chain must end at a root; a cycle would make every walk below endless.
  for (const Area& area : areas_) {
    size_t steps = 0;
    for (const Area* a = &area; a->parent_id; a = find(*a->parent_id)) {
      if (++steps > areas_.size()) {
        throw std::invalid_argument("AreaForest: parent cycle through area " +
                                    std::to_string(area.id));
      }
    }
  }
}

const Area* AreaForest::find(AreaId id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? nullptr : &areas_[it->second];
}

const Area* AreaForest::find_code(std::string_view tree, std::string_view code) const {
  const auto it = by_tree_code_.find(tree_code_key(tree, code));
  return it == by_tree_code_.end() ? nullptr : find(it->second);
}

std::vector<AreaId> AreaForest::children(AreaId id) const {
  const auto it = children_.find(id);
  return it == children_.end() ? std::vector<AreaId>{} : it->second;
}

std::vector<AreaId> AreaForest::subtree(AreaId id) const {
  if (find(id) == nullptr) return {};
  // Breadth-first: the area first, then each level below it in source order.
  std::vector<AreaId> result{id};
  for (size_t next = 0; next < result.size(); ++next) {
    const auto it = children_.find(result[next]);
    if (it != children_.end()) result.insert(result.end(), it->second.begin(), it->second.end());
  }
  return result;
}

bool AreaForest::contains(AreaId ancestor, AreaId descendant) const {
  for (const Area* a = find(descendant); a != nullptr;
       a = a->parent_id ? find(*a->parent_id) : nullptr) {
    if (a->id == ancestor) return true;
  }
  return false;
}

std::vector<AreaId> AreaForest::path_to_root(AreaId id) const {
  std::vector<AreaId> path;
  for (const Area* a = find(id); a != nullptr; a = a->parent_id ? find(*a->parent_id) : nullptr) {
    path.push_back(a->id);
  }
  return path;
}

void AreaForest::add_successor(AreaId old_commune, AreaId new_commune) {
  if (find(old_commune) == nullptr || find(new_commune) == nullptr) {
    throw std::invalid_argument("AreaForest: successor between unknown areas " +
                                std::to_string(old_commune) + " -> " + std::to_string(new_commune));
  }
  if (old_commune == new_commune) {
    throw std::invalid_argument("AreaForest: area " + std::to_string(old_commune) +
                                " cannot succeed itself");
  }
  successor_[old_commune] = new_commune;
}

std::optional<AreaId> AreaForest::successor(AreaId old_commune) const {
  const auto it = successor_.find(old_commune);
  if (it == successor_.end()) return std::nullopt;
  return it->second;
}

const char* to_string(AreaLevel level) {
  switch (level) {
    case AreaLevel::nation:
      return "nation";
    case AreaLevel::province:
      return "province";
    case AreaLevel::district:
      return "district";
    case AreaLevel::commune:
      return "commune";
  }
  return "commune";
}

std::optional<AreaId> AreaForest::commune_in_tree(AreaId commune, std::string_view tree) const {
  // Bounded walk: a cycle of successors (bad data) must not hang the caller.
  std::optional<AreaId> current = commune;
  for (size_t steps = 0; current && steps <= successor_.size(); ++steps) {
    const Area* area = find(*current);
    if (area == nullptr) return std::nullopt;
    if (area->tree == tree) return area->id;
    current = successor(*current);
  }
  return std::nullopt;
}

}  // namespace phongdich
