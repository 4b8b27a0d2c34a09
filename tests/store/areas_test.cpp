// Areas and their successors survive a round trip through the file.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

using AreasTest = StoreTest;

TEST_P(AreasTest, RoundTripKeepsEveryFieldAndSuccessor) {
  const AreaForest expected = test_forest();
  const AreaForest loaded = store_->load_areas();
  ASSERT_EQ(loaded.all().size(), expected.all().size());
  for (const Area& area : expected.all()) {
    const Area* got = loaded.find(area.id);
    ASSERT_NE(got, nullptr) << area.id;
    EXPECT_EQ(got->tree, area.tree);
    EXPECT_EQ(got->code, area.code);
    EXPECT_EQ(got->name, area.name);
    EXPECT_EQ(got->level, area.level);
    EXPECT_EQ(got->parent_id, area.parent_id);
    EXPECT_EQ(got->official_population, area.official_population);
    EXPECT_EQ(loaded.successor(area.id), expected.successor(area.id)) << area.id;
  }
  EXPECT_EQ(loaded.find_code("vn2022", "26740")->name, "Phường Bến Nghé");
  EXPECT_EQ(loaded.find_code("vn2025", "26740")->id, kSaiGon2025);
  EXPECT_TRUE(loaded.contains(kProvince, kDaKao));
}

TEST_P(AreasTest, ReplacingRenamesDropsAndRemapsAreas) {
  std::vector<Area> areas = test_forest().all();
  std::erase_if(areas, [](const Area& a) { return a.id == kBenThanh; });
  for (Area& a : areas) {
    if (a.id == kDaKao) a.name = "Phường Tân Định";
  }
  AreaForest changed(std::move(areas));
  changed.add_successor(kBenNghe, kSaiGon2025);
  store_->replace_areas(changed);

  const AreaForest loaded = store_->load_areas();
  EXPECT_EQ(loaded.find(kBenThanh), nullptr);
  EXPECT_EQ(loaded.find(kDaKao)->name, "Phường Tân Định");
  EXPECT_EQ(loaded.successor(kBenNghe), kSaiGon2025);
  EXPECT_EQ(loaded.successor(kDaKao), std::nullopt);
}

TEST_P(AreasTest, AnAreaWherePeopleLiveCannotBeDropped) {
  ASSERT_EQ(store_->insert_person(make_person("Lê Văn Tám", kBenThanh)).outcome,
            InsertOutcome::inserted);
  std::vector<Area> areas = test_forest().all();
  std::erase_if(areas, [](const Area& a) { return a.id == kBenThanh; });
  EXPECT_THROW(store_->replace_areas(AreaForest(std::move(areas))), StoreError);
  // Nothing of the failed replacement is kept, successors included.
  const AreaForest loaded = store_->load_areas();
  EXPECT_NE(loaded.find(kBenThanh), nullptr);
  EXPECT_EQ(loaded.successor(kDaKao), kSaiGon2025);
}

PHONGDICH_ON_EVERY_STORE(AreasTest);

}  // namespace
}  // namespace phongdich::testing
