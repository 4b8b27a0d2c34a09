#include "store/postgres/postgres_change_feed.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <random>
#include <set>
#include <utility>

#include "store/postgres/postgres_store.hpp"

namespace phongdich {
namespace {

// In the order read_person_row and read_dose_row (postgres_store.cpp) read them.
constexpr const char* kPersonColumns =
    "id, external_ref, citizen_id, full_name, sex, birth_date, area_id, household_id, phone, "
    "comorbidities, flags";
constexpr const char* kDoseColumns =
    "id, person_id, dose_date, product, site_area_id, lot, kind, number_in_series, overridden, "
    "override_reason, override_by, override_rule, source";

// One snapshot: the oldest transaction still running, and every change row at
// or above the watermark that another process committed. The outer join keeps
// one row (the watermark) when there is no change.
constexpr PgStatement kChanges{
    "change_feed_poll",
    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, c.seq, c.xid::text, c.tbl, "
    "c.first_id, c.last_id FROM (SELECT 1) one LEFT JOIN change_log c "
    "ON c.xid >= $1::text::xid8 AND c.origin <> $2 ORDER BY c.seq"};
constexpr PgStatement kWatermark{"change_feed_start",
                                 "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"};
constexpr PgStatement kPrune{"change_feed_prune", "DELETE FROM change_log WHERE at_ms < $1"};

uint64_t parse_xid(std::string_view text) {
  uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) {
    throw StoreError("change feed: unexpected transaction id");
  }
  return value;
}

int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Ranges of ids, overlapping or touching ones joined.
std::vector<std::pair<int64_t, int64_t>> merged(std::vector<std::pair<int64_t, int64_t>> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& range : ranges) {
    if (!out.empty() && range.first <= out.back().second + 1) {
      out.back().second = std::max(out.back().second, range.second);
    } else {
      out.push_back(range);
    }
  }
  return out;
}

}  // namespace

const std::string& pg_change_origin() {
  // Host name, process id and a random part: unique among the servers of one
  // database even when process ids repeat across machines or restarts.
  static const std::string origin = [] {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    std::string name;
    for (const char* c = host; *c != '\0'; ++c) {
      // Only characters that need no quoting in a SET (postgres_store.cpp).
      if (std::isalnum(static_cast<unsigned char>(*c)) || *c == '-' || *c == '.') name += *c;
    }
    std::random_device random;
    return name + ":" + std::to_string(::getpid()) + ":" + std::to_string(random());
  }();
  return origin;
}

std::unique_ptr<ChangeFeed> open_change_feed(const std::string& url) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return std::make_unique<PostgresChangeFeed>(url);
  }
  return nullptr;
}

PostgresChangeFeed::PostgresChangeFeed(std::string url) : url_(std::move(url)) {
  // Changes from now on: what committed before is in the index the caller
  // loads after this (and a change seen twice changes nothing).
  watermark_ = parse_xid(connection().run(kWatermark).text(0, 0));
  last_poll_ = std::chrono::steady_clock::now();
}

PgConnection& PostgresChangeFeed::connection() {
  if (!db_) {
    db_ = std::make_unique<PgConnection>(url_);
    db_->exec("SET jit = off", "change feed: session settings");
  }
  return *db_;
}

StoreChanges PostgresChangeFeed::poll() {
  try {
    return read_changes();
  } catch (const StoreError&) {
    // A connection that failed is opened again at the next poll; the
    // watermark holds, so nothing committed meanwhile is missed.
    db_.reset();
    throw;
  }
}

StoreChanges PostgresChangeFeed::read_changes() {
  StoreChanges changes;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_poll_ > std::chrono::milliseconds(kChangeRetentionMs / 2)) {
    // Changes this old may have been pruned: start again from a full reload.
    watermark_ = parse_xid(connection().run(kWatermark).text(0, 0));
    seen_.clear();
    last_poll_ = now;
    changes.lost = true;
    return changes;
  }
  PgConnection& db = connection();
  const PgResult rows =
      db.run(kChanges, PgParams().add(std::to_string(watermark_)).add(pg_change_origin()));
  std::vector<std::pair<int64_t, int64_t>> persons, doses;
  std::set<std::string> others;
  for (int i = 0; i < rows.rows(); ++i) {
    if (rows.is_null(i, 1)) continue;  // the watermark's row alone: nothing changed
    const int64_t seq = rows.int64(i, 1);
    if (seen_.contains(seq)) continue;
    seen_.emplace(seq, parse_xid(rows.text(i, 2)));
    const std::string_view table = rows.text(i, 3);
    const std::pair<int64_t, int64_t> ids{rows.int64(i, 4), rows.int64(i, 5)};
    if (table == "persons") {
      persons.push_back(ids);
    } else if (table == "doses") {
      doses.push_back(ids);
    } else {
      others.emplace(table);
    }
  }
  // Transactions below the snapshot's oldest running one are over: their rows
  // were in this answer (or an earlier one) or never will be.
  watermark_ = parse_xid(rows.text(0, 0));
  std::erase_if(seen_, [this](const auto& entry) { return entry.second < watermark_; });
  last_poll_ = now;

  for (const auto& [first, last] : merged(std::move(persons))) {
    const PgResult found = db.query(std::string("SELECT ") + kPersonColumns +
                                        " FROM persons WHERE id BETWEEN $1 AND $2 ORDER BY id",
                                    PgParams().add(first).add(last), "change feed: persons");
    for (int i = 0; i < found.rows(); ++i) {
      read_person_row(found, i, changes.persons.emplace_back());
    }
  }
  for (const auto& [first, last] : merged(std::move(doses))) {
    const PgResult found =
        db.query(std::string("SELECT ") + kDoseColumns +
                     " FROM doses WHERE id BETWEEN $1 AND $2 ORDER BY person_id, dose_date",
                 PgParams().add(first).add(last), "change feed: doses");
    for (int i = 0; i < found.rows(); ++i) read_dose_row(found, i, changes.doses.emplace_back());
  }
  changes.other_tables.assign(others.begin(), others.end());
  return changes;
}

void PostgresChangeFeed::prune() {
  try {
    connection().run(kPrune, PgParams().add(unix_ms_now() - kChangeRetentionMs));
  } catch (const StoreError&) {
    db_.reset();
    throw;
  }
}

}  // namespace phongdich
