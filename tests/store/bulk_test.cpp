// Bulk import: per-row outcomes in one transaction, idempotent when repeated.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

using BulkTest = StoreTest;

std::vector<StoredPerson> numbered_persons(int count) {
  std::vector<StoredPerson> rows;
  for (int i = 0; i < count; ++i) {
    StoredPerson row = make_person("Người Số " + std::to_string(i), i % 2 ? kBenNghe : kDaKao,
                                   "batch:" + std::to_string(i));
    if (i % 3 == 0) row.person.citizen_id = "0791900" + std::to_string(10000 + i);
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST_F(BulkTest, OutcomesPerRow) {
  StoredPerson holder = make_person("Chủ Số CCCD", kBenNghe, "holder");
  holder.person.citizen_id = "079190099999";
  const auto holder_id = store_->insert_person(holder).id;

  StoredPerson fresh = make_person("Mới", kBenNghe, "new");
  StoredPerson repeated = make_person("Mới lặp lại", kBenNghe, "new");  // same ref, same batch
  StoredPerson known = make_person("Đã có", kBenNghe, "holder");
  StoredPerson conflict = make_person("Trùng CCCD", kBenNghe, "other");
  conflict.person.citizen_id = "079190099999";
  const std::vector<StoredPerson> rows = {fresh, repeated, known, conflict};

  const auto results = store_->insert_persons_bulk(rows);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0].outcome, InsertOutcome::inserted);
  EXPECT_EQ(results[1].outcome, InsertOutcome::already_present);
  EXPECT_EQ(results[1].id, results[0].id);
  EXPECT_EQ(results[2].outcome, InsertOutcome::already_present);
  EXPECT_EQ(results[2].id, holder_id);
  EXPECT_EQ(results[3].outcome, InsertOutcome::citizen_id_taken);
  EXPECT_EQ(store_->person_count(), 2);
}

TEST_F(BulkTest, SamePersonBatchTwiceAddsNothing) {
  const auto rows = numbered_persons(500);
  const auto first = store_->insert_persons_bulk(rows);
  const auto second = store_->insert_persons_bulk(rows);
  EXPECT_EQ(store_->person_count(), 500);
  ASSERT_EQ(second.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(first[i].outcome, InsertOutcome::inserted) << i;
    EXPECT_EQ(second[i].outcome, InsertOutcome::already_present) << i;
    EXPECT_EQ(second[i].id, first[i].id) << i;
  }
}

TEST_F(BulkTest, SameDoseBatchTwiceAddsNothing) {
  const auto persons = store_->insert_persons_bulk(numbered_persons(100));
  std::vector<DoseRecord> doses;
  for (const auto& p : persons) {
    doses.push_back(make_dose(p.id, "2021-08-01"));
    doses.push_back(make_dose(p.id, "2021-09-15", "PFIZER"));
  }
  const auto first = store_->insert_doses_bulk(doses);
  const auto second = store_->insert_doses_bulk(doses);
  EXPECT_EQ(store_->dose_count(), 200);
  for (size_t i = 0; i < doses.size(); ++i) {
    EXPECT_EQ(first[i].outcome, InsertOutcome::inserted) << i;
    EXPECT_EQ(second[i].outcome, InsertOutcome::already_present) << i;
    EXPECT_EQ(second[i].id, first[i].id) << i;
  }
}

TEST_F(BulkTest, ABadRowRollsBackTheWholeBatch) {
  auto rows = numbered_persons(50);
  rows[30].person.area_id = 424242;  // no such commune
  EXPECT_THROW(store_->insert_persons_bulk(rows), StoreError);
  EXPECT_EQ(store_->person_count(), 0);
  // The store is usable afterwards.
  rows[30].person.area_id = kBenNghe;
  EXPECT_EQ(store_->insert_persons_bulk(rows).size(), 50u);
  EXPECT_EQ(store_->person_count(), 50);
}

TEST_F(BulkTest, EmptyBatchesAreFine) {
  EXPECT_TRUE(store_->insert_persons_bulk({}).empty());
  EXPECT_TRUE(store_->insert_doses_bulk({}).empty());
}

}  // namespace
}  // namespace phongdich::testing
