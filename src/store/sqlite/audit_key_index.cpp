#include "store/sqlite/audit_key_index.hpp"

#include <algorithm>
#include <filesystem>
#include <queue>

#include <sqlite3.h>

namespace phongdich {
namespace {

// The file format; a file of another version is rebuilt (or, for a reader,
// ignored until it is).
// Version 2 adds the keys by area: a file of version 1 lacks them.
constexpr int64_t kFormatVersion = 2;

// run_keys' primary key leads with the run, so each run is a contiguous range
// of the tree and a new run (the largest run_id) is appended at its end.
constexpr std::string_view kSchema = R"sql(
CREATE TABLE covered (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_seq INTEGER NOT NULL,
  through_hash TEXT NOT NULL
);
CREATE TABLE runs (
  run_id INTEGER PRIMARY KEY,
  level INTEGER NOT NULL
);
CREATE TABLE run_keys (
  run_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (run_id, key, seq)
) WITHOUT ROWID;
)sql";

// The run_id above every other: its keys go at the end of run_keys' tree.
int64_t next_run_id(SqliteDb& db) {
  return db.query_int64("SELECT coalesce(max(run_id), 0) + 1 FROM runs").value_or(1);
}

AuditKeyIndex::Coverage read_coverage(SqliteDb& db) {
  Statement select = db.prepare("SELECT through_seq, through_hash FROM covered WHERE id = 1");
  if (!select.step()) return {};
  return {select.column_int64(0), std::string(select.column_text(1))};
}

}  // namespace

std::string AuditKeyIndex::path_beside(const std::string& database_path) {
  if (database_path.empty() || database_path == ":memory:" || database_path.starts_with("file:")) {
    return "";
  }
  return database_path + ".audit-index";
}

std::string AuditKeyIndex::key(Kind kind, std::string_view value) {
  std::string out(1, static_cast<char>(kind));
  out += value;
  return out;
}

AuditKeyIndex::AuditKeyIndex(std::string path) : path_(std::move(path)) {}

AuditKeyIndex::~AuditKeyIndex() = default;

bool AuditKeyIndex::open_to_read() {
  if (db_) return true;
  if (path_.empty() || !std::filesystem::exists(path_)) return false;
  auto db = std::make_unique<SqliteDb>(path_);
  db->exec("PRAGMA busy_timeout=10000");
  // Being created, or of another version: nothing to trust yet.
  if (db->query_int64("PRAGMA user_version").value_or(0) != kFormatVersion) return false;
  db_ = std::move(db);
  return true;
}

void AuditKeyIndex::open_to_write() {
  if (writing_) return;
  if (path_.empty())
    throw StoreError("sqlite: the audit trail of a database in memory has no index");
  if (!db_) db_ = std::make_unique<SqliteDb>(path_);
  db_->exec("PRAGMA busy_timeout=10000");
  // The database's durability; a commit lost here is only indexed again.
  db_->query_text("PRAGMA journal_mode=WAL");
  db_->exec("PRAGMA synchronous=NORMAL");
  db_->exec("PRAGMA cache_size=-65536");
  run_in_transaction(*db_, "BEGIN IMMEDIATE", [&] {
    if (db_->query_int64("PRAGMA user_version").value_or(0) == kFormatVersion) return;
    db_->exec(
        "DROP TABLE IF EXISTS covered; DROP TABLE IF EXISTS runs; "
        "DROP TABLE IF EXISTS run_keys;");
    db_->exec(kSchema);
    db_->exec("PRAGMA user_version=" + std::to_string(kFormatVersion));
  });
  writing_ = true;
}

AuditKeyIndex::Coverage AuditKeyIndex::coverage() {
  if (!open_to_read()) return {};
  return read_coverage(*db_);
}

AuditKeyIndex::Coverage AuditKeyIndex::coverage_to_extend() {
  try {
    open_to_write();
    return read_coverage(*db_);
  } catch (const SqliteError& e) {
    const int primary = e.code() & 0xff;
    if (primary != SQLITE_CORRUPT && primary != SQLITE_NOTADB) throw;
  }
  db_.reset();
  writing_ = false;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  open_to_write();
  return {};
}

