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

// A person of Bến Nghé with these keys (empty text and id 0: none).
StoredPerson person_with(std::string name, std::string ref, std::string citizen_id, PersonId id) {
  StoredPerson row = make_person(std::move(name), kBenNghe, std::move(ref));
  if (!citizen_id.empty()) row.person.citizen_id = std::move(citizen_id);
  row.person.id = id;
  return row;
}

TEST_P(BulkTest, OutcomesPerRow) {
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

TEST_P(BulkTest, SamePersonBatchTwiceAddsNothing) {
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

TEST_P(BulkTest, SameDoseBatchTwiceAddsNothing) {
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

TEST_P(BulkTest, ABadRowRollsBackTheWholeBatch) {
  auto rows = numbered_persons(50);
  rows[30].person.area_id = 424242;  // no such commune
  EXPECT_THROW(store_->insert_persons_bulk(rows), StoreError);
  EXPECT_EQ(store_->person_count(), 0);
  // The store is usable afterwards.
  rows[30].person.area_id = kBenNghe;
  EXPECT_EQ(store_->insert_persons_bulk(rows).size(), 50u);
  EXPECT_EQ(store_->person_count(), 50);
}

TEST_P(BulkTest, EmptyBatchesAreFine) {
  EXPECT_TRUE(store_->insert_persons_bulk({}).empty());
  EXPECT_TRUE(store_->insert_doses_bulk({}).empty());
}

// A batch decides each row as inserting the rows one by one would: the same
// outcomes, and ids that name the same persons.
TEST_P(BulkTest, ABatchAnswersAsRowByRowInsertsWould) {
  // Already in the table before the batch.
  const std::vector<StoredPerson> before = {
      person_with("Có Sẵn", "old", "079100000001", 0),
      person_with("Có Id", "", "", 700),
  };
  const std::vector<StoredPerson> batch = {
      person_with("Một", "r1", "079100000010", 0),
      person_with("Hai", "r2", "", 0),
      person_with("Một Lặp", "r1", "", 0),                    // ref earlier in the batch
      person_with("Trùng CCCD Lô", "r3", "079100000010", 0),  // citizen ID earlier in the batch
      person_with("Trùng CCCD Cũ", "r4", "079100000001", 0),  // citizen ID in the table
      person_with("Ref Cũ", "old", "079100000099", 0),        // ref in the table wins over the rest
      person_with("Id Cho", "r5", "", 900),
      person_with("Id Cho Lặp", "r6", "", 900),  // given id earlier in the batch
      person_with("Id Cũ", "r7", "", 700),       // given id in the table
      person_with("Không Ref", "", "", 0),
      person_with("Không Ref", "", "", 0),  // no keys: both kept
      person_with("Ba", "r8", "", 0),
  };
  const auto other = open_empty();
  other->replace_areas(test_forest());
  for (const auto& row : before) {
    store_->insert_person(row);
    other->insert_person(row);
  }
  const auto bulk = store_->insert_persons_bulk(batch);
  std::vector<PersonInsertResult> one_by_one;
  for (const auto& row : batch) one_by_one.push_back(other->insert_person(row));

  ASSERT_EQ(bulk.size(), batch.size());
  auto name_of = [](Store& store, PersonId id) {
    const auto p = store.person(id);
    return p ? p->person.full_name : "(none)";
  };
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(bulk[i].outcome, one_by_one[i].outcome) << "row " << i;
    EXPECT_EQ(name_of(*store_, bulk[i].id), name_of(*other, one_by_one[i].id)) << "row " << i;
  }
  EXPECT_EQ(store_->person_count(), other->person_count());
  EXPECT_EQ(bulk[6].id, 900);
  EXPECT_EQ(bulk[7].outcome, InsertOutcome::already_present);
}

// The same on tables that hold none of the batch's keys, where a PostgreSQL
// batch does not look them up: the repeats within the batch alone decide.
TEST_P(BulkTest, ABatchOnEmptyTablesAnswersAsRowByRowInsertsWould) {
  const std::vector<StoredPerson> batch = {
      person_with("Một", "r1", "079100000010", 0),
      person_with("Một Lặp", "r1", "", 0),                    // ref earlier in the batch
      person_with("Trùng CCCD Lô", "r2", "079100000010", 0),  // citizen ID earlier in the batch
      person_with("Id Cho", "r3", "", 900),
      person_with("Id Cho Lặp", "r4", "", 900),  // given id earlier in the batch
      person_with("Không Ref", "", "", 0),
      person_with("Hai", "r5", "", 0),
  };
  const auto other = open_empty();
  other->replace_areas(test_forest());
  const auto bulk = store_->insert_persons_bulk(batch);
  std::vector<PersonInsertResult> one_by_one;
  for (const auto& row : batch) one_by_one.push_back(other->insert_person(row));
  ASSERT_EQ(bulk.size(), batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(bulk[i].outcome, one_by_one[i].outcome) << "row " << i;
    EXPECT_EQ(store_->person(bulk[i].id)->person.full_name,
              other->person(one_by_one[i].id)->person.full_name)
        << "row " << i;
  }
  EXPECT_EQ(store_->person_count(), 4);

  // Doses: the same day twice for one person.
  std::vector<DoseRecord> doses = {make_dose(bulk[0].id, "2021-09-01", "PFIZER"),
                                   make_dose(bulk[0].id, "2021-09-01", "MODERNA"),
                                   make_dose(bulk[6].id, "2021-09-01", "PFIZER")};
  const auto dose_results = store_->insert_doses_bulk(doses);
  EXPECT_EQ(dose_results[0].outcome, InsertOutcome::inserted);
  EXPECT_EQ(dose_results[1].outcome, InsertOutcome::already_present);
  EXPECT_EQ(dose_results[1].id, dose_results[0].id);
  EXPECT_EQ(dose_results[2].outcome, InsertOutcome::inserted);
  EXPECT_EQ(store_->dose_count(), 2);
}

TEST_P(BulkTest, ADoseBatchAnswersAsRowByRowInsertsWould) {
  const PersonId an = store_->insert_person(make_person("An", kBenNghe, "an")).id;
  const PersonId binh = store_->insert_person(make_person("Bình", kBenNghe, "binh")).id;
  store_->insert_dose(make_dose(an, "2021-08-01", "AZ"));
  DoseRecord given = make_dose(binh, "2021-10-01", "MODERNA");
  given.id = 800;
  const std::vector<DoseRecord> batch = {
      make_dose(an, "2021-08-01", "PFIZER"),  // that day is in the table
      make_dose(an, "2021-09-01", "PFIZER"),
      make_dose(an, "2021-09-01", "MODERNA"),  // that day earlier in the batch
      given,
      make_dose(binh, "2021-11-01", "AZ"),
  };
  const auto results = store_->insert_doses_bulk(batch);
  ASSERT_EQ(results.size(), batch.size());
  const std::vector<InsertOutcome> expected = {
      InsertOutcome::already_present, InsertOutcome::inserted, InsertOutcome::already_present,
      InsertOutcome::inserted, InsertOutcome::inserted};
  for (size_t i = 0; i < batch.size(); ++i) EXPECT_EQ(results[i].outcome, expected[i]) << i;
  EXPECT_EQ(results[0].id, store_->doses_of(an).at(0).id);
  EXPECT_EQ(results[2].id, results[1].id);
  EXPECT_EQ(results[3].id, 800);
  EXPECT_EQ(store_->doses_of(an).at(1).product, "PFIZER");
  EXPECT_EQ(store_->dose_count(), 4);
}

TEST_P(BulkTest, TextWithTabsNewlinesAndBackslashesRoundTrips) {
  // COPY's text format gives these characters a meaning of their own.
  const StoredPerson row = make_person("Tab\tTên\r\n\\Mới", kBenNghe, "ref\t1");
  const auto id = store_->insert_persons_bulk(std::vector<StoredPerson>{row})[0].id;
  EXPECT_EQ(store_->person(id)->person.full_name, row.person.full_name);
  EXPECT_EQ(store_->person(id)->external_ref, "ref\t1");
}

PHONGDICH_ON_EVERY_STORE(BulkTest);

}  // namespace
}  // namespace phongdich::testing
