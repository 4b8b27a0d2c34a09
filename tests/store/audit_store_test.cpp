// The audit trail's storage: appended entries, the head kept in meta, and the
// auditor's searches (filters, action prefixes, keyset pagination).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

// Hashes here are placeholders: chaining is the app layer's job (AuditLog).
AuditEntry make_entry(int64_t seq, std::string actor, std::string action, std::string target,
                      AreaId area, int64_t at_ms) {
  AuditEntry entry;
  entry.seq = seq;
  entry.at_ms = at_ms;
  entry.user_id = seq * 10;
  entry.actor = std::move(actor);
  entry.action = std::move(action);
  entry.target = std::move(target);
  entry.area_id = area;
  entry.remote = "10.0.0.1";
  entry.outcome = "ok";
  entry.detail = "detail " + std::to_string(seq);
  entry.prev_hash = "prev-" + std::to_string(seq);
  entry.hash = "hash-" + std::to_string(seq);
  return entry;
}

std::vector<int64_t> seqs(const std::vector<AuditEntry>& entries) {
  std::vector<int64_t> out;
  for (const AuditEntry& entry : entries) out.push_back(entry.seq);
  return out;
}

class AuditStore : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;  // no PostgreSQL server to run on
    // seq actor     action          target       area       at_ms
    append(1, "bs.lan", "login.ok", "", 0, 1'000);
    append(2, "bs.lan", "person.read", "person:1", kBenNghe, 2'000);
    append(3, "bs.lan", "person.update", "person:1", kBenNghe, 3'000);
    append(4, "bs.hoa", "person.read", "person:2", kDaKao, 4'000);
    append(5, "bs.hoa", "personnel.read", "user:3", kDaKao, 5'000);
    append(6, "bs.hoa", "dose.create", "person:2", kDaKao, 6'000);
    append(7, "admin", "user.role_change", "user:3", kDistrict, 7'000);
  }
  void append(int64_t seq, std::string actor, std::string action, std::string target, AreaId area,
              int64_t at_ms) {
    store_->append_audit(
        make_entry(seq, std::move(actor), std::move(action), std::move(target), area, at_ms));
  }
  std::vector<int64_t> found(const AuditQuery& query) { return seqs(store_->search_audit(query)); }
};

TEST_P(AuditStore, AppendedEntryReadsBackWithEveryField) {
  const auto last = store_->last_audit_entry();
  ASSERT_TRUE(last.has_value());
  const AuditEntry expected =
      make_entry(7, "admin", "user.role_change", "user:3", kDistrict, 7'000);
  EXPECT_EQ(last->seq, expected.seq);
  EXPECT_EQ(last->at_ms, expected.at_ms);
  EXPECT_EQ(last->user_id, expected.user_id);
  EXPECT_EQ(last->actor, expected.actor);
  EXPECT_EQ(last->action, expected.action);
  EXPECT_EQ(last->target, expected.target);
  EXPECT_EQ(last->area_id, expected.area_id);
  EXPECT_EQ(last->remote, expected.remote);
  EXPECT_EQ(last->outcome, expected.outcome);
  EXPECT_EQ(last->detail, expected.detail);
  EXPECT_EQ(last->prev_hash, expected.prev_hash);
  EXPECT_EQ(last->hash, expected.hash);
}

TEST_P(AuditStore, HeadInMetaFollowsEachAppend) {
  EXPECT_EQ(store_->meta("audit.head"), "7 hash-7");
  append(8, "admin", "user.create", "user:4", kDistrict, 8'000);
  EXPECT_EQ(store_->meta("audit.head"), "8 hash-8");
}

// The server's flush of buffered entries: many at once, in order, one head.
TEST_P(AuditStore, EntriesAppendedTogetherReadBackInOrderWithTheLastAsHead) {
  std::vector<AuditEntry> batch;
  for (int64_t seq = 8; seq <= 12; ++seq) {
    batch.push_back(make_entry(seq, "bs.lan", "person.read", "person:9", kBenNghe, seq * 1'000));
  }
  store_->transaction([&] { store_->append_audit_entries(batch); });
  EXPECT_EQ(store_->meta("audit.head"), "12 hash-12");
  std::vector<int64_t> scanned;
  store_->scan_audit([&](const AuditEntry& e) { scanned.push_back(e.seq); });
  EXPECT_EQ(scanned, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  // A batch with a seq already used is refused whole.
  batch = {make_entry(13, "bs.lan", "person.read", "", 0, 13'000),
           make_entry(12, "intruder", "person.read", "", 0, 13'001)};
  EXPECT_THROW(store_->transaction([&] { store_->append_audit_entries(batch); }), StoreError);
  EXPECT_EQ(store_->meta("audit.head"), "12 hash-12");
  EXPECT_EQ(store_->last_audit_entry()->seq, 12);
}

// Entries appended together travel as one array per column on PostgreSQL: the
// text that array syntax treats specially must come back as it went in.
TEST_P(AuditStore, EntriesAppendedTogetherKeepEveryFieldExactly) {
  const std::vector<std::string> awkward = {"",
                                            "NULL",
                                            "say \"hi\"",
                                            "back\\slash",
                                            "{a,b}",
                                            "a, b",
                                            " padded ",
                                            "Lê Thị Hoà",
                                            "'; DROP TABLE audit_log; --"};
  std::vector<AuditEntry> batch;
  int64_t seq = 8;
  for (const std::string& text : awkward) {
    AuditEntry entry =
        make_entry(seq, text, "login.failed", text, seq % 2 ? kBenNghe : 0, seq * 1'000);
    entry.user_id = 0;
    entry.remote = text;
    entry.outcome = text;
    entry.detail = text;
    entry.prev_hash = text;
    entry.hash = "hash-" + std::to_string(seq);
    batch.push_back(entry);
    ++seq;
  }
  store_->transaction([&] { store_->append_audit_entries(batch); });
  std::vector<AuditEntry> stored;
  store_->scan_audit([&](const AuditEntry& e) {
    if (e.seq >= 8) stored.push_back(e);
  });
  ASSERT_EQ(stored.size(), batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    SCOPED_TRACE("text: [" + awkward[i] + "]");
    EXPECT_EQ(stored[i].seq, batch[i].seq);
    EXPECT_EQ(stored[i].at_ms, batch[i].at_ms);
    EXPECT_EQ(stored[i].user_id, 0);
    EXPECT_EQ(stored[i].actor, awkward[i]);
    EXPECT_EQ(stored[i].action, "login.failed");
    EXPECT_EQ(stored[i].target, awkward[i]);
    EXPECT_EQ(stored[i].area_id, batch[i].area_id);
    EXPECT_EQ(stored[i].remote, awkward[i]);
    EXPECT_EQ(stored[i].outcome, awkward[i]);
    EXPECT_EQ(stored[i].detail, awkward[i]);
    EXPECT_EQ(stored[i].prev_hash, awkward[i]);
    EXPECT_EQ(stored[i].hash, batch[i].hash);
  }
  EXPECT_EQ(store_->meta("audit.head"), "16 hash-16");
  // The area's entries are found by area, as each appended alone would be.
  AuditQuery by_area;
  by_area.areas = {kBenNghe};
  EXPECT_EQ(found(by_area), (std::vector<int64_t>{2, 3, 9, 11, 13, 15}));
}

TEST_P(AuditStore, EmptyTrailHasNoLastEntryAndNoHead) {
  const auto empty = open_empty();
  EXPECT_FALSE(empty->last_audit_entry().has_value());
  EXPECT_FALSE(empty->meta("audit.head").has_value());
  int visited = 0;
  empty->scan_audit([&](const AuditEntry&) { ++visited; });
  EXPECT_EQ(visited, 0);
}

TEST_P(AuditStore, ASeqAlreadyUsedIsRefusedAndTheHeadKept) {
  EXPECT_THROW(append(7, "intruder", "user.create", "user:9", 0, 9'000), StoreError);
  EXPECT_EQ(store_->meta("audit.head"), "7 hash-7");
  EXPECT_EQ(store_->last_audit_entry()->actor, "admin");
}

TEST_P(AuditStore, ARefusedAppendInsideATransactionLeavesItUsable) {
  store_->transaction([&] {
    EXPECT_THROW(append(7, "intruder", "user.create", "user:9", 0, 9'000), StoreError);
    EXPECT_EQ(store_->meta("audit.head"), "7 hash-7");
    append(8, "admin", "user.create", "user:4", kDistrict, 8'000);
  });
  EXPECT_EQ(store_->meta("audit.head"), "8 hash-8");
  EXPECT_EQ(store_->last_audit_entry()->actor, "admin");
}

TEST_P(AuditStore, ScanVisitsEveryEntryInSeqOrder) {
  std::vector<int64_t> visited;
  store_->scan_audit([&](const AuditEntry& entry) { visited.push_back(entry.seq); });
  EXPECT_EQ(visited, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
}

TEST_P(AuditStore, SearchFilters) {
  struct Row {
    const char* what;
    AuditQuery query;
    std::vector<int64_t> expected;
  };
  auto q = [](auto&& fill) {
    AuditQuery query;
    fill(query);
    return query;
  };
  const std::vector<Row> rows = {
      {"no filter: everything in seq order", {}, {1, 2, 3, 4, 5, 6, 7}},
      {"from is inclusive", q([](AuditQuery& x) { x.from_ms = 6'000; }), {6, 7}},
      {"to is exclusive", q([](AuditQuery& x) { x.to_ms = 3'000; }), {1, 2}},
      {"time window",
       q([](AuditQuery& x) {
         x.from_ms = 2'000;
         x.to_ms = 4'001;
       }),
       {2, 3, 4}},
      {"actor", q([](AuditQuery& x) { x.actor = "bs.hoa"; }), {4, 5, 6}},
      {"exact action", q([](AuditQuery& x) { x.action = "person.read"; }), {2, 4}},
      {"action prefix ends with a dot", q([](AuditQuery& x) { x.action = "person."; }), {2, 3, 4}},
      {"a prefix is not a word start", q([](AuditQuery& x) { x.action = "person"; }), {}},
      {"target", q([](AuditQuery& x) { x.target = "person:1"; }), {2, 3}},
      {"one area", q([](AuditQuery& x) { x.areas = {kDaKao}; }), {4, 5, 6}},
      {"any of several areas",
       q([](AuditQuery& x) {
         x.areas = {kBenNghe, kDistrict};
       }),
       {2, 3, 7}},
      {"filters combine",
       q([](AuditQuery& x) {
         x.actor = "bs.hoa";
         x.action = "person.";
         x.areas = {kDaKao};
       }),
       {4}},
      {"nothing matches", q([](AuditQuery& x) { x.actor = "nobody"; }), {}},
  };
  for (const Row& row : rows) EXPECT_EQ(found(row.query), row.expected) << row.what;
}

TEST_P(AuditStore, PagesFollowOnFromTheLastSeqSeen) {
  AuditQuery query;
  query.limit = 3;
  std::vector<int64_t> all;
  for (int page = 0; page < 5; ++page) {
    const std::vector<int64_t> got = found(query);
    if (got.empty()) break;
    EXPECT_LE(got.size(), 3u);
    all.insert(all.end(), got.begin(), got.end());
    query.after_seq = got.back();
  }
  EXPECT_EQ(all, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));

  AuditQuery filtered;
  filtered.action = "person.";
  filtered.limit = 2;
  EXPECT_EQ(found(filtered), (std::vector<int64_t>{2, 3}));
  filtered.after_seq = 3;
  EXPECT_EQ(found(filtered), (std::vector<int64_t>{4}));
}

TEST_P(AuditStore, ZeroLimitFindsNothing) {
  AuditQuery query;
  query.limit = 0;
  EXPECT_TRUE(found(query).empty());
}

PHONGDICH_ON_EVERY_STORE(AuditStore);

}  // namespace
}  // namespace phongdich::testing
