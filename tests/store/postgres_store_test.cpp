// What only the PostgreSQL store has: its migrations, read-only sessions, the
// province_id distribution column, error messages, and the plans of its searches.
// The behaviour both stores share is tested on both in the other files.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "store/postgres/postgres_migrations.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto server = test_postgres_url();
    if (!server) GTEST_SKIP() << kNoPostgresMessage;
    schema_ = std::make_unique<PostgresTestSchema>(*server);
    store_ = std::make_unique<PostgresStore>(schema_->url());
    store_->replace_areas(test_forest());
  }
  // The single value of `sql` run on the store's connection.
  std::string value(const std::string& sql) {
    const PgResult result = store_->db().exec(sql, "test query");
    return result.empty() ? "" : std::string(result.text(0, 0));
  }

  std::unique_ptr<PostgresTestSchema> schema_;
  std::unique_ptr<PostgresStore> store_;  // closed before the schema is dropped
};

TEST(PostgresMigrations, VersionsAreNumberedInOrderWithoutGaps) {
  int expected = 1;
  for (const PgMigration& migration : postgres_migrations()) {
    EXPECT_EQ(migration.version, expected++);
  }
}

TEST_F(PostgresStoreTest, FreshSchemaGetsEveryMigrationOnceAndReopeningAppliesNone) {
  const int latest = postgres_migrations().back().version;
  EXPECT_EQ(postgres_schema_version(store_->db()), latest);
  EXPECT_EQ(value("SELECT count(*) FROM schema_migrations"), std::to_string(latest));
  store_->set_meta("kept", "yes");
  PostgresStore reopened(schema_->url());
  EXPECT_EQ(apply_postgres_migrations(reopened.db(), postgres_migrations()), 0);
  EXPECT_EQ(reopened.meta("kept"), "yes");
}

TEST_F(PostgresStoreTest, OlderSchemaIsUpgradedAndKeepsItsData) {
  PostgresTestSchema old_schema(*test_postgres_url());
  {
    PgConnection old_program(old_schema.url());
    EXPECT_EQ(apply_postgres_migrations(old_program, postgres_migrations().first(2)), 2);
    old_program.exec("INSERT INTO meta(key, value) VALUES ('written_by', 'version 2')", "seed");
  }
  PostgresStore upgraded(old_schema.url());
  EXPECT_EQ(postgres_schema_version(upgraded.db()), postgres_migrations().back().version);
  EXPECT_EQ(upgraded.meta("written_by"), "version 2");
  upgraded.replace_areas(test_forest());
  UserRecord user;
  user.username = "bs.lan";
  user.password_hash = "x";
  user.role = "auditor";
  user.area_id = kProvince;
  EXPECT_TRUE(upgraded.insert_user(user).has_value());
}

TEST_F(PostgresStoreTest, SchemaOfANewerProgramIsRefused) {
  store_->db().exec("INSERT INTO schema_migrations(version, applied_at) VALUES (999, 0)", "seed");
  try {
    PostgresStore newer(schema_->url());
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresStoreTest, ReadOnlySessionReadsAndRefusesWrites) {
  store_->set_meta("k", "v");
  const auto reader = open_store(schema_->url(), OpenMode::read_only);
  EXPECT_EQ(reader->meta("k"), "v");
  try {
    reader->set_meta("k", "changed");
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), kReadOnlyTransaction) << e.what();
  }
  EXPECT_THROW(reader->insert_person(make_person("Chỉ Đọc")), StoreError);
  // Transactions and scans still work for reading.
  int visited = 0;
  reader->transaction([&] { reader->scan_persons([&](const StoredPerson&) { ++visited; }); });
  EXPECT_EQ(visited, 0);
  EXPECT_EQ(store_->meta("k"), "v");
}

TEST_F(PostgresStoreTest, EveryPersonalRowCarriesTheProvinceOfItsArea) {
  const HouseholdId household = store_->upsert_household({0, "HK-1", kBenNghe, ""});
  store_->upsert_households(std::vector<Household>{{0, "HK-2", kDaKao, ""}});
  StoredPerson row = make_person("Nguyễn Văn An", kBenNghe, "ref-1");
  row.person.household_id = household;
  const PersonId in_hcmc = store_->insert_person(row).id;
  const PersonId in_new_tree = store_
                                   ->insert_persons_bulk(std::vector<StoredPerson>{
                                       make_person("Lê Thị Hoa", kSaiGon2025)})[0]
                                   .id;
  store_->insert_dose(make_dose(in_hcmc, "2021-08-01"));
  store_->insert_doses_bulk(std::vector<DoseRecord>{make_dose(in_new_tree, "2021-08-02")});
  AuditEntry entry;
  entry.seq = 1;
  entry.area_id = kDaKao;
  store_->append_audit(entry);
  entry.seq = 2;
  entry.area_id = 0;
  store_->append_audit(entry);

  const std::string province = std::to_string(kProvince);
  // A commune without a province above it (the test's vn2025 commune) is its own shard key.
  const std::string own = std::to_string(kSaiGon2025);
  EXPECT_EQ(value("SELECT string_agg(DISTINCT province_id::text, ',') FROM households"), province);
  EXPECT_EQ(value("SELECT province_id FROM persons WHERE id = " + std::to_string(in_hcmc)),
            province);
  EXPECT_EQ(value("SELECT province_id FROM persons WHERE id = " + std::to_string(in_new_tree)),
            own);
  EXPECT_EQ(value("SELECT string_agg(province_id::text, ',' ORDER BY dose_date) FROM doses"),
            province + "," + own);
  EXPECT_EQ(value("SELECT string_agg(province_id::text, ',' ORDER BY seq) FROM audit_log"),
            province + ",0");

  // A person who moves takes their doses along.
  Person moved = store_->person(in_hcmc)->person;
  moved.area_id = kSaiGon2025;
  store_->update_person(moved);
  EXPECT_EQ(value("SELECT string_agg(DISTINCT province_id::text, ',') FROM doses"), own);
}

