// transaction(): all or nothing, nested calls join the outer one.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

using TransactionTest = StoreTest;

TEST_P(TransactionTest, ExceptionRollsBackEveryWrite) {
  EXPECT_THROW(store_->transaction([&] {
    store_->insert_person(make_person("Một"));
    store_->insert_persons_bulk(std::vector<StoredPerson>{make_person("Hai"), make_person("Ba")});
    store_->set_meta("last_import", "today");
    throw std::runtime_error("validation failed half-way");
  }),
               std::runtime_error);
  EXPECT_EQ(store_->person_count(), 0);
  EXPECT_EQ(store_->meta("last_import"), std::nullopt);
}

TEST_P(TransactionTest, CommittedWorkSurvivesReopening) {
  store_->transaction([&] {
    store_->insert_person(make_person("Bền Vững"));
    store_->set_meta("k", "v");
  });
  store_.reset();
  const auto reopened = open_again();
  EXPECT_EQ(reopened->person_count(), 1);
  EXPECT_EQ(reopened->meta("k"), "v");
}

TEST_P(TransactionTest, NestedWorkIsCommittedWithTheOuterTransaction) {
  const auto observer = open_again();  // a second connection sees only committed data
  store_->transaction([&] {
    store_->transaction([&] { store_->insert_person(make_person("Trong")); });
    EXPECT_EQ(store_->person_count(), 1);
    EXPECT_EQ(observer->person_count(), 0);  // the inner call did not commit on its own
  });
  EXPECT_EQ(observer->person_count(), 1);
}

TEST_P(TransactionTest, ACaughtInnerFailureUndoesOnlyTheInnerWrites) {
  store_->transaction([&] {
    store_->insert_person(make_person("Ngoài", kBenNghe, "outer"));
    try {
      store_->transaction([&] {
        store_->insert_person(make_person("Trong", kBenNghe, "inner"));
        throw std::runtime_error("inner step failed");
      });
    } catch (const std::runtime_error&) {
    }
  });
  EXPECT_TRUE(store_->person_by_external_ref("outer").has_value());
  EXPECT_FALSE(store_->person_by_external_ref("inner").has_value());
}

TEST_P(TransactionTest, AnInnerFailureLeftUncaughtRollsBackTheOuterWork) {
  EXPECT_THROW(store_->transaction([&] {
    store_->insert_person(make_person("Ngoài"));
    store_->transaction([&] { throw std::runtime_error("inner"); });
  }),
               std::runtime_error);
  EXPECT_EQ(store_->person_count(), 0);
  // And the store can start a new transaction afterwards.
  store_->transaction([&] { store_->insert_person(make_person("Sau")); });
  EXPECT_EQ(store_->person_count(), 1);
}

TEST_P(TransactionTest, ACaughtFailedWriteUndoesOnlyThatWrite) {
  // As a failed statement in SQLite: the transaction goes on without it.
  store_->transaction([&] {
    store_->insert_person(make_person("Trước", kBenNghe, "before"));
    EXPECT_THROW(store_->insert_person(make_person("Sai", 424242, "bad")), StoreError);
    EXPECT_THROW(store_->insert_dose(make_dose(999'999, "2021-08-01")), StoreError);
    store_->insert_person(make_person("Sau", kBenNghe, "after"));
  });
  EXPECT_TRUE(store_->person_by_external_ref("before").has_value());
  EXPECT_TRUE(store_->person_by_external_ref("after").has_value());
  EXPECT_FALSE(store_->person_by_external_ref("bad").has_value());
}

PHONGDICH_ON_EVERY_STORE(TransactionTest);

}  // namespace
}  // namespace phongdich::testing