AuditKeyIndex::Lookup AuditKeyIndex::lookup(Kind kind, const std::vector<std::string>& values,
                                            int64_t after_seq, size_t max_seqs) {
  Lookup result;
  if (!open_to_read()) return result;
  std::vector<std::string> wanted;  // bound, not copied: outlive the steps
  wanted.reserve(values.size());
  for (const std::string& value : values) wanted.push_back(key(kind, value));
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  // One snapshot for the coverage and every run: a merge commits its run and
  // drops its inputs together, so each seq is seen exactly once.
  run_in_transaction(*db_, "BEGIN", [&] {
    result.coverage = read_coverage(*db_);
    if (result.coverage.through_seq <= after_seq) return;
    // A cursor per run and key, each in seq order; the keys are distinct, so no
    // seq comes from two of them.
    std::vector<Statement> cursors;
    Statement list = db_->prepare("SELECT run_id FROM runs ORDER BY run_id");
    while (list.step()) {
      for (const std::string& text : wanted) {
        Statement& seqs = cursors.emplace_back(db_->prepare(
            "SELECT seq FROM run_keys WHERE run_id = ?1 AND key = ?2 AND seq > ?3 AND seq <= ?4 "
            "ORDER BY seq"));
        seqs.bind(1, list.column_int64(0))
            .bind(2, text)
            .bind(3, after_seq)
            .bind(4, result.coverage.through_seq);
      }
    }
    // The cursors' seqs merged in order: each gives its next seq when its last
    // one is taken.
    using Next = std::pair<int64_t, size_t>;  // seq, cursor
    std::priority_queue<Next, std::vector<Next>, std::greater<>> next;
    for (size_t cursor = 0; cursor < cursors.size(); ++cursor) {
      if (cursors[cursor].step()) next.emplace(cursors[cursor].column_int64(0), cursor);
    }
    while (!next.empty()) {
      if (result.seqs.size() == max_seqs) {
        result.complete = false;
        break;
      }
      const auto [seq, cursor] = next.top();
      next.pop();
      result.seqs.push_back(seq);
      if (cursors[cursor].step()) next.emplace(cursors[cursor].column_int64(0), cursor);
    }
  });
  return result;
}

void AuditKeyIndex::add_run(std::vector<std::pair<std::string, int64_t>> keys, const Coverage& from,
                            const Coverage& through) {
  open_to_write();
  std::sort(keys.begin(), keys.end());
  run_in_transaction(*db_, "BEGIN IMMEDIATE", [&] {
    const Coverage now = read_coverage(*db_);
    if (now.through_seq != from.through_seq || now.through_hash != from.through_hash) return;
    if (!keys.empty()) {
      const int64_t run_id = next_run_id(*db_);
      Statement insert = db_->prepare("INSERT INTO run_keys(run_id, key, seq) VALUES (?, ?, ?)");
      for (const auto& [text, seq] : keys) insert.bind(1, run_id).bind(2, text).bind(3, seq).run();
      db_->prepare("INSERT INTO runs(run_id, level) VALUES (?, 0)").bind(1, run_id).run();
    }
    db_->prepare(
           "INSERT INTO covered(id, through_seq, through_hash) VALUES (1, ?, ?) "
           "ON CONFLICT(id) DO UPDATE SET through_seq = excluded.through_seq, "
           "through_hash = excluded.through_hash")
        .bind(1, through.through_seq)
        .bind(2, through.through_hash)
        .run();
  });
}

void AuditKeyIndex::merge_full_levels() {
  open_to_write();
  for (;;) {
    const std::optional<int64_t> level =
        db_->query_int64("SELECT level FROM runs GROUP BY level HAVING count(*) >= " +
                         std::to_string(kRunsPerLevel) + " ORDER BY level LIMIT 1");
    if (!level) return;
    // Read in key order and written under a run_id above every other, so the
    // merged run is appended at the end of the tree, page after page.
    run_in_transaction(*db_, "BEGIN IMMEDIATE", [&] {
      const int64_t run_id = next_run_id(*db_);
      db_->prepare(
             "INSERT INTO run_keys(run_id, key, seq) SELECT ?1, key, seq FROM run_keys "
             "WHERE run_id IN (SELECT run_id FROM runs WHERE level = ?2) ORDER BY key, seq")
          .bind(1, run_id)
          .bind(2, *level)
          .run();
      db_->prepare(
             "DELETE FROM run_keys WHERE run_id IN (SELECT run_id FROM runs WHERE level = ?1)")
          .bind(1, *level)
          .run();
      db_->prepare("DELETE FROM runs WHERE level = ?1").bind(1, *level).run();
      db_->prepare("INSERT INTO runs(run_id, level) VALUES (?, ?)")
          .bind(1, run_id)
          .bind(2, *level + 1)
          .run();
    });
  }
}

void AuditKeyIndex::clear() {
  open_to_write();
  run_in_transaction(*db_, "BEGIN IMMEDIATE", [&] {
    db_->exec("DELETE FROM covered; DELETE FROM runs; DELETE FROM run_keys;");
  });
}

size_t AuditKeyIndex::run_count() {
  if (!open_to_read()) return 0;
  return static_cast<size_t>(db_->query_int64("SELECT count(*) FROM runs").value_or(0));
}

}  // namespace phongdich
