// Households: one per (commune, code), and the persons who live in each.
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
