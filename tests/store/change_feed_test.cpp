// The PostgreSQL change feed (store/change_feed.hpp): what other processes
// commit comes out once, in whichever order their transactions commit, a
// transaction that began earlier but committed later included; this process's
// own writes do not.
#include <gtest/gtest.h>

#include "common/postgres_test_schema.hpp"
#include "store/postgres/postgres_change_feed.hpp"
#include "store/postgres/postgres_store.hpp"

namespace phongdich::testing {
namespace {

class ChangeFeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto url = test_postgres_url();
    if (!url) GTEST_SKIP() << kNoPostgresMessage;
    schema_ = std::make_unique<PostgresTestSchema>(*url);
    store_ = std::make_unique<PostgresStore>(schema_->url());  // migrates
    store_->db().exec(
        "INSERT INTO areas(id, tree, code, name, level, province_id) "
        "VALUES (79, 't', '79', 'Tỉnh', 1, 79), (27208, 't', '27208', 'Phường', 3, 79)",
        "areas");
  }

  // A connection that writes as another process would.
  std::unique_ptr<PgConnection> other_process() {
    auto db = std::make_unique<PgConnection>(schema_->url());
    db->exec("SET phongdich.origin = 'another-server'", "origin");
    return db;
  }

  static void insert_person(PgConnection& db, const std::string& name) {
    db.query(
        "INSERT INTO persons(province_id, full_name, folded_name, sex, birth_date, area_id) "
        "VALUES (79, $1, $1, 0, 0, 27208)",
        PgParams().add(name), "insert person");
  }

  static std::vector<std::string> names(const StoreChanges& changes) {
    std::vector<std::string> out;
    for (const StoredPerson& p : changes.persons) out.push_back(p.person.full_name);
    return out;
  }

  std::unique_ptr<PostgresTestSchema> schema_;
  std::unique_ptr<PostgresStore> store_;
};

TEST_F(ChangeFeedTest, AnEarlierTransactionCommittingLaterIsNotSkipped) {
  PostgresChangeFeed feed(schema_->url());
  EXPECT_TRUE(feed.poll().empty());

  auto slow = other_process();
  auto quick = other_process();
  slow->exec("BEGIN", "begin");
  insert_person(*slow, "slow");  // takes its transaction id first
  insert_person(*quick, "quick");

  EXPECT_EQ(names(feed.poll()), std::vector<std::string>{"quick"});
  slow->exec("COMMIT", "commit");
  // A sequence-ordered reader that remembered "the last seen" would skip it.
  EXPECT_EQ(names(feed.poll()), std::vector<std::string>{"slow"});
  EXPECT_TRUE(feed.poll().empty()) << "each change comes out once";
}

TEST_F(ChangeFeedTest, OwnWritesAreLeftOutAndOtherTablesAreNamed) {
  PostgresChangeFeed feed(schema_->url());
  StoredPerson mine;
  mine.person.full_name = "Của Tôi";
  mine.person.area_id = 27208;
  const PersonId id = store_->insert_person(mine).id;
  EXPECT_TRUE(feed.poll().empty()) << "this process's own write";

  auto other = other_process();
  other->query(
      "INSERT INTO doses(province_id, person_id, dose_date, product, kind, number_in_series) "
      "VALUES (79, $1, 19000, 'PFIZER', 0, 1)",
      PgParams().add(id), "dose");
  const StoreChanges changes = feed.poll();
  ASSERT_EQ(changes.doses.size(), 1u);
  EXPECT_EQ(changes.doses[0].person_id, id);
  EXPECT_EQ(changes.doses[0].product, "PFIZER");
  EXPECT_TRUE(changes.persons.empty());
}

TEST_F(ChangeFeedTest, ABulkStatementIsOneLogRow) {
  PostgresChangeFeed feed(schema_->url());
  auto other = other_process();
  other->exec(
      "INSERT INTO persons(province_id, full_name, folded_name, sex, birth_date, area_id) "
      "SELECT 79, 'p' || i, 'p' || i, 0, 0, 27208 FROM generate_series(1, 5000) i",
      "bulk");
  EXPECT_EQ(feed.poll().persons.size(), 5000u);
  EXPECT_EQ(store_->db().exec("SELECT count(*) FROM change_log", "log").int64(0, 0), 1);
}

}  // namespace
}  // namespace phongdich::testing
