// SqliteStore: accounts, sessions, the audit trail and idempotency keys (schema:
// migration 3 in migrations.cpp). Kept apart from the registry's tables in
// sqlite_store.cpp; same class, same connection.
#include <algorithm>
#include <string>
#include <utility>

#include "store/sqlite/sqlite_store.hpp"

namespace phongdich {
namespace {

constexpr std::string_view kUserColumns =
    "id, username, password_hash, role, area_id, person_id, failed_logins, locked_until, "
    "disabled, created_at";

constexpr std::string_view kSessionColumns = "token_hash, user_id, created_at, expires_at, revoked";

constexpr std::string_view kAuditColumns =
    "seq, at_ms, user_id, actor, action, target, area_id, remote, outcome, detail, prev_hash, "
    "hash";

constexpr std::string_view kAuditHeadKey = "audit.head";

// Up to this many areas (a district's communes) a search by area probes the key
// index for each. A larger subtree holds most of the trail, so reading the
// trail in order fills a page sooner than a probe of every run for every area.
constexpr size_t kMaxAreaKeys = 64;

// Reads a row selected with kUserColumns.
UserRecord read_user(const Statement& row) {
  UserRecord user;
  user.id = row.column_int64(0);
  user.username = row.column_text(1);
  user.password_hash = row.column_text(2);
  user.role = row.column_text(3);
  user.area_id = static_cast<AreaId>(row.column_int64(4));
  user.person_id = row.column_optional_int64(5);
  user.failed_logins = static_cast<int32_t>(row.column_int64(6));
  user.locked_until = row.column_int64(7);
  user.disabled = row.column_int64(8) != 0;
  user.created_at = row.column_int64(9);
  return user;
}

// Reads a row selected with kSessionColumns.
SessionRecord read_session(const Statement& row) {
  SessionRecord session;
  session.token_hash = row.column_text(0);
  session.user_id = row.column_int64(1);
  session.created_at = row.column_int64(2);
  session.expires_at = row.column_int64(3);
  session.revoked = row.column_int64(4) != 0;
  return session;
}

// Reads a row selected with kAuditColumns.
AuditEntry read_audit(const Statement& row) {
  AuditEntry entry;
  entry.seq = row.column_int64(0);
  entry.at_ms = row.column_int64(1);
  entry.user_id = row.column_int64(2);
  entry.actor = row.column_text(3);
  entry.action = row.column_text(4);
  entry.target = row.column_text(5);
  entry.area_id = static_cast<AreaId>(row.column_int64(6));
  entry.remote = row.column_text(7);
  entry.outcome = row.column_text(8);
  entry.detail = row.column_text(9);
  entry.prev_hash = row.column_text(10);
  entry.hash = row.column_text(11);
  return entry;
}

bool audit_action_is_prefix(const AuditQuery& query) {
  return query.action && !query.action->empty() && query.action->back() == '.';
}

// The filters of `query` but after_seq, as the SQL of search_audit_by_scan
// applies them (text compared byte by byte).
bool audit_entry_matches(const AuditEntry& entry, const AuditQuery& query,
                         std::string_view action_upper) {
  if (query.from_ms && entry.at_ms < *query.from_ms) return false;
  if (query.to_ms && entry.at_ms >= *query.to_ms) return false;
  if (query.actor && entry.actor != *query.actor) return false;
  if (query.action) {
    const bool matched = audit_action_is_prefix(query)
                             ? entry.action >= *query.action && entry.action < action_upper
                             : entry.action == *query.action;
    if (!matched) return false;
  }
  if (query.target && entry.target != *query.target) return false;
  return query.areas.empty() ||
         std::find(query.areas.begin(), query.areas.end(), entry.area_id) != query.areas.end();
}

// The smallest text above every text that starts with `prefix` (which ends in
// '.', so its last byte can simply be bumped): lets a prefix match use a range.
std::string prefix_upper_bound(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

}  // namespace

struct SqliteStore::AccountStatements {
  explicit AccountStatements(SqliteDb& db)
      : insert_user(db.prepare(
            "INSERT INTO users(id, username, password_hash, role, area_id, person_id, "
            "failed_logins, locked_until, disabled, created_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(username) DO NOTHING")),
        update_user(db.prepare(
            "UPDATE users SET username = ?2, password_hash = ?3, role = ?4, area_id = ?5, "
            "person_id = ?6, failed_logins = ?7, locked_until = ?8, disabled = ?9 WHERE id = ?1")),
        user_by_id(db.prepare(select_from(kUserColumns, "FROM users WHERE id = ?"))),
        user_by_name(db.prepare(select_from(kUserColumns, "FROM users WHERE username = ?"))),
        user_count(db.prepare("SELECT count(*) FROM users")),
        insert_session(
            db.prepare("INSERT INTO sessions(token_hash, user_id, created_at, expires_at, revoked) "
                       "VALUES (?, ?, ?, ?, ?)")),
        session(db.prepare(select_from(kSessionColumns, "FROM sessions WHERE token_hash = ?"))),
        revoke_session(db.prepare("UPDATE sessions SET revoked = 1 WHERE token_hash = ?")),
        revoke_sessions_of(db.prepare("UPDATE sessions SET revoked = 1 WHERE user_id = ?")),
        delete_sessions_expired(db.prepare("DELETE FROM sessions WHERE expires_at < ?")),
        append_audit(db.prepare(
            "INSERT INTO audit_log(seq, at_ms, user_id, actor, action, target, area_id, remote, "
            "outcome, detail, prev_hash, hash) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")),
        last_audit_entry(
            db.prepare(select_from(kAuditColumns, "FROM audit_log ORDER BY seq DESC LIMIT 1"))),
        set_meta(db.prepare("INSERT INTO meta(key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value")),
        idempotent_response(
            db.prepare("SELECT user_id, key, request_digest, status, response_body, created_at "
                       "FROM idempotency_keys WHERE user_id = ? AND key = ?")),
        save_idempotent_response(db.prepare(
            "INSERT INTO idempotency_keys(user_id, key, request_digest, status, response_body, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, key) DO UPDATE SET "
            "request_digest = excluded.request_digest, status = excluded.status, "
            "response_body = excluded.response_body, created_at = excluded.created_at")),
        delete_idempotency_before(db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?")) {
  }

