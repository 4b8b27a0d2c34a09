// The connection that the read-only PostgreSQL stores of a process share for
// a person's page (store/postgres/pg_shared_reads.hpp): each caller gets its
// own answer, the callers of a moment go out in one batch, a failure stays in
// its batch, and a lost connection is opened again.
#include "store/postgres/pg_shared_reads.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/postgres_store.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

constexpr PgStatement kTwice{"test_twice", "SELECT $1::bigint * 2"};
constexpr PgStatement kDivide{"test_divide", "SELECT 100 / $1::int"};
constexpr PgStatement kBackend{"test_backend", "SELECT pg_backend_pid()"};
// Waits while the test's own connection holds advisory lock $1.
constexpr PgStatement kWaitForLock{"test_wait_for_lock",
                                   "SELECT pg_advisory_xact_lock_shared($1::bigint)"};

class PgSharedReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto server = test_postgres_url();
    if (!server) GTEST_SKIP() << kNoPostgresMessage;
    schema_ = std::make_unique<PostgresTestSchema>(*server);
    reads_ = shared_reads(2);
    control_ = std::make_unique<PgConnection>(schema_->url());
    // Advisory locks are the database's, shared by the tests that CTest runs at
    // once and by the product's own: a key of this test's alone (its control
    // session's pid is unique on the server while the test runs).
    lock_key_ = 1'000'000'000 + control_->exec("SELECT pg_backend_pid()", "pid").int64(0, 0);
  }

  std::shared_ptr<PgSharedReads> shared_reads(size_t lanes) {
    return std::make_shared<PgSharedReads>(
        schema_->url(), std::vector<std::string>{"SET default_transaction_read_only = on"}, lanes);
  }
  int64_t twice(int64_t value) { return reads_->run(kTwice, PgParams().add(value)).int64(0, 0); }
  void hold_lock() {
    control_->exec("SELECT pg_advisory_lock(" + std::to_string(lock_key_) + ")", "hold the lock");
  }
  void let_lock_go() {
    control_->exec("SELECT pg_advisory_unlock(" + std::to_string(lock_key_) + ")",
                   "let the lock go");
  }
  // Waits, on a shared connection, until the control session lets the lock go.
  void wait_for_lock() { reads_->run(kWaitForLock, PgParams().add(lock_key_)); }
  // Sessions waiting for this test's advisory lock (a bigint key below 2^32 is
  // objid, with classid 0 and objsubid 1).
  int64_t lock_waiters() {
    return control_
        ->exec(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND classid = 0 AND objsubid = 1 AND objid = " +
                std::to_string(lock_key_),
            "lock waiters")
        .int64(0, 0);
  }
  // Polls `condition` for up to 30 s (it holds within milliseconds unless broken).
  template <typename Condition>
  static bool eventually(Condition condition) {
    for (int i = 0; i < 3000; ++i) {
      if (condition()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }

  std::unique_ptr<PostgresTestSchema> schema_;
  std::shared_ptr<PgSharedReads> reads_;
  std::unique_ptr<PgConnection> control_;  // the test's own connection to the server
  int64_t lock_key_ = 0;
};

TEST_F(PgSharedReadsTest, EveryThreadGetsTheAnswerToItsOwnStatement) {
  constexpr int kThreads = 8;
  constexpr int kReadsEach = 300;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kReadsEach; ++i) {
        const int64_t value = t * 100'000 + i;
        if (twice(value) != value * 2) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(kThreads, 0));
  EXPECT_EQ(reads_->statements(), static_cast<size_t>(kThreads * kReadsEach));
  EXPECT_LE(reads_->batches(), reads_->statements());
  EXPECT_EQ(reads_->waiting(), 0u);
}

TEST_F(PgSharedReadsTest, CallersArrivingWhileABatchIsOutGoTogetherInTheNext) {
  reads_ = shared_reads(1);
  hold_lock();
  std::thread first([&] { wait_for_lock(); });
  // The first batch is out once the server has it waiting for the lock.
  ASSERT_TRUE(eventually([&] { return lock_waiters() == 1; }));
  constexpr int kLater = 5;
  std::vector<int64_t> answers(kLater, 0);
  std::vector<std::thread> later;
  for (int i = 0; i < kLater; ++i) {
    later.emplace_back([&, i] { answers[i] = twice(i + 1); });
  }
  ASSERT_TRUE(eventually([&] { return reads_->waiting() == kLater; }));
  let_lock_go();
  first.join();
  for (auto& thread : later) thread.join();
  EXPECT_EQ(answers, (std::vector<int64_t>{2, 4, 6, 8, 10}));
  EXPECT_EQ(reads_->batches(), 2u);
  EXPECT_EQ(reads_->statements(), 1u + kLater);
}

