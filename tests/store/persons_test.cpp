// Persons: insert, look up, duplicates, citizen-ID conflicts, later updates.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

using PersonsTest = StoreTest;

TEST_P(PersonsTest, EveryFieldRoundTrips) {
  const HouseholdId household = store_->upsert_household({0, "HK-017", kBenNghe, "12 Lê Lợi"});
  StoredPerson row = make_person("Nguyễn Thị Ánh Tuyết", kBenNghe, "hcm:000123");
  Person& p = row.person;
  p.citizen_id = "079180001234";
  p.sex = Sex::female;
  p.birth_date = *Date::parse_iso("1958-02-28");
  p.household_id = household;
  p.phone = "0903123456";
  p.comorbidities.set(0).set(19);  // items 1 and 20
  p.pregnant = true;
  p.immunodeficient = true;
  p.high_exposure = false;
  p.other_risk = true;
  p.needs_home_visit = true;

  const PersonInsertResult result = store_->insert_person(row);
  ASSERT_EQ(result.outcome, InsertOutcome::inserted);
  ASSERT_GT(result.id, 0);

  const auto stored = store_->person(result.id);
  ASSERT_TRUE(stored.has_value());
  const Person& q = stored->person;
  EXPECT_EQ(stored->external_ref, "hcm:000123");
  EXPECT_EQ(q.id, result.id);
  EXPECT_EQ(q.citizen_id, "079180001234");
  EXPECT_EQ(q.full_name, "Nguyễn Thị Ánh Tuyết");
  EXPECT_EQ(q.sex, Sex::female);
  EXPECT_EQ(q.birth_date, *Date::parse_iso("1958-02-28"));
  EXPECT_EQ(q.area_id, kBenNghe);
  EXPECT_EQ(q.household_id, household);
  EXPECT_EQ(q.phone, "0903123456");
  EXPECT_TRUE(q.has_comorbidity(1));
  EXPECT_TRUE(q.has_comorbidity(20));
  EXPECT_EQ(q.comorbidities.count(), 2u);
  EXPECT_TRUE(q.pregnant);
  EXPECT_TRUE(q.immunodeficient);
  EXPECT_FALSE(q.high_exposure);
  EXPECT_TRUE(q.other_risk);
  EXPECT_TRUE(q.needs_home_visit);
}

TEST_P(PersonsTest, OptionalFieldsStayAbsent) {
  const auto id = store_->insert_person(make_person("Phạm Minh Khôi")).id;
  const Person p = store_->person(id)->person;
  EXPECT_EQ(p.citizen_id, std::nullopt);
  EXPECT_EQ(p.household_id, std::nullopt);
  EXPECT_EQ(p.phone, std::nullopt);
  EXPECT_TRUE(store_->person(id)->external_ref.empty());
}

TEST_P(PersonsTest, LookupsByCitizenIdAndExternalRef) {
  StoredPerson row = make_person("Trần Văn Bảo", kDaKao, "ext-1");
  row.person.citizen_id = "079090000001";
  const auto id = store_->insert_person(row).id;
  EXPECT_EQ(store_->person_by_citizen_id("079090000001")->person.id, id);
  EXPECT_EQ(store_->person_by_external_ref("ext-1")->person.id, id);
  EXPECT_EQ(store_->person_by_citizen_id("079090000002"), std::nullopt);
  EXPECT_EQ(store_->person_by_external_ref("ext-2"), std::nullopt);
  EXPECT_EQ(store_->person(id + 100), std::nullopt);
}

TEST_P(PersonsTest, SameExternalRefIsAlreadyPresent) {
  const auto first = store_->insert_person(make_person("Võ Thị Sáu", kBenNghe, "src:42"));
  const auto again = store_->insert_person(make_person("Võ Thị Sáu (sửa)", kDaKao, "src:42"));
  EXPECT_EQ(again.outcome, InsertOutcome::already_present);
  EXPECT_EQ(again.id, first.id);
  EXPECT_EQ(store_->person_count(), 1);
  EXPECT_EQ(store_->person(first.id)->person.full_name, "Võ Thị Sáu");  // not overwritten
}

TEST_P(PersonsTest, PersonsWithoutExternalRefOrCitizenIdAreAllKept) {
  store_->insert_person(make_person("Nguyễn Văn An"));
  store_->insert_person(make_person("Nguyễn Văn An"));
  EXPECT_EQ(store_->person_count(), 2);
}

TEST_P(PersonsTest, CitizenIdHeldByAnotherPersonWritesNothing) {
  StoredPerson holder = make_person("Đặng Thùy Trâm", kBenNghe, "a");
  holder.person.citizen_id = "079142000777";
  const auto holder_id = store_->insert_person(holder).id;

  StoredPerson other = make_person("Đặng Thị Trâm", kDaKao, "b");
  other.person.citizen_id = "079142000777";
  const auto result = store_->insert_person(other);
  EXPECT_EQ(result.outcome, InsertOutcome::citizen_id_taken);
  EXPECT_EQ(result.id, holder_id);
  EXPECT_EQ(store_->person_count(), 1);
  EXPECT_EQ(store_->person_by_external_ref("b"), std::nullopt);
}

