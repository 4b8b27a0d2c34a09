// Key-value meta and the import journal round trip.
#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

using MetaAndJournalTest = StoreTest;

TEST_P(MetaAndJournalTest, MetaIsSetReplacedAndRead) {
  EXPECT_EQ(store_->meta("area_tree"), std::nullopt);
  store_->set_meta("area_tree", "vn2022");
  store_->set_meta("area_tree", "vn2025");
  EXPECT_EQ(store_->meta("area_tree"), "vn2025");
}

TEST_P(MetaAndJournalTest, ImportJournalRoundTripAndProgress) {
  const std::string digest(64, 'a');
  EXPECT_EQ(store_->import_journal(digest), std::nullopt);

  store_->save_import_journal({digest, "persons", 50'000, false});
  auto journal = store_->import_journal(digest);
  ASSERT_TRUE(journal.has_value());
  EXPECT_EQ(journal->file_digest, digest);
  EXPECT_EQ(journal->kind, "persons");
  EXPECT_EQ(journal->lines_committed, 50'000);
  EXPECT_FALSE(journal->finished);

  store_->save_import_journal({digest, "persons", 120'345, true});
  journal = store_->import_journal(digest);
  EXPECT_EQ(journal->lines_committed, 120'345);
  EXPECT_TRUE(journal->finished);

  store_->save_import_journal({std::string(64, 'b'), "doses", 7, false});
  EXPECT_EQ(store_->import_journal(std::string(64, 'b'))->kind, "doses");
  EXPECT_EQ(store_->import_journal(digest)->kind, "persons");
}

TEST_P(MetaAndJournalTest, JournalCommitsWithTheBatchItDescribes) {
  // The resume point must never run ahead of the rows: both go in one transaction.
  const std::string digest(64, 'c');
  EXPECT_THROW(store_->transaction([&] {
    store_->insert_persons_bulk(std::vector<StoredPerson>{make_person("Dòng 1")});
    store_->save_import_journal({digest, "persons", 1, false});
    throw std::runtime_error("killed");
  }),
               std::runtime_error);
  EXPECT_EQ(store_->import_journal(digest), std::nullopt);
  EXPECT_EQ(store_->person_count(), 0);
}

PHONGDICH_ON_EVERY_STORE(MetaAndJournalTest);

}  // namespace
}  // namespace phongdich::testing
