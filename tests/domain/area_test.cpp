// The area forest: lookups, subtrees, ancestry and the old -> new commune mapping.
#include "domain/area.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace phongdich {
namespace {

Area area(AreaId id, std::string tree, std::string code, std::string name, AreaLevel level,
          std::optional<AreaId> parent) {
  Area a;
  a.id = id;
  a.tree = std::move(tree);
  a.code = std::move(code);
  a.name = std::move(name);
  a.level = level;
  a.parent_id = parent;
  return a;
}

// A small slice of both trees: Quận 11 of Hồ Chí Minh City before and after 2025.
AreaForest small_forest() {
  using L = AreaLevel;
  AreaForest forest({
      area(1, "vn2022", "VN", "Việt Nam", L::nation, std::nullopt),
      area(2, "vn2022", "79", "Thành phố Hồ Chí Minh", L::province, 1),
      area(3, "vn2022", "772", "Quận 11", L::district, 2),
      area(4, "vn2022", "27208", "Phường 15", L::commune, 3),
      area(5, "vn2022", "27211", "Phường 5", L::commune, 3),
      area(6, "vn2022", "01", "Thành phố Hà Nội", L::province, 1),
      area(10, "vn2025", "VN", "Việt Nam", L::nation, std::nullopt),
      area(11, "vn2025", "79", "Thành phố Hồ Chí Minh", L::province, 10),
      area(12, "vn2025", "27226", "Phường Bình Thới", L::commune, 11),
      area(13, "vn2025", "27211", "Phường Minh Phụng", L::commune, 11),
  });
  forest.add_successor(4, 12);
  forest.add_successor(5, 13);
  return forest;
}

TEST(AreaForestTest, FindsByIdAndByCodeWithinATree) {
  const AreaForest forest = small_forest();
  ASSERT_NE(forest.find(4), nullptr);
  EXPECT_EQ(forest.find(4)->name, "Phường 15");
  EXPECT_EQ(forest.find(99), nullptr);
  // The same code names different areas in different trees.
  EXPECT_EQ(forest.find_code("vn2022", "27211")->id, 5);
  EXPECT_EQ(forest.find_code("vn2025", "27211")->id, 13);
  EXPECT_EQ(forest.find_code("vn2025", "27208"), nullptr);
  EXPECT_EQ(forest.find_code("vn1999", "79"), nullptr);
  EXPECT_EQ(forest.all().size(), 10u);
}

TEST(AreaForestTest, ChildrenAndSubtree) {
  const AreaForest forest = small_forest();
  EXPECT_EQ(forest.children(1), (std::vector<AreaId>{2, 6}));
  EXPECT_EQ(forest.children(3), (std::vector<AreaId>{4, 5}));
  EXPECT_TRUE(forest.children(4).empty());
  EXPECT_EQ(forest.subtree(2), (std::vector<AreaId>{2, 3, 4, 5}));
  EXPECT_EQ(forest.subtree(5), (std::vector<AreaId>{5}));
  EXPECT_TRUE(forest.subtree(99).empty());
}

TEST(AreaForestTest, AncestryAndPathToRoot) {
  const AreaForest forest = small_forest();
  struct Row {
    AreaId ancestor, descendant;
    bool contains;
  };
  const Row rows[] = {
      {1, 4, true},    // nation contains a ward
      {2, 4, true},    // province contains its ward
      {4, 4, true},    // an area contains itself
      {6, 4, false},   // Hà Nội does not contain a HCMC ward
      {4, 2, false},   // a ward does not contain its province
      {10, 4, false},  // the 2025 nation is another tree
      {1, 99, false},  // unknown area
  };
  for (const Row& row : rows) {
    EXPECT_EQ(forest.contains(row.ancestor, row.descendant), row.contains)
        << row.ancestor << " contains " << row.descendant;
  }
  EXPECT_EQ(forest.path_to_root(4), (std::vector<AreaId>{4, 3, 2, 1}));
  EXPECT_EQ(forest.path_to_root(10), (std::vector<AreaId>{10}));
  EXPECT_TRUE(forest.path_to_root(99).empty());
}

TEST(AreaForestTest, CommuneInTreeFollowsSuccessors) {
  const AreaForest forest = small_forest();
  EXPECT_EQ(forest.successor(4), 12);
  EXPECT_EQ(forest.successor(12), std::nullopt);
  EXPECT_EQ(forest.commune_in_tree(4, "vn2025"), 12);  // 2022 ward counts in its 2025 commune
  EXPECT_EQ(forest.commune_in_tree(4, "vn2022"), 4);   // already in the tree
  EXPECT_EQ(forest.commune_in_tree(12, "vn2025"), 12);
  EXPECT_EQ(forest.commune_in_tree(12, "vn2022"), std::nullopt);  // no way back
  EXPECT_EQ(forest.commune_in_tree(6, "vn2025"), std::nullopt);   // no successor given
  EXPECT_EQ(forest.commune_in_tree(99, "vn2025"), std::nullopt);
}

TEST(AreaForestTest, CommuneInTreeFollowsAChainOfReorganisations) {
  using L = AreaLevel;
  AreaForest forest({
      area(1, "a", "1", "A", L::commune, std::nullopt),
      area(2, "b", "1", "B", L::commune, std::nullopt),
      area(3, "c", "1", "C", L::commune, std::nullopt),
  });
  forest.add_successor(1, 2);
  forest.add_successor(2, 3);
  EXPECT_EQ(forest.commune_in_tree(1, "c"), 3);
  // A cycle in bad data ends the walk instead of hanging.
  forest.add_successor(3, 1);
  EXPECT_EQ(forest.commune_in_tree(1, "d"), std::nullopt);
}

TEST(AreaForestTest, RejectsInconsistentAreas) {
  using L = AreaLevel;
  EXPECT_THROW(AreaForest({area(1, "t", "1", "A", L::nation, std::nullopt),
                           area(1, "t", "2", "B", L::nation, std::nullopt)}),
               std::invalid_argument);  // duplicate id
  EXPECT_THROW(AreaForest({area(1, "t", "1", "A", L::nation, std::nullopt),
                           area(2, "t", "1", "B", L::nation, std::nullopt)}),
               std::invalid_argument);  // duplicate code in a tree
  EXPECT_THROW(AreaForest({area(1, "t", "1", "A", L::commune, 7)}),
               std::invalid_argument);  // unknown parent
  EXPECT_THROW(
      AreaForest({area(1, "t", "1", "A", L::commune, 2), area(2, "t", "2", "B", L::commune, 1)}),
      std::invalid_argument);  // parent cycle
  AreaForest forest = small_forest();
  EXPECT_THROW(forest.add_successor(4, 99), std::invalid_argument);
}

}  // namespace
}  // namespace phongdich