TEST_P(PersonsTest, CitizenIdLinkedLater) {
  const auto id = store_->insert_person(make_person("Hoàng Văn Thụ", kBenThanh)).id;
  Person p = store_->person(id)->person;
  p.citizen_id = "079209000321";
  p.phone = "0912000111";
  store_->update_person(p);

  const auto found = store_->person_by_citizen_id("079209000321");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->person.id, id);
  EXPECT_EQ(found->person.phone, "0912000111");
}

TEST_P(PersonsTest, UpdateToACitizenIdHeldByAnotherPersonIsRefused) {
  StoredPerson holder = make_person("Lý Tự Trọng");
  holder.person.citizen_id = "079114000001";
  store_->insert_person(holder);
  const auto id = store_->insert_person(make_person("Lý Văn Trọng")).id;

  Person p = store_->person(id)->person;
  p.citizen_id = "079114000001";
  p.full_name = "Lý Văn Trọng Mới";
  EXPECT_THROW(store_->update_person(p), StoreError);
  const Person unchanged = store_->person(id)->person;
  EXPECT_EQ(unchanged.citizen_id, std::nullopt);
  EXPECT_EQ(unchanged.full_name, "Lý Văn Trọng");
}

TEST_P(PersonsTest, UpdateRenamesAndTheSearchFollows) {
  const auto id = store_->insert_person(make_person("Bùi Thị Xuân")).id;
  Person p = store_->person(id)->person;
  p.full_name = "Bùi Thị Xuân Hương";
  store_->update_person(p);
  const auto found = store_->search_persons({"huong", {kBenNghe}});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].person.id, id);
}

TEST_P(PersonsTest, UpdateOfAnUnknownPersonThrows) {
  Person ghost = make_person("Không Có").person;
  ghost.id = 999;
  EXPECT_THROW(store_->update_person(ghost), StoreError);
}

TEST_P(PersonsTest, UnknownCommuneIsRejectedAndNothingStored) {
  EXPECT_THROW(store_->insert_person(make_person("Ngô Quyền", 99999)), StoreError);
  EXPECT_EQ(store_->person_count(), 0);
}

TEST_P(PersonsTest, PersonsByIdsKeepsTheAskedOrderAndSkipsUnknownIds) {
  const auto a = store_->insert_person(make_person("An")).id;
  const auto b = store_->insert_person(make_person("Bình")).id;
  const std::vector<PersonId> ids = {b, 12345, a};
  const auto found = store_->persons_by_ids(ids);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].person.full_name, "Bình");
  EXPECT_EQ(found[1].person.full_name, "An");
}

TEST_P(PersonsTest, GivenIdIsKept) {
  StoredPerson row = make_person("Mai Hắc Đế");
  row.person.id = 5000;
  EXPECT_EQ(store_->insert_person(row).id, 5000);
  EXPECT_EQ(store_->insert_person(row).outcome, InsertOutcome::already_present);
}

TEST_P(PersonsTest, ScanVisitsEveryPersonInIdOrder) {
  for (const char* name : {"Ba", "Hai", "Một"}) store_->insert_person(make_person(name));
  std::vector<std::string> names;
  PersonId last = 0;
  store_->scan_persons([&](const StoredPerson& p) {
    EXPECT_GT(p.person.id, last);
    last = p.person.id;
    names.push_back(p.person.full_name);
  });
  EXPECT_EQ(names, (std::vector<std::string>{"Ba", "Hai", "Một"}));
}

TEST_P(PersonsTest, HouseholdsAreUpsertedByCommuneAndCode) {
  const auto first = store_->upsert_household({0, "HK-1", kBenNghe, "1 Đồng Khởi"});
  const auto same = store_->upsert_household({0, "HK-1", kBenNghe, "1A Đồng Khởi"});
  const auto other_commune = store_->upsert_household({0, "HK-1", kDaKao, ""});
  EXPECT_EQ(same, first);
  EXPECT_NE(other_commune, first);
  EXPECT_EQ(store_->household(first)->address, "1A Đồng Khởi");
  EXPECT_EQ(store_->household(other_commune)->area_id, kDaKao);
  EXPECT_EQ(store_->household(first + other_commune + 1), std::nullopt);
}

TEST_P(PersonsTest, NewIdsComeAfterAnIdGivenEarlier) {
  StoredPerson given = make_person("Mai Hắc Đế");
  given.person.id = 5000;
  ASSERT_EQ(store_->insert_person(given).id, 5000);
  const PersonId next = store_->insert_person(make_person("Lý Bí")).id;
  EXPECT_GT(next, 5000);
  const PersonId in_batch =
      store_->insert_persons_bulk(std::vector<StoredPerson>{make_person("Triệu Quang Phục")})[0].id;
  EXPECT_GT(in_batch, next);
  EXPECT_EQ(store_->person_count(), 3);
}

PHONGDICH_ON_EVERY_STORE(PersonsTest);

}  // namespace
}  // namespace phongdich::testing