TEST_F(PgSharedReadsTest, ABatchOutOnOneLaneHoldsNoCallerOfTheOther) {
  hold_lock();
  std::thread first([&] { wait_for_lock(); });
  ASSERT_TRUE(eventually([&] { return lock_waiters() == 1; }));
  // Answered while the first lane's batch still waits for the lock.
  EXPECT_EQ(twice(21), 42);
  EXPECT_EQ(twice(22), 44);
  EXPECT_EQ(lock_waiters(), 1);
  let_lock_go();
  first.join();
  EXPECT_EQ(reads_->batches(), 3u);
}

TEST_F(PgSharedReadsTest, AFailingStatementFailsItsCallerAndTheNextBatchRuns) {
  try {
    reads_->run(kDivide, PgParams().add(int64_t{0}));
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "22012") << e.what();  // division_by_zero
  }
  EXPECT_EQ(reads_->run(kDivide, PgParams().add(int64_t{4})).int64(0, 0), 25);
  EXPECT_EQ(twice(21), 42);
}

TEST_F(PgSharedReadsTest, ItsSessionIsReadOnly) {
  constexpr PgStatement kWrite{"test_write", "CREATE TABLE written(x int)"};
  try {
    reads_->run(kWrite, PgParams());
    FAIL() << "expected PgError";
  } catch (const PgError& e) {
    EXPECT_EQ(e.sqlstate(), "25006") << e.what();  // read_only_sql_transaction
  }
}

TEST_F(PgSharedReadsTest, AConnectionTheServerEndedIsOpenedAgain) {
  const int64_t before = reads_->run(kBackend, PgParams()).int64(0, 0);
  control_->exec("SELECT pg_terminate_backend(" + std::to_string(before) + ")", "end it");
  // The call that finds the connection gone fails cleanly; the next reconnects.
  std::optional<int64_t> after;
  for (int attempt = 0; attempt < 2 && !after; ++attempt) {
    try {
      after = reads_->run(kBackend, PgParams()).int64(0, 0);
    } catch (const StoreUnavailable&) {
    }
  }
  ASSERT_TRUE(after.has_value());
  EXPECT_NE(*after, before);
  EXPECT_EQ(twice(5), 10);
}

TEST_F(PgSharedReadsTest, ReadOnlyStoresOfOneSessionShareOneInstanceWhileHeld) {
  const std::vector<std::string> setup{"SET jit = off"};
  auto a = PgSharedReads::for_session(schema_->url(), setup);
  auto b = PgSharedReads::for_session(schema_->url(), setup);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a->run(kTwice, PgParams().add(int64_t{1})).int64(0, 0), 2);
  EXPECT_NE(a, PgSharedReads::for_session(schema_->url(), {"SET jit = on"}));
  EXPECT_NE(a, PgSharedReads::for_session(schema_->url() + "&application_name=other", setup));
  a.reset();
  b.reset();
  // A new instance once nobody held the old one, which had run a statement.
  auto again = PgSharedReads::for_session(schema_->url(), setup);
  EXPECT_EQ(again->statements(), 0u);
}

TEST_F(PgSharedReadsTest, AReadOnlyStoreReadsAPersonsPageThroughTheSharedConnection) {
  PostgresStore writer(schema_->url());
  writer.replace_areas(test_forest());
  const PersonId id = writer.insert_person(make_person("Trần Thị Chia")).id;
  ASSERT_EQ(writer.insert_dose(make_dose(id, "2021-09-01")).outcome, InsertOutcome::inserted);

  PostgresStore reader(schema_->url(), OpenMode::read_only);
  auto shared = PgSharedReads::for_session(
      schema_->url(), {"SET jit = off", "SET default_transaction_read_only = on"});
  const size_t before = shared->statements();
  const auto found = reader.person_with_doses(id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->first.person.full_name, "Trần Thị Chia");
  ASSERT_EQ(found->second.size(), 1u);
  EXPECT_EQ(found->second[0].product, "AZ");
  EXPECT_EQ(shared->statements(), before + 1);
  EXPECT_FALSE(reader.person_with_doses(id + 1000).has_value());
  // Inside a transaction the store reads on its own connection, in that transaction.
  reader.transaction([&] { EXPECT_TRUE(reader.person_with_doses(id).has_value()); });
  EXPECT_EQ(shared->statements(), before + 2);
}

}  // namespace
}  // namespace phongdich::testing
