// The audit trail's index by record, by user and by area (Store::index_audit_trail; on
// SQLite the sorted runs of store/sqlite/audit_key_index): whatever has been
// indexed, in whatever steps, a search finds exactly what reading the whole
// trail finds. On PostgreSQL the table's own indexes serve, and the same
// searches must agree too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/sqlite/audit_key_index.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

// A trail of `count` entries after `first_seq - 1`: reads and writes of 37
// persons by 5 users in 3 communes, a failed login now and then (no target).
std::vector<AuditEntry> make_trail(int64_t first_seq, int64_t count) {
  static const std::vector<std::string> actors = {"bs.lan", "bs.hoa", "yta.minh", "admin",
                                                  "Lê Thị Hoà"};
  static const std::vector<std::string> actions = {"person.read", "dose.create", "person.update",
                                                   "login.failed"};
  static const std::vector<AreaId> areas = {kBenNghe, kBenThanh, kDaKao};
  std::vector<AuditEntry> trail;
  for (int64_t seq = first_seq; seq < first_seq + count; ++seq) {
    AuditEntry entry;
    entry.seq = seq;
    entry.at_ms = 1'000 * seq;
    const auto mix = static_cast<size_t>(seq * 2654435761u % 1000003u);  // spread, but repeatable
    entry.actor = actors[mix % actors.size()];
    entry.action = actions[mix / 7 % actions.size()];
    entry.target = entry.action == "login.failed" ? "" : "person:" + std::to_string(mix % 37);
    entry.area_id = areas[mix / 11 % areas.size()];
    entry.user_id = static_cast<int64_t>(mix % actors.size()) + 1;
    entry.remote = "10.0.0.1";
    entry.outcome = "ok";
    entry.prev_hash = "hash-" + std::to_string(seq - 1);  // placeholders: chaining is AuditLog's
    entry.hash = "hash-" + std::to_string(seq);
    trail.push_back(entry);
  }
  return trail;
}

// What the search must answer, read off the whole trail.
std::vector<int64_t> expected(const std::vector<AuditEntry>& trail, const AuditQuery& query) {
  std::vector<int64_t> seqs;
  for (const AuditEntry& e : trail) {
    if (e.seq <= query.after_seq) continue;
    if (query.from_ms && e.at_ms < *query.from_ms) continue;
    if (query.to_ms && e.at_ms >= *query.to_ms) continue;
    if (query.actor && e.actor != *query.actor) continue;
    if (query.action) {
      const bool prefix = query.action->back() == '.';
      if (prefix ? !e.action.starts_with(*query.action) : e.action != *query.action) continue;
    }
    if (query.target && e.target != *query.target) continue;
    if (!query.areas.empty() &&
        std::find(query.areas.begin(), query.areas.end(), e.area_id) == query.areas.end()) {
      continue;
    }
    seqs.push_back(e.seq);
    if (seqs.size() == query.limit) break;
  }
  return seqs;
}

struct KeySearch {
  const char* what;
  AuditQuery query;
};

