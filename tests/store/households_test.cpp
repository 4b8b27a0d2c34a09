// Households: one per (commune, code), and the persons who live in each.
#include <set>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

using HouseholdsTest = StoreTest;

TEST_P(HouseholdsTest, TheSameCodeInTheSameCommuneIsOneHousehold) {
  const HouseholdId first = store_->upsert_household({0, "HK-01", kBenNghe, "12 Lê Lợi"});
  const HouseholdId again = store_->upsert_household({0, "HK-01", kBenNghe, "12 Lê Lợi"});
  const HouseholdId elsewhere = store_->upsert_household({0, "HK-01", kBenThanh, ""});
  EXPECT_EQ(first, again);
  EXPECT_NE(first, elsewhere);
}

TEST_P(HouseholdsTest, HouseholdsUpsertedTogetherMatchOneByOne) {
  const HouseholdId existing = store_->upsert_household({0, "HK-1", kBenNghe, "1 Đồng Khởi"});
  const std::vector<Household> batch = {
      {0, "HK-2", kBenNghe, "2 Lê Lợi"},
      {0, "HK-1", kBenNghe, "1A Đồng Khởi"},  // already stored: its id, the new address
      {0, "HK-1", kDaKao, ""},                // the same code in another commune
      {0, "HK-2", kBenNghe, "2B Lê Lợi"},     // twice in the batch: the later address wins
      {0, "Nhà \"số 3\" \\ ngõ {4}, hẻm", kBenNghe, "quote \" and \\ backslash"},
  };
  const std::vector<HouseholdId> ids = store_->upsert_households(batch);
  ASSERT_EQ(ids.size(), batch.size());
  EXPECT_EQ(ids[1], existing);
  EXPECT_EQ(ids[3], ids[0]);
  EXPECT_EQ(std::set<HouseholdId>(ids.begin(), ids.end()).size(), 4u);
  EXPECT_EQ(store_->household(existing)->address, "1A Đồng Khởi");
  EXPECT_EQ(store_->household(ids[0])->address, "2B Lê Lợi");
  EXPECT_EQ(store_->household(ids[2])->area_id, kDaKao);
  EXPECT_EQ(store_->household(ids[4])->code, "Nhà \"số 3\" \\ ngõ {4}, hẻm");
  EXPECT_EQ(store_->household(ids[4])->address, "quote \" and \\ backslash");
  // One by one afterwards finds the same households.
  EXPECT_EQ(store_->upsert_household(batch[4]), ids[4]);
  EXPECT_TRUE(store_->upsert_households({}).empty());
}

TEST_P(HouseholdsTest, MembersAreThePersonsOfThatHouseholdOnly) {
  const HouseholdId home = store_->upsert_household({0, "HK-07", kBenNghe, ""});
  const HouseholdId next_door = store_->upsert_household({0, "HK-08", kBenNghe, ""});
  StoredPerson mother = make_person("Lê Thị Hoa");
  mother.person.household_id = home;
  StoredPerson son = make_person("Phạm Văn Nam");
  son.person.household_id = home;
  StoredPerson neighbour = make_person("Đỗ Văn Tú");
  neighbour.person.household_id = next_door;
  StoredPerson alone = make_person("Vũ Thị Lan");
  for (StoredPerson* p : {&mother, &son, &neighbour, &alone}) {
    p->person.id = store_->insert_person(*p).id;
  }
  const auto members = store_->household_members(*store_->household(home));
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0].person.full_name, "Lê Thị Hoa");
  EXPECT_EQ(members[1].person.full_name, "Phạm Văn Nam");
  EXPECT_EQ(store_->household_members(*store_->household(next_door)).size(), 1u);
}

PHONGDICH_ON_EVERY_STORE(HouseholdsTest);

}  // namespace
}  // namespace phongdich::testing
