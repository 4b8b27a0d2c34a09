// The audit trail's chain: appends link each entry to the one before, and
// verification finds an edited, deleted, inserted or cut-off entry made with
// raw SQL behind the program's back.
#include "app/audit_log.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/temp_dir.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace phongdich::testing {
namespace {

constexpr int64_t kStartMs = 1'700'000'000'000;
const std::string kZeros(64, '0');

AuditEvent event(int i) {
  AuditEvent e;
  e.user_id = 3;
  e.actor = "bs.lan";
  e.action = i % 2 == 0 ? "person.read" : "dose.create";
  e.target = "person:" + std::to_string(100 + i);
  e.area_id = 27208;
  e.remote = "10.1.2.3";
  e.detail = "entry " + std::to_string(i);
  return e;
}

class AuditLogTest : public ::testing::Test {
 protected:
  AuditLogTest() : store_(std::make_unique<SqliteStore>(dir_.file("audit.db"))), log_(*store_) {}

  void append_entries(int count) {
    for (int i = 1; i <= count; ++i) log_.append(event(i), kStartMs + i);
  }
  void sql(const std::string& statement) { store_->db().exec(statement); }

  TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
  AuditLog log_;
};

TEST_F(AuditLogTest, EntriesAreNumberedAndChained) {
  const AuditEntry first = log_.append(event(1), kStartMs);
  const AuditEntry second = log_.append(event(2), kStartMs + 5);
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.prev_hash, kZeros);
  EXPECT_EQ(first.hash, AuditLog::entry_hash(first));
  EXPECT_EQ(first.hash.size(), 64u);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_EQ(second.at_ms, kStartMs + 5);
  EXPECT_EQ(second.actor, "bs.lan");
  EXPECT_EQ(second.outcome, "ok");
  EXPECT_EQ(store_->meta("audit.head"), "2 " + second.hash);
}

// The server flushes buffered read entries together: chained as if one by one.
TEST_F(AuditLogTest, EntriesAppendedTogetherAreChainedAsOneByOne) {
  log_.append(event(1), kStartMs);
  std::vector<std::pair<AuditEvent, int64_t>> events;
  for (int i = 2; i <= 5; ++i) events.emplace_back(event(i), kStartMs + i);
  log_.append_all(events);
  std::vector<AuditEntry> entries;
  store_->scan_audit([&](const AuditEntry& e) { entries.push_back(e); });
  ASSERT_EQ(entries.size(), 5u);
  for (size_t i = 1; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(entries[i].prev_hash, entries[i - 1].hash);
    EXPECT_EQ(entries[i].hash, AuditLog::entry_hash(entries[i]));
  }
  EXPECT_EQ(store_->meta("audit.head"), "5 " + entries.back().hash);
  EXPECT_TRUE(log_.verify().intact);
}

TEST_F(AuditLogTest, HashCoversEveryField) {
  const AuditEntry entry = log_.append(event(1), kStartMs);
  const std::string original = AuditLog::entry_hash(entry);
  auto changed = [&](auto&& change) {
    AuditEntry copy = entry;
    change(copy);
    return AuditLog::entry_hash(copy) != original;
  };
  EXPECT_TRUE(changed([](AuditEntry& e) { e.seq += 1; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.at_ms += 1; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.user_id += 1; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.actor += "x"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.action = "person.update"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.target = "person:1"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.area_id += 1; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.remote = "cli"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.outcome = "denied"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.detail.clear(); }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.prev_hash[0] = '1'; }));
  EXPECT_FALSE(changed([](AuditEntry& e) { e.hash = "anything"; }));
}

TEST_F(AuditLogTest, FieldBoundariesCannotBeShifted) {
  AuditEntry a;
  a.actor = "bs.lan";
  a.action = "person.read";
  AuditEntry b = a;
  b.actor = "bs.lanperson.read";
  b.action = "";
  EXPECT_NE(AuditLog::entry_hash(a), AuditLog::entry_hash(b));
}

TEST_F(AuditLogTest, EmptyTrailVerifies) {
  const AuditVerification result = log_.verify();
  EXPECT_TRUE(result.intact);
  EXPECT_EQ(result.entries, 0);
  EXPECT_FALSE(result.first_bad_seq.has_value());
}

TEST_F(AuditLogTest, UntouchedChainVerifies) {
  append_entries(50);
  const AuditVerification result = log_.verify();
  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_EQ(result.entries, 50);
  EXPECT_FALSE(result.first_bad_seq.has_value());
  EXPECT_TRUE(result.problem.empty());
}

TEST_F(AuditLogTest, AppendJoinsTheCallersTransaction) {
  append_entries(2);
  EXPECT_THROW(store_->transaction([&] {
    log_.append(event(3), kStartMs + 3);
    throw StoreError("the write this entry describes failed");
  }),
               StoreError);
  EXPECT_EQ(store_->last_audit_entry()->seq, 2);
  EXPECT_TRUE(log_.verify().intact);
  EXPECT_EQ(log_.append(event(3), kStartMs + 3).seq, 3);
}