// The auditor's searches by record, by user or by area, alone and with the
// other filters.
std::vector<KeySearch> key_searches() {
  auto query = [](auto&& fill) {
    AuditQuery q;
    q.limit = 1000;
    fill(q);
    return q;
  };
  return {
      {"one person's record", query([](AuditQuery& q) { q.target = "person:5"; })},
      {"another person's record", query([](AuditQuery& q) { q.target = "person:36"; })},
      {"a record nobody touched", query([](AuditQuery& q) { q.target = "person:99"; })},
      {"entries that name no record", query([](AuditQuery& q) { q.target = ""; })},
      {"one user", query([](AuditQuery& q) { q.actor = "bs.hoa"; })},
      {"a user with diacritics", query([](AuditQuery& q) { q.actor = "Lê Thị Hoà"; })},
      {"an unknown user", query([](AuditQuery& q) { q.actor = "nobody"; })},
      {"one user on one record", query([](AuditQuery& q) {
         q.actor = "admin";
         q.target = "person:7";
       })},
      {"a record's writes (action prefix)", query([](AuditQuery& q) {
         q.target = "person:3";
         q.action = "dose.";
       })},
      {"a user's reads in a time window", query([](AuditQuery& q) {
         q.actor = "yta.minh";
         q.action = "person.read";
         q.from_ms = 400'000;
         q.to_ms = 1'700'000;
       })},
      {"a record in two communes", query([](AuditQuery& q) {
         q.target = "person:11";
         q.areas = {kBenNghe, kDaKao};
       })},
      {"a user's first page of 7", query([](AuditQuery& q) {
         q.actor = "bs.lan";
         q.limit = 7;
       })},
      {"a user's page after entry 900", query([](AuditQuery& q) {
         q.actor = "bs.lan";
         q.after_seq = 900;
         q.limit = 25;
       })},
      {"a record's page after entry 1500", query([](AuditQuery& q) {
         q.target = "person:20";
         q.after_seq = 1'500;
         q.limit = 3;
       })},
      {"one commune", query([](AuditQuery& q) { q.areas = {kBenThanh}; })},
      {"a district and its communes", query([](AuditQuery& q) {
         q.areas = {kDistrict, kBenNghe, kBenThanh, kDaKao};
       })},
      {"an area nobody acted in", query([](AuditQuery& q) { q.areas = {kDistrict}; })},
      {"a commune's writes (action prefix)", query([](AuditQuery& q) {
         q.areas = {kDaKao};
         q.action = "dose.";
       })},
      {"a commune's reads in a time window", query([](AuditQuery& q) {
         q.areas = {kBenNghe};
         q.action = "person.read";
         q.from_ms = 300'000;
         q.to_ms = 1'900'000;
       })},
      {"a commune's page of 9 after entry 700", query([](AuditQuery& q) {
         q.areas = {kDaKao};
         q.after_seq = 700;
         q.limit = 9;
       })},
      {"a commune named twice", query([](AuditQuery& q) {
         q.areas = {kDaKao, kBenNghe, kDaKao};
       })},
      {"a subtree of 70 areas (a province's: read off the trail)", query([](AuditQuery& q) {
         for (AreaId area = 1; area <= 68; ++area) q.areas.push_back(area);
         q.areas.push_back(kDaKao);
         q.areas.push_back(kBenThanh);
       })},
  };
}

class AuditKeyIndexTest : public StoreTest {
 protected:
  void append(const std::vector<AuditEntry>& entries) {
    store_->transaction([&] { store_->append_audit_entries(entries); });
    trail_.insert(trail_.end(), entries.begin(), entries.end());
  }
  void expect_searches_agree(const std::string& when) {
    for (const KeySearch& search : key_searches()) {
      std::vector<int64_t> found;
      for (const AuditEntry& entry : store_->search_audit(search.query)) found.push_back(entry.seq);
      EXPECT_EQ(found, expected(trail_, search.query)) << search.what << ", " << when;
    }
  }
  std::string index_path() const { return AuditKeyIndex::path_beside(dir_.file("registry.db")); }

  std::vector<AuditEntry> trail_;
};

