// The shipped area reference files load into both trees with stable ids.
#include "ingest/area_files.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

namespace phongdich {
namespace {

const AreaForest& forest() {
  static const AreaForest loaded = load_area_forest(PHONGDICH_DATA_DIR);
  return loaded;
}

std::map<std::pair<std::string, AreaLevel>, int> count_by_tree_and_level(const AreaForest& f) {
  std::map<std::pair<std::string, AreaLevel>, int> counts;
  for (const Area& area : f.all()) ++counts[{area.tree, area.level}];
  return counts;
}

TEST(AreaFilesTest, BothTreesHaveTheirUnits) {
  const auto counts = count_by_tree_and_level(forest());
  struct Row {
    std::string tree;
    AreaLevel level;
    int count;
  };
  // The README's 696 districts include a few island districts without communes,
  // which a flat list of communes cannot show: 691 districts appear.
  const Row rows[] = {
      {"vn2022", AreaLevel::nation, 1},     {"vn2022", AreaLevel::province, 63},
      {"vn2022", AreaLevel::district, 691}, {"vn2022", AreaLevel::commune, 10047},
      {"vn2025", AreaLevel::nation, 1},     {"vn2025", AreaLevel::province, 34},
      {"vn2025", AreaLevel::district, 0},   {"vn2025", AreaLevel::commune, 3321},
  };
  for (const Row& row : rows) {
    const auto it = counts.find({row.tree, row.level});
    EXPECT_EQ(it == counts.end() ? 0 : it->second, row.count)
        << row.tree << " level " << static_cast<int>(row.level);
  }
}

TEST(AreaFilesTest, NamesKeepTheirPrefix) {
  EXPECT_EQ(forest().find_code("vn2022", "79")->name, "Thành phố Hồ Chí Minh");
  EXPECT_EQ(forest().find_code("vn2022", "772")->name, "Quận 11");
  EXPECT_EQ(forest().find_code("vn2022", "27208")->name, "Phường 15");
  EXPECT_EQ(forest().find_code("vn2025", "79")->name, "Thành phố Hồ Chí Minh");
  EXPECT_EQ(forest().find_code("vn2025", "04")->name, "Tỉnh Cao Bằng");
}

TEST(AreaFilesTest, District11OfHoChiMinhCityHasTenWards) {
  const Area* district = forest().find_code("vn2022", "772");
  ASSERT_NE(district, nullptr);
  EXPECT_EQ(district->level, AreaLevel::district);
  const auto wards = forest().children(district->id);
  EXPECT_EQ(wards.size(), 10u);
  for (AreaId ward : wards) EXPECT_EQ(forest().find(ward)->level, AreaLevel::commune);
  EXPECT_TRUE(forest().contains(forest().find_code("vn2022", "79")->id, district->id));
}

TEST(AreaFilesTest, OldWardMapsToACommuneOfTheSameProvinceIn2025) {
  const Area* ward = forest().find_code("vn2022", "27208");
  ASSERT_NE(ward, nullptr);
  const auto now = forest().commune_in_tree(ward->id, "vn2025");
  ASSERT_TRUE(now.has_value());
  const Area* commune = forest().find(*now);
  EXPECT_EQ(commune->tree, "vn2025");
  EXPECT_EQ(commune->level, AreaLevel::commune);
  EXPECT_EQ(commune->code, "27226");  // rank 1 of vn2022_to_vn2025.csv
  EXPECT_EQ(forest().find(*commune->parent_id)->code, "79");
}

TEST(AreaFilesTest, EveryOldCommuneHasASuccessor) {
  int without = 0;
  for (const Area& area : forest().all()) {
    if (area.tree == "vn2022" && area.level == AreaLevel::commune &&
        !forest().commune_in_tree(area.id, "vn2025")) {
      ++without;
    }
  }
  EXPECT_EQ(without, 0);
}

TEST(AreaFilesTest, ProvincesOf2022HaveTheir2019Population) {
  EXPECT_EQ(forest().find_code("vn2022", "01")->official_population, 8053664);
  int64_t total = 0;
  for (const Area& area : forest().all()) {
    if (area.tree == "vn2022" && area.level == AreaLevel::province) {
      ASSERT_TRUE(area.official_population.has_value()) << area.name;
      total += *area.official_population;
    }
  }
  EXPECT_GT(total, 96'000'000);  // 2019 census: 96.2 million
  EXPECT_LT(total, 97'000'000);
}

TEST(AreaFilesTest, IdsAreTheSameOnEveryLoadAndFollowTheFiles) {
  const AreaForest again = load_area_forest(PHONGDICH_DATA_DIR);
  ASSERT_EQ(again.all().size(), forest().all().size());
  for (size_t i = 0; i < again.all().size(); ++i) {
    const Area& a = again.all()[i];
    const Area& b = forest().all()[i];
    ASSERT_EQ(a.id, b.id);
    ASSERT_EQ(a.tree, b.tree);
    ASSERT_EQ(a.code, b.code);
  }
  // File order, vn2022 first: the nation, then Hà Nội, then its first district.
  EXPECT_EQ(forest().find_code("vn2022", "VN")->id, 1);
  EXPECT_EQ(forest().find_code("vn2022", "01")->id, 2);
  EXPECT_EQ(forest().find_code("vn2022", "001")->id, 3);
  EXPECT_EQ(forest().find_code("vn2022", "00001")->id, 4);
  EXPECT_GT(forest().find_code("vn2025", "VN")->id, forest().find_code("vn2022", "96")->id);
}

TEST(AreaFilesTest, AMissingDirectoryIsAnError) {
  EXPECT_THROW(load_area_forest("/nonexistent/phongdich"), std::runtime_error);
}

}  // namespace
}  // namespace phongdich