TEST_F(AuditLogTest, SearchPassesTheQueryToTheStore) {
  append_entries(6);
  AuditQuery query;
  query.action = "person.";
  query.limit = 2;
  const auto found = log_.search(query);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].seq, 2);
  EXPECT_EQ(found[1].seq, 4);
}

// `phongdich audit verify` beside a running server: the server's writes must not
// wait for it (a writer that waits longer than its busy timeout fails).
TEST_F(AuditLogTest, VerifyLeavesTheWriteLockToOthers) {
  std::vector<std::pair<AuditEvent, int64_t>> events;
  for (int i = 1; i <= 20'000; ++i) events.emplace_back(event(i), kStartMs + i);
  log_.append_all(events);

  SqliteOptions impatient;
  impatient.busy_timeout_ms = 0;  // fails at once where it would have to wait
  SqliteStore server_store(dir_.file("audit.db"), impatient);
  AuditLog server_log(server_store);
  std::atomic<bool> verifying = true;
  std::atomic<int> appended = 0;
  std::atomic<int> refused = 0;
  std::thread server([&] {
    for (int i = 0; verifying; ++i) {
      try {
        server_log.append(event(i), kStartMs + 100'000 + i);
        ++appended;
      } catch (const std::exception&) {
        ++refused;
      }
    }
  });
  while (appended == 0 && refused == 0) std::this_thread::yield();
  const AuditVerification result = log_.verify();
  verifying = false;
  server.join();

  EXPECT_TRUE(result.intact) << result.problem;
  EXPECT_GE(result.entries, 20'000);
  EXPECT_EQ(refused, 0) << appended << " appends went through";
}

struct Tampering {
  const char* what;
  std::string sql;
  int64_t first_bad_seq;
};

class AuditTampering : public AuditLogTest, public ::testing::WithParamInterface<Tampering> {};

TEST_P(AuditTampering, IsDetected) {
  append_entries(10);
  ASSERT_TRUE(log_.verify().intact);
  sql(GetParam().sql);
  const AuditVerification result = log_.verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_seq, GetParam().first_bad_seq) << result.problem;
  EXPECT_FALSE(result.problem.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AuditTampering,
    ::testing::Values(
        Tampering{"a field edited", "UPDATE audit_log SET detail = 'nothing' WHERE seq = 4", 4},
        Tampering{"outcome edited on the last entry",
                  "UPDATE audit_log SET outcome = 'denied' WHERE seq = 10", 10},
        Tampering{"a middle entry deleted", "DELETE FROM audit_log WHERE seq = 6", 7},
        Tampering{"the first entry deleted", "DELETE FROM audit_log WHERE seq = 1", 2},
        Tampering{"the last entry deleted", "DELETE FROM audit_log WHERE seq = 10", 10},
        Tampering{"the last three deleted", "DELETE FROM audit_log WHERE seq >= 8", 8},
        Tampering{"everything deleted", "DELETE FROM audit_log", 1},
        Tampering{"a row renumbered into a gap",
                  "DELETE FROM audit_log WHERE seq = 6; "
                  "UPDATE audit_log SET seq = 6 WHERE seq = 7",
                  6},
        Tampering{"a forged row inserted in the middle",
                  "UPDATE audit_log SET seq = seq + 100 WHERE seq > 5; "
                  "UPDATE audit_log SET seq = seq - 99 WHERE seq > 100; "
                  "INSERT INTO audit_log SELECT 6, at_ms, 0, 'intruder', action, target, "
                  "area_id, remote, outcome, detail, hash, hash FROM audit_log WHERE seq = 5",
                  6},
        Tampering{"a forged row appended at the end",
                  "INSERT INTO audit_log SELECT 11, at_ms + 1, 0, 'intruder', action, target, "
                  "area_id, remote, outcome, detail, hash, hash FROM audit_log WHERE seq = 10",
                  11},
        Tampering{"the head removed", "DELETE FROM meta WHERE key = 'audit.head'", 1}),
    [](const ::testing::TestParamInfo<Tampering>& info) {
      std::string name;
      for (const char c : std::string(info.param.what))
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

// The hardest forgery: a new last entry whose prev_hash and hash are both
// right, written by someone who knows the hashing but not the head.
TEST_F(AuditLogTest, ACorrectlyHashedEntryAppendedBehindTheLogsBackIsDetected) {
  append_entries(5);
  AuditEntry forged = *store_->last_audit_entry();
  forged.seq = 6;
  forged.actor = "intruder";
  forged.prev_hash = forged.hash;
  forged.hash = AuditLog::entry_hash(forged);
  Statement insert = store_->db().prepare(
      "INSERT INTO audit_log(seq, at_ms, user_id, actor, action, target, area_id, remote, "
      "outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, forged.seq)
      .bind(2, forged.at_ms)
      .bind(3, forged.user_id)
      .bind(4, forged.actor)
      .bind(5, forged.action)
      .bind(6, forged.target)
      .bind(7, int64_t{forged.area_id})
      .bind(8, forged.remote)
      .bind(9, forged.outcome)
      .bind(10, forged.detail)
      .bind(11, forged.prev_hash)
      .bind(12, forged.hash)
      .run();
  const AuditVerification result = log_.verify();
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_bad_seq, 6) << result.problem;
}

}  // namespace
}  // namespace phongdich::testing