TEST_P(AuditKeyIndexTest, SearchesAgreeWithTheWholeTrailHoweverFarItIsIndexed) {
  append(make_trail(1, 2'000));
  expect_searches_agree("nothing indexed");
  // Runs of many sizes, so that levels fill and merge, with entries appended
  // between them that only the trail itself holds until the next run.
  const std::vector<size_t> steps = {1, 7, 50, 3, 200, 11, 64, 1, 1, 90, 5, 128, 17, 2, 300, 40};
  int64_t next_seq = 2'001;
  for (size_t i = 0; i < steps.size(); ++i) {
    store_->index_audit_trail(steps[i]);
    if (i % 4 == 3) {
      append(make_trail(next_seq, 30));
      next_seq += 30;
    }
    expect_searches_agree("after step " + std::to_string(i + 1));
  }
  while (store_->index_audit_trail(256)) {
  }
  expect_searches_agree("everything indexed");
}

TEST_P(AuditKeyIndexTest, ANewConnectionReadsWhatAnotherIndexed) {
  if (is_postgres()) GTEST_SKIP() << "PostgreSQL indexes the trail in its table";
  append(make_trail(1, 600));
  const std::unique_ptr<Store> indexer = open_again(OpenMode::read_only);
  while (indexer->index_audit_trail(100)) {
  }
  EXPECT_TRUE(std::filesystem::exists(index_path()));
  expect_searches_agree("indexed by another connection");
}

TEST_P(AuditKeyIndexTest, RunsAreMergedSoThatASearchProbesFew) {
  if (is_postgres()) GTEST_SKIP() << "PostgreSQL indexes the trail in its table";
  append(make_trail(1, 1'000));
  // 1,000 runs of one entry: without merging, 1,000 runs to probe.
  for (int i = 0; i < 1'000; ++i) store_->index_audit_trail(1);
  AuditKeyIndex index(index_path());
  EXPECT_EQ(index.coverage().through_seq, 1'000);
  // 1,000 in base 8 is 1750: 1 + 7 + 5 + 0 runs on the levels.
  EXPECT_EQ(index.run_count(), 13u);
  expect_searches_agree("after 1,000 runs merged");
}

TEST_P(AuditKeyIndexTest, AMergeOfLargeRunsKeepsEveryEntryOfEveryKey) {
  if (is_postgres()) GTEST_SKIP() << "PostgreSQL indexes the trail in its table";
  // 8 runs of 3,000 entries, 9,000 keys each (the other tests merge runs of
  // a few keys): each record's, user's and area's keys are spread over all 8.
  append(make_trail(1, 24'000));
  for (int run = 0; run < 8; ++run) store_->index_audit_trail(3'000);
  AuditKeyIndex index(index_path());
  EXPECT_EQ(index.coverage().through_seq, 24'000);
  EXPECT_EQ(index.run_count(), 1u);  // the 8 runs of level 0 merged into one
  // Every key, with every one of its entries.
  std::vector<AuditQuery> queries;
  for (int person = 0; person < 37; ++person) {
    AuditQuery& q = queries.emplace_back();
    q.target = "person:" + std::to_string(person);
  }
  for (const char* actor : {"bs.lan", "bs.hoa", "yta.minh", "admin", "Lê Thị Hoà"}) {
    queries.emplace_back().actor = actor;
  }
  queries.emplace_back().target = "";
  for (const AreaId area : {kBenNghe, kBenThanh, kDaKao}) queries.emplace_back().areas = {area};
  for (AuditQuery& query : queries) {
    query.limit = 100'000;
    std::vector<int64_t> found;
    for (const AuditEntry& entry : store_->search_audit(query)) found.push_back(entry.seq);
    const std::vector<int64_t> wanted = expected(trail_, query);
    EXPECT_FALSE(wanted.empty());
    EXPECT_EQ(found, wanted) << "target " << query.target.value_or("-") << ", actor "
                             << query.actor.value_or("-") << ", areas " << query.areas.size();
  }
  // The keys by area are in the index itself (the searches above would also
  // agree by reading the trail): two communes' entries, merged in seq order.
  AuditQuery two_communes;
  two_communes.areas = {kBenNghe, kDaKao};
  two_communes.limit = 100'000;
  const AuditKeyIndex::Lookup found = index.lookup(
      AuditKeyIndex::Kind::area, {std::to_string(kDaKao), std::to_string(kBenNghe)}, 0, 100'000);
  EXPECT_EQ(found.seqs, expected(trail_, two_communes));
}

TEST_P(AuditKeyIndexTest, AnIndexOfAnotherTrailIsIgnoredThenRebuilt) {
  if (is_postgres()) GTEST_SKIP() << "PostgreSQL indexes the trail in its table";
  // Another database's index, copied beside this one (as a restored backup
  // would find the index of the trail it replaced).
  const std::string other_db = dir_.file("other.db");
  {
    SqliteStore other(other_db);
    std::vector<AuditEntry> other_trail = make_trail(1, 500);
    for (AuditEntry& entry : other_trail) {
      entry.target = "person:5";  // every entry names the record searched below
      entry.hash = "other-" + entry.hash;
    }
    other.transaction([&] { other.append_audit_entries(other_trail); });
    while (other.index_audit_trail(100)) {
    }
  }
  std::filesystem::copy_file(AuditKeyIndex::path_beside(other_db), index_path());
  append(make_trail(1, 400));
  expect_searches_agree("another trail's index beside");
  while (store_->index_audit_trail(100)) {
  }
  EXPECT_EQ(AuditKeyIndex(index_path()).coverage().through_hash, "hash-400");
  expect_searches_agree("rebuilt");
}

TEST_P(AuditKeyIndexTest, AnIndexFileThatIsNotADatabaseOnlySlowsTheSearchUntilReplaced) {
  if (is_postgres()) GTEST_SKIP() << "PostgreSQL indexes the trail in its table";
  append(make_trail(1, 300));
  {
    std::ofstream garbage(index_path(), std::ios::binary);
    garbage << std::string(8192, 'x');
  }
  expect_searches_agree("beside a file of garbage");
  // The indexer replaces it.
  while (store_->index_audit_trail(100)) {
  }
  EXPECT_EQ(AuditKeyIndex(index_path()).coverage().through_seq, 300);
  expect_searches_agree("indexed again");
}

PHONGDICH_ON_EVERY_STORE(AuditKeyIndexTest);

}  // namespace
}  // namespace phongdich::testing