  Statement insert_user;
  Statement update_user;
  Statement user_by_id;
  Statement user_by_name;
  Statement user_count;
  Statement insert_session;
  Statement session;
  Statement revoke_session;
  Statement revoke_sessions_of;
  Statement delete_sessions_expired;
  Statement append_audit;
  Statement last_audit_entry;
  Statement set_meta;
  Statement idempotent_response;
  Statement save_idempotent_response;
  Statement delete_idempotency_before;
};

void SqliteStore::AccountStatementsDeleter::operator()(AccountStatements* statements) const {
  delete statements;
}

SqliteStore::AccountStatements& SqliteStore::account_sql() {
  if (!account_sql_) account_sql_.reset(new AccountStatements(db_));
  return *account_sql_;
}

// ---- users ----

std::optional<int64_t> SqliteStore::insert_user(const UserRecord& user) {
  Statement& insert = account_sql().insert_user;
  if (user.id != 0) {
    insert.bind(1, user.id);
  } else {
    insert.bind_null(1);
  }
  insert.bind(2, user.username)
      .bind(3, user.password_hash)
      .bind(4, user.role)
      .bind(5, int64_t{user.area_id})
      .bind(6, user.person_id)
      .bind(7, int64_t{user.failed_logins})
      .bind(8, user.locked_until)
      .bind(9, int64_t{user.disabled ? 1 : 0})
      .bind(10, user.created_at)
      .run();
  // DO NOTHING covers the username only: another conflict (a taken id) still throws.
  if (db_.changes() != 1) return std::nullopt;
  return db_.last_insert_rowid();
}

void SqliteStore::update_user(const UserRecord& user) {
  account_sql()
      .update_user.bind(1, user.id)
      .bind(2, user.username)
      .bind(3, user.password_hash)
      .bind(4, user.role)
      .bind(5, int64_t{user.area_id})
      .bind(6, user.person_id)
      .bind(7, int64_t{user.failed_logins})
      .bind(8, user.locked_until)
      .bind(9, int64_t{user.disabled ? 1 : 0})
      .run();
  if (db_.changes() != 1) throw StoreError("update_user: no user " + std::to_string(user.id));
}

std::optional<UserRecord> SqliteStore::user_by_id(int64_t id) {
  Statement& select = account_sql().user_by_id;
  ResetOnExit reset(select);
  select.bind(1, id);
  if (!select.step()) return std::nullopt;
  return read_user(select);
}

std::optional<UserRecord> SqliteStore::user_by_name(std::string_view username) {
  Statement& select = account_sql().user_by_name;
  ResetOnExit reset(select);
  select.bind(1, username);
  if (!select.step()) return std::nullopt;
  return read_user(select);
}

std::vector<UserRecord> SqliteStore::list_users() {
  Statement select = db_.prepare(select_from(kUserColumns, "FROM users ORDER BY username"));
  std::vector<UserRecord> users;
  while (select.step()) users.push_back(read_user(select));
  return users;
}

int64_t SqliteStore::user_count() {
  Statement& count = account_sql().user_count;
  ResetOnExit reset(count);
  return count.step() ? count.column_int64(0) : 0;
}

// ---- sessions ----

void SqliteStore::insert_session(const SessionRecord& session) {
  account_sql()
      .insert_session.bind(1, session.token_hash)
      .bind(2, session.user_id)
      .bind(3, session.created_at)
      .bind(4, session.expires_at)
      .bind(5, int64_t{session.revoked ? 1 : 0})
      .run();
}

std::optional<SessionRecord> SqliteStore::session(std::string_view token_hash) {
  Statement& select = account_sql().session;
  ResetOnExit reset(select);
  select.bind(1, token_hash);
  if (!select.step()) return std::nullopt;
  return read_session(select);
}

void SqliteStore::revoke_session(std::string_view token_hash) {
  account_sql().revoke_session.bind(1, token_hash).run();
}

void SqliteStore::revoke_sessions_of(int64_t user_id) {
  account_sql().revoke_sessions_of.bind(1, user_id).run();
}

void SqliteStore::delete_sessions_expired_before(int64_t unix_seconds) {
  account_sql().delete_sessions_expired.bind(1, unix_seconds).run();
}

// ---- audit trail ----

void SqliteStore::append_audit(const AuditEntry& entry) {
  append_audit_entries(std::span<const AuditEntry>(&entry, 1));
}

// One savepoint and one head for the whole run of entries, not one of each per
// entry. Inside a request's savepoint (a POST commits the entries of the reads
// before it first), every savepoint released truncates SQLite's in-memory
// statement journal by walking it from its start: once, a POST that committed
// a thousand waiting entries on a 9.6 M-entry trail spent minutes there.
void SqliteStore::append_audit_entries(std::span<const AuditEntry> entries) {
  if (entries.empty()) return;
  AccountStatements& sql = account_sql();
  transaction([&] {
    for (const AuditEntry& entry : entries) {
      sql.append_audit.bind(1, entry.seq)
          .bind(2, entry.at_ms)
          .bind(3, entry.user_id)
          .bind(4, entry.actor)
          .bind(5, entry.action)
          .bind(6, entry.target)
          .bind(7, int64_t{entry.area_id})
          .bind(8, entry.remote)
          .bind(9, entry.outcome)
          .bind(10, entry.detail)
          .bind(11, entry.prev_hash)
          .bind(12, entry.hash)
          .run();
    }
    // The head beside the chain, in the same transaction: deleting the last
    // rows leaves a head that no longer matches them.
    const AuditEntry& last = entries.back();
    const std::string head = std::to_string(last.seq) + " " + last.hash;
    sql.set_meta.bind(1, kAuditHeadKey).bind(2, head).run();
  });
}

std::optional<AuditEntry> SqliteStore::last_audit_entry() {
  Statement& select = account_sql().last_audit_entry;
  ResetOnExit reset(select);
  if (!select.step()) return std::nullopt;
  return read_audit(select);
}

std::vector<AuditEntry> SqliteStore::search_audit(const AuditQuery& query) {
  if (query.limit == 0) return {};
  if (query.target || query.actor || (!query.areas.empty() && query.areas.size() <= kMaxAreaKeys)) {
    if (auto found = search_audit_by_key(query)) return std::move(*found);
  }
  return search_audit_by_scan(query, query.after_seq, query.limit);
}

std::optional<std::vector<AuditEntry>> SqliteStore::search_audit_by_key(const AuditQuery& query) {
  // The record is the narrowest key, then the user (whose entries may be most
  // of the trail), then the areas.
  AuditKeyIndex::Kind kind = AuditKeyIndex::Kind::area;
  std::vector<std::string> values;
  if (query.target) {
    kind = AuditKeyIndex::Kind::target;
    values.push_back(*query.target);
  } else if (query.actor) {
    kind = AuditKeyIndex::Kind::actor;
    values.push_back(*query.actor);
  } else {
    for (const AreaId area : query.areas) values.push_back(std::to_string(area));
  }
  // Enough candidates for a page when most of them pass the other filters.
  const size_t batch = std::max<size_t>(query.limit, 256);
  AuditKeyIndex::Lookup found;
  try {
    found = audit_index_.lookup(kind, values, query.after_seq, batch);
  } catch (const StoreError&) {
    // An index file that cannot be read (damaged, not a database) is only a
    // slower search: the trail itself answers.
    return std::nullopt;
  }
  const AuditKeyIndex::Coverage covered = found.coverage;
  if (covered.through_seq == 0 || !audit_trail_holds(covered)) return std::nullopt;

  const std::string action_upper =
      audit_action_is_prefix(query) ? prefix_upper_bound(*query.action) : "";
  Statement by_seq = db_.prepare(select_from(kAuditColumns, "FROM audit_log WHERE seq = ?"));
  std::vector<AuditEntry> entries;
  for (;;) {
    for (const int64_t seq : found.seqs) {
      by_seq.bind(1, seq);
      ResetOnExit reset(by_seq);
      if (!by_seq.step()) continue;
      // Every filter again, the key's too: an entry is only trusted as read.
      AuditEntry entry = read_audit(by_seq);
      if (!audit_entry_matches(entry, query, action_upper)) continue;
      entries.push_back(std::move(entry));
      if (entries.size() == query.limit) return entries;
    }
    if (found.complete || found.seqs.empty()) break;
    found = audit_index_.lookup(kind, values, found.seqs.back(), batch);
    // Runs indexed since the first look cover entries the read below finds.
    std::erase_if(found.seqs, [&](int64_t seq) { return seq > covered.through_seq; });
  }
  // Entries after the last one indexed.
  std::vector<AuditEntry> rest = search_audit_by_scan(
      query, std::max(query.after_seq, covered.through_seq), query.limit - entries.size());
  entries.insert(entries.end(), std::make_move_iterator(rest.begin()),
                 std::make_move_iterator(rest.end()));
  return entries;
}

std::vector<AuditEntry> SqliteStore::search_audit_by_scan(const AuditQuery& query,
                                                          int64_t after_seq, size_t limit) {
  std::string sql = select_from(kAuditColumns, "FROM audit_log WHERE seq > ?");
  if (query.from_ms) sql += " AND at_ms >= ?";
  if (query.to_ms) sql += " AND at_ms < ?";
  if (query.actor) sql += " AND actor = ?";
  const bool action_prefix = audit_action_is_prefix(query);
  if (query.action) sql += action_prefix ? " AND action >= ? AND action < ?" : " AND action = ?";
  if (query.target) sql += " AND target = ?";
  if (!query.areas.empty()) {
    sql += " AND area_id IN (";
    for (size_t i = 0; i < query.areas.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
  }
  sql += " ORDER BY seq LIMIT ?";

  // Bound text is not copied: the upper bound must outlive the statement's steps.
  const std::string action_upper = action_prefix ? prefix_upper_bound(*query.action) : "";
  Statement select = db_.prepare(sql);
  int index = 1;
  select.bind(index++, after_seq);
  if (query.from_ms) select.bind(index++, *query.from_ms);
  if (query.to_ms) select.bind(index++, *query.to_ms);
  if (query.actor) select.bind(index++, *query.actor);
  if (query.action) {
    select.bind(index++, *query.action);
    if (action_prefix) select.bind(index++, action_upper);
  }
  if (query.target) select.bind(index++, *query.target);
  for (AreaId area : query.areas) select.bind(index++, int64_t{area});
  select.bind(index++, static_cast<int64_t>(limit));

  std::vector<AuditEntry> entries;
  while (select.step()) entries.push_back(read_audit(select));
  return entries;
}

bool SqliteStore::audit_trail_holds(const AuditKeyIndex::Coverage& covered) {
  Statement select = db_.prepare("SELECT hash FROM audit_log WHERE seq = ?");
  select.bind(1, covered.through_seq);
  return select.step() && select.column_text(0) == covered.through_hash;
}

bool SqliteStore::index_audit_trail(size_t max_entries) {
  if (!audit_index_.has_file()) return false;  // a database in memory
  AuditKeyIndex::Coverage from = audit_index_.coverage_to_extend();
  if (from.through_seq > 0 && !audit_trail_holds(from)) {
    audit_index_.clear();  // indexed another trail (a restored backup?): start again
    from = {};
  }
  std::vector<std::pair<std::string, int64_t>> keys;
  AuditKeyIndex::Coverage through = from;
  Statement select = db_.prepare(
      "SELECT seq, actor, target, area_id, hash FROM audit_log WHERE seq > ? ORDER BY seq "
      "LIMIT ?");
  select.bind(1, from.through_seq).bind(2, static_cast<int64_t>(max_entries));
  size_t read = 0;
  while (select.step()) {
    ++read;
    const int64_t seq = select.column_int64(0);
    // Empty values too (a failed login names no record): a search may ask for them.
    keys.emplace_back(AuditKeyIndex::key(AuditKeyIndex::Kind::actor, select.column_text(1)), seq);
    keys.emplace_back(AuditKeyIndex::key(AuditKeyIndex::Kind::target, select.column_text(2)), seq);
    keys.emplace_back(
        AuditKeyIndex::key(AuditKeyIndex::Kind::area, std::to_string(select.column_int64(3))), seq);
    through = {seq, std::string(select.column_text(4))};
  }
  select.reset();  // the trail's read ends before the index's write
  if (read > 0) audit_index_.add_run(std::move(keys), from, through);
  audit_index_.merge_full_levels();
  return read == max_entries;
}

void SqliteStore::scan_audit(const std::function<void(const AuditEntry&)>& visit) {
  // A statement of its own, so the visitor may use the store's shared ones.
  Statement scan = db_.prepare(select_from(kAuditColumns, "FROM audit_log ORDER BY seq"));
  while (scan.step()) visit(read_audit(scan));
}

// ---- idempotency keys ----

std::optional<IdempotencyRecord> SqliteStore::idempotent_response(int64_t user_id,
                                                                  std::string_view key) {
  Statement& select = account_sql().idempotent_response;
  ResetOnExit reset(select);
  select.bind(1, user_id).bind(2, key);
  if (!select.step()) return std::nullopt;
  IdempotencyRecord record;
  record.user_id = select.column_int64(0);
  record.key = select.column_text(1);
  record.request_digest = select.column_text(2);
  record.status = static_cast<int32_t>(select.column_int64(3));
  record.response_body = select.column_text(4);
  record.created_at = select.column_int64(5);
  return record;
}

void SqliteStore::save_idempotent_response(const IdempotencyRecord& record) {
  account_sql()
      .save_idempotent_response.bind(1, record.user_id)
      .bind(2, record.key)
      .bind(3, record.request_digest)
      .bind(4, int64_t{record.status})
      .bind(5, record.response_body)
      .bind(6, record.created_at)
      .run();
}

void SqliteStore::delete_idempotency_before(int64_t unix_seconds) {
  account_sql().delete_idempotency_before.bind(1, unix_seconds).run();
}

}  // namespace phongdich