// Another connection takes a key of a bulk batch and holds it uncommitted until
// the batch's COPY waits on it, then commits: the batch must answer as if it
// had come second.
void race_bulk_batch_against_another_writer(PostgresStore& store, const std::string& url) {
  PgConnection other(url);
  other.exec("BEGIN", "begin");
  const PgResult taken = other.exec(
      "INSERT INTO persons(province_id, external_ref, full_name, folded_name, sex, birth_date, "
      "area_id, comorbidities, flags) VALUES (0, 'ref-raced', 'Trần Hưng Đạo', 'tran hung dao', "
      "1, 0, " +
          std::to_string(kBenNghe) + ", 0, 0) RETURNING id",
      "the other writer");
  const int64_t other_id = taken.int64(0, 0);
  const int64_t persons_before = store.person_count();

  std::vector<PersonInsertResult> results;
  std::string batch_error;
  std::thread batch([&] {
    try {
      results = store.insert_persons_bulk(
          std::vector<StoredPerson>{make_person("Trần Quốc Toản", kBenNghe, "ref-raced"),
                                    make_person("Phạm Ngũ Lão", kBenNghe, "ref-free")});
    } catch (const std::exception& e) {
      batch_error = e.what();
    }
  });
  // The batch's COPY waits on the other writer's uncommitted key; then it commits.
  PgConnection watcher(url);
  bool copy_waited = false;
  for (int i = 0; i < 1000 && !copy_waited; ++i) {
    const PgResult waiting = watcher.exec(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND query LIKE 'COPY persons%'",
        "watch");
    copy_waited = waiting.int64(0, 0) > 0;
    if (!copy_waited) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  other.exec("COMMIT", "commit");
  batch.join();
  EXPECT_TRUE(copy_waited) << "the batch never reached its COPY while the key was held";
  ASSERT_EQ(batch_error, "");

  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, InsertOutcome::already_present);
  EXPECT_EQ(results[0].id, other_id);
  EXPECT_EQ(results[1].outcome, InsertOutcome::inserted);
  EXPECT_EQ(store.person_count(), persons_before + 2);
  EXPECT_EQ(store.person(results[1].id)->person.full_name, "Phạm Ngũ Lão");
}

// A fresh store copies its first batch without looking its keys up: the COPY
// meets the key, and the batch is decided again with the look-up.
TEST_F(PostgresStoreTest, BulkBatchAssumingItsKeysFreeAnswersAsIfItCameSecond) {
  race_bulk_batch_against_another_writer(*store_, schema_->url());
}

// After a batch that met taken keys, batches look their keys up first; when the
// key is taken between that look-up and the COPY, the batch is written row by row.
TEST_F(PostgresStoreTest, BulkBatchRacingAnotherWriterAfterItsLookUpAnswersAsIfItCameSecond) {
  const auto first = store_->insert_persons_bulk(
      std::vector<StoredPerson>{make_person("Lý Thường Kiệt", kBenNghe, "ref-first")});
  ASSERT_EQ(first[0].outcome, InsertOutcome::inserted);
  // The same person again: this batch meets a taken key, and so will look up the next.
  const auto again = store_->insert_persons_bulk(
      std::vector<StoredPerson>{make_person("Lý Thường Kiệt", kBenNghe, "ref-first")});
  ASSERT_EQ(again[0].outcome, InsertOutcome::already_present);
  EXPECT_EQ(again[0].id, first[0].id);
  race_bulk_batch_against_another_writer(*store_, schema_->url());
}

TEST_F(PostgresStoreTest, ErrorsCarryTheSqlstateAndNoSql) {
  StoredPerson row = make_person("Người Thử", 424242, "secret-ref-7");
  try {
    store_->insert_person(row);
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.sqlstate(), kForeignKeyViolation) << message;
    EXPECT_EQ(message.find("INSERT"), std::string::npos) << message;
    EXPECT_EQ(message.find("secret-ref-7"), std::string::npos) << message;
  }
}

TEST_F(PostgresStoreTest, NameSearchesReadTheirIndexesInOrder) {
  // Planner choices on a near-empty table are not the ones on a full one: keep
  // sequential scans out so that the plan shows which index can serve the query.
  store_->db().exec("SET enable_seqscan = off; SET enable_bitmapscan = off", "test setting");
  auto plan = [&](const std::string& sql) {
    const PgResult rows = store_->db().exec("EXPLAIN " + sql, "explain");
    std::string text;
    for (int i = 0; i < rows.rows(); ++i) text += std::string(rows.text(i, 0)) + "\n";
    return text;
  };
  const std::string nationwide = plan(
      "SELECT id FROM persons WHERE folded_name LIKE 'nguyen%' ORDER BY folded_name, id LIMIT 50");
  EXPECT_NE(nationwide.find("persons_name"), std::string::npos) << nationwide;
  EXPECT_EQ(nationwide.find("Sort"), std::string::npos) << nationwide;
  const std::string commune =
      plan("SELECT id FROM persons WHERE area_id = 26740 ORDER BY folded_name, id LIMIT 50");
  EXPECT_NE(commune.find("persons_area_name"), std::string::npos) << commune;
  EXPECT_EQ(commune.find("Sort"), std::string::npos) << commune;
}

}  // namespace
}  // namespace phongdich::testing
