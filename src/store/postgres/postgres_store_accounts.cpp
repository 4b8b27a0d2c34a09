// PostgresStore: accounts, sessions, the audit trail and idempotency keys
// (migration 3 in postgres_migrations.cpp), as SqliteStore keeps them.
#include <string>

#include "store/postgres/postgres_store.hpp"

namespace phongdich {
namespace {

#define USER_COLUMNS                                                                               \
  "id, username, password_hash, role, area_id, person_id, failed_logins, locked_until, disabled, " \
  "created_at"
#define SESSION_COLUMNS "token_hash, user_id, created_at, expires_at, revoked"
#define AUDIT_COLUMNS                                                                         \
  "seq, at_ms, user_id, actor, action, target, area_id, remote, outcome, detail, prev_hash, " \
  "hash"

constexpr std::string_view kAuditHeadKey = "audit.head";

constexpr PgStatement kInsertUser{
    "insert_user",
    "INSERT INTO users(username, password_hash, role, area_id, person_id, failed_logins, "
    "locked_until, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (username) DO NOTHING RETURNING id"};
constexpr PgStatement kInsertUserWithId{
    "insert_user_with_id",
    "INSERT INTO users(id, username, password_hash, role, area_id, person_id, failed_logins, "
    "locked_until, disabled, created_at) VALUES ($10, $1, $2, $3, $4, $5, $6, $7, $8, $9) "
    "ON CONFLICT (username) DO NOTHING RETURNING id"};
constexpr PgStatement kUpdateUser{
    "update_user",
    "UPDATE users SET username = $2, password_hash = $3, role = $4, area_id = $5, "
    "person_id = $6, failed_logins = $7, locked_until = $8, disabled = $9 WHERE id = $1"};
constexpr PgStatement kUserById{"user_by_id", "SELECT " USER_COLUMNS " FROM users WHERE id = $1"};
constexpr PgStatement kUserByName{"user_by_name",
                                  "SELECT " USER_COLUMNS " FROM users WHERE username = $1"};
constexpr PgStatement kListUsers{"list_users",
                                 "SELECT " USER_COLUMNS " FROM users ORDER BY username"};
constexpr PgStatement kUserCount{"user_count", "SELECT count(*) FROM users"};

constexpr PgStatement kInsertSession{
    "insert_session",
    "INSERT INTO sessions(token_hash, user_id, created_at, expires_at, revoked) "
    "VALUES ($1, $2, $3, $4, $5)"};
constexpr PgStatement kSession{"session",
                               "SELECT " SESSION_COLUMNS " FROM sessions WHERE token_hash = $1"};
constexpr PgStatement kRevokeSession{"revoke_session",
                                     "UPDATE sessions SET revoked = true WHERE token_hash = $1"};
constexpr PgStatement kRevokeSessionsOf{"revoke_sessions_of",
                                        "UPDATE sessions SET revoked = true WHERE user_id = $1"};
constexpr PgStatement kDeleteSessionsExpired{"delete_sessions_expired",
                                             "DELETE FROM sessions WHERE expires_at < $1"};

constexpr PgStatement kAppendAudit{
    "append_audit",
    "INSERT INTO audit_log(seq, province_id, at_ms, user_id, actor, action, target, area_id, "
    "remote, outcome, detail, prev_hash, hash) VALUES ($1, "
    "coalesce((SELECT province_id FROM areas WHERE id = $7), 0), "
    "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"};
// Many entries in one statement (the server's flush of read entries): with a
// statement per entry, each set up and ran on its own, the database spent
// 28 us per entry; in one statement, 18 us (10 M persons, 8,000 reads/s).
constexpr PgStatement kAppendAuditEntries{
    "append_audit_entries",
    "INSERT INTO audit_log(seq, province_id, at_ms, user_id, actor, action, target, area_id, "
    "remote, outcome, detail, prev_hash, hash) "
    "SELECT e.seq, coalesce(a.province_id, 0), e.at_ms, e.user_id, e.actor, e.action, e.target, "
    "e.area_id, e.remote, e.outcome, e.detail, e.prev_hash, e.hash "
    "FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], "
    "$7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) "
    "AS e(seq, at_ms, user_id, actor, action, target, area_id, remote, outcome, detail, "
    "prev_hash, hash) "
    "LEFT JOIN areas a ON a.id = e.area_id"};
constexpr PgStatement kSetAuditHead{"set_audit_head",
                                    "INSERT INTO meta(key, value) VALUES ($1, $2) "
                                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"};
constexpr PgStatement kLockAuditChain{"lock_audit_chain",
                                      "SELECT pg_advisory_xact_lock(727210387)"};
// A 64-bit hash of the user and key; a collision only makes two unrelated
// requests wait for one commit.
constexpr PgStatement kLockIdempotencyKey{
    "lock_idempotency_key",
    "SELECT pg_advisory_xact_lock(hashtextextended($1::text || ':' || $2, 727210386))"};
constexpr PgStatement kLastAuditEntry{
    "last_audit_entry", "SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY seq DESC LIMIT 1"};

constexpr PgStatement kIdempotentResponse{
    "idempotent_response",
    "SELECT user_id, key, request_digest, status, response_body, created_at "
    "FROM idempotency_keys WHERE user_id = $1 AND key = $2"};
constexpr PgStatement kSaveIdempotentResponse{
    "save_idempotent_response",
    "INSERT INTO idempotency_keys(user_id, key, request_digest, status, response_body, "
    "created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, key) DO UPDATE SET "
    "request_digest = excluded.request_digest, status = excluded.status, "
    "response_body = excluded.response_body, created_at = excluded.created_at"};
constexpr PgStatement kDeleteIdempotencyBefore{
    "delete_idempotency_before", "DELETE FROM idempotency_keys WHERE created_at < $1"};

// Reads a row selected with USER_COLUMNS.
UserRecord read_user(const PgResult& r, int row) {
  UserRecord user;
  user.id = r.int64(row, 0);
  user.username = r.text(row, 1);
  user.password_hash = r.text(row, 2);
  user.role = r.text(row, 3);
  user.area_id = static_cast<AreaId>(r.int64(row, 4));
  user.person_id = r.optional_int64(row, 5);
  user.failed_logins = static_cast<int32_t>(r.int64(row, 6));
  user.locked_until = r.int64(row, 7);
  user.disabled = r.boolean(row, 8);
  user.created_at = r.int64(row, 9);
  return user;
}

// Reads a row selected with AUDIT_COLUMNS.
AuditEntry read_audit(const PgResult& r, int row) {
  AuditEntry entry;
  entry.seq = r.int64(row, 0);
  entry.at_ms = r.int64(row, 1);
  entry.user_id = r.int64(row, 2);
  entry.actor = r.text(row, 3);
  entry.action = r.text(row, 4);
  entry.target = r.text(row, 5);
  entry.area_id = static_cast<AreaId>(r.int64(row, 6));
  entry.remote = r.text(row, 7);
  entry.outcome = r.text(row, 8);
  entry.detail = r.text(row, 9);
  entry.prev_hash = r.text(row, 10);
  entry.hash = r.text(row, 11);
  return entry;
}

// $1..$9 of kInsertUser; kUpdateUser's $2..$9 are the first eight.
PgParams& add_user_fields(PgParams& params, const UserRecord& user) {
  return params.add(user.username)
      .add(user.password_hash)
      .add(user.role)
      .add(int64_t{user.area_id})
      .add(user.person_id)
      .add(int64_t{user.failed_logins})
      .add(user.locked_until)
      .add_bool(user.disabled);
}

// The smallest text above every text that starts with `prefix` (which ends in
// '.', so its last byte can simply be bumped): a prefix match as a range.
std::string prefix_upper_bound(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

}  // namespace

// ---- users ----

std::optional<int64_t> PostgresStore::insert_user(const UserRecord& user) {
  PgParams params;
  add_user_fields(params, user).add(user.created_at);
  if (user.id != 0) params.add(user.id);
  // DO NOTHING covers the username only: another conflict (a taken id) still throws.
  const PgResult inserted = write(user.id != 0 ? kInsertUserWithId : kInsertUser, params);
  if (inserted.empty()) return std::nullopt;
  if (user.id != 0) advance_id_sequence("users", user.id);
  return inserted.int64(0, 0);
}

void PostgresStore::update_user(const UserRecord& user) {
  PgParams params;
  params.add(user.id);
  add_user_fields(params, user);
  if (write(kUpdateUser, params).affected_rows() != 1) {
    throw StoreError("update_user: no user " + std::to_string(user.id));
  }
}

std::optional<UserRecord> PostgresStore::user_by_id(int64_t id) {
  const PgResult result = db_.run(kUserById, PgParams().add(id));
  if (result.empty()) return std::nullopt;
  return read_user(result, 0);
}

std::optional<UserRecord> PostgresStore::user_by_name(std::string_view username) {
  const PgResult result = db_.run(kUserByName, PgParams().add(username));
  if (result.empty()) return std::nullopt;
  return read_user(result, 0);
}

std::vector<UserRecord> PostgresStore::list_users() {
  const PgResult result = db_.run(kListUsers);
  std::vector<UserRecord> users;
  users.reserve(static_cast<size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) users.push_back(read_user(result, i));
  return users;
}

int64_t PostgresStore::user_count() { return db_.run(kUserCount).int64(0, 0); }

// ---- sessions ----

void PostgresStore::insert_session(const SessionRecord& session) {
  write(kInsertSession, PgParams()
                            .add(session.token_hash)
                            .add(session.user_id)
                            .add(session.created_at)
                            .add(session.expires_at)
                            .add_bool(session.revoked));
}

std::optional<SessionRecord> PostgresStore::session(std::string_view token_hash) {
  const PgResult result = db_.run(kSession, PgParams().add(token_hash));
  if (result.empty()) return std::nullopt;
  SessionRecord session;
  session.token_hash = result.text(0, 0);
  session.user_id = result.int64(0, 1);
  session.created_at = result.int64(0, 2);
  session.expires_at = result.int64(0, 3);
  session.revoked = result.boolean(0, 4);
  return session;
}

void PostgresStore::revoke_session(std::string_view token_hash) {
  write(kRevokeSession, PgParams().add(token_hash));
}

void PostgresStore::revoke_sessions_of(int64_t user_id) {
  write(kRevokeSessionsOf, PgParams().add(user_id));
}

void PostgresStore::delete_sessions_expired_before(int64_t unix_seconds) {
  write(kDeleteSessionsExpired, PgParams().add(unix_seconds));
}

// ---- audit trail ----

namespace {

PgParams audit_row(const AuditEntry& entry) {
  return PgParams()
      .add(entry.seq)
      .add(entry.at_ms)
      .add(entry.user_id)
      .add(entry.actor)
      .add(entry.action)
      .add(entry.target)
      .add(int64_t{entry.area_id})
      .add(entry.remote)
      .add(entry.outcome)
      .add(entry.detail)
      .add(entry.prev_hash)
      .add(entry.hash);
}

// The entries as one array per column, for kAppendAuditEntries.
PgParams audit_columns(std::span<const AuditEntry> entries) {
  std::vector<int64_t> seq, at_ms, user_id, area_id;
  std::vector<std::string> actor, action, target, remote, outcome, detail, prev_hash, hash;
  for (const AuditEntry& entry : entries) {
    seq.push_back(entry.seq);
    at_ms.push_back(entry.at_ms);
    user_id.push_back(entry.user_id);
    actor.push_back(entry.actor);
    action.push_back(entry.action);
    target.push_back(entry.target);
    area_id.push_back(entry.area_id);
    remote.push_back(entry.remote);
    outcome.push_back(entry.outcome);
    detail.push_back(entry.detail);
    prev_hash.push_back(entry.prev_hash);
    hash.push_back(entry.hash);
  }
  return PgParams()
      .add_array(seq)
      .add_array(at_ms)
      .add_array(user_id)
      .add_text_array(actor)
      .add_text_array(action)
      .add_text_array(target)
      .add_array(area_id)
      .add_text_array(remote)
      .add_text_array(outcome)
      .add_text_array(detail)
      .add_text_array(prev_hash)
      .add_text_array(hash);
}

}  // namespace

void PostgresStore::append_audit(const AuditEntry& entry) {
  append_audit_entries(std::span<const AuditEntry>(&entry, 1));
}

void PostgresStore::append_audit_entries(std::span<const AuditEntry> entries) {
  if (entries.empty()) return;
  // Every entry in one round trip, then the head beside the chain, in the same
  // transaction: deleting the last rows leaves a head that no longer matches them.
  const AuditEntry& last = entries.back();
  const PgParams head =
      PgParams().add(kAuditHeadKey).add(std::to_string(last.seq) + " " + last.hash);
  // A lone entry (a write's own) keeps the one-row INSERT: alone, it ran 19%
  // more inserts a second than the arrays' statement (pgbench, 2 clients).
  if (entries.size() == 1) {
    const PgParams row = audit_row(last);
    write({{&kAppendAudit, &row, nullptr}, {&kSetAuditHead, &head, nullptr}});
    return;
  }
  const PgParams rows = audit_columns(entries);
  write({{&kAppendAuditEntries, &rows, nullptr}, {&kSetAuditHead, &head, nullptr}});
}

std::optional<AuditEntry> PostgresStore::last_audit_entry() {
  // Inside a transaction the head is read to be extended (AuditLog::append) or
  // checked (verify): a lock held until the transaction ends keeps every other
  // connection, of this server or another, from appending in between, as
  // SQLite's write lock does. Without it two servers would both read seq n and
  // one of them fail on n + 1.
  if (transaction_depth_ > 0) db_.run(kLockAuditChain);
  const PgResult result = db_.run(kLastAuditEntry);
  if (result.empty()) return std::nullopt;
  return read_audit(result, 0);
}

std::vector<AuditEntry> PostgresStore::search_audit(const AuditQuery& query) {
  if (query.limit == 0) return {};
  PgParams params;
  params.add(query.after_seq);
  std::string sql = "SELECT " AUDIT_COLUMNS " FROM audit_log WHERE seq > $1";
  auto next = [&] { return "$" + std::to_string(params.size()); };
  if (query.from_ms) {
    params.add(*query.from_ms);
    sql += " AND at_ms >= " + next();
  }
  if (query.to_ms) {
    params.add(*query.to_ms);
    sql += " AND at_ms < " + next();
  }
  if (query.actor) {
    params.add(*query.actor);
    sql += " AND actor = " + next();
  }
  const bool action_prefix = query.action && !query.action->empty() && query.action->back() == '.';
  if (query.action) {
    params.add(*query.action);
    if (action_prefix) {
      sql += " AND action >= " + next();
      params.add(prefix_upper_bound(*query.action));
      sql += " AND action < " + next();
    } else {
      sql += " AND action = " + next();
    }
  }
  if (query.target) {
    params.add(*query.target);
    sql += " AND target = " + next();
  }
  if (!query.areas.empty()) {
    std::vector<int64_t> areas(query.areas.begin(), query.areas.end());
    params.add_array(areas);
    sql += " AND area_id = ANY(" + next() + "::bigint[])";
  }
  params.add_count(query.limit);
  sql += " ORDER BY seq LIMIT " + next();

  const PgResult result = db_.query(sql, params, "search_audit");
  std::vector<AuditEntry> entries;
  entries.reserve(static_cast<size_t>(result.rows()));
  for (int i = 0; i < result.rows(); ++i) entries.push_back(read_audit(result, i));
  return entries;
}

void PostgresStore::scan_audit(const std::function<void(const AuditEntry&)>& visit) {
  scan("SELECT " AUDIT_COLUMNS " FROM audit_log ORDER BY seq", [&](const PgResult& batch) {
    for (int i = 0; i < batch.rows(); ++i) visit(read_audit(batch, i));
  });
}

// ---- idempotency keys ----

std::optional<IdempotencyRecord> PostgresStore::idempotent_response(int64_t user_id,
                                                                    std::string_view key) {
  const PgResult result = db_.run(kIdempotentResponse, PgParams().add(user_id).add(key));
  if (result.empty()) return std::nullopt;
  IdempotencyRecord record;
  record.user_id = result.int64(0, 0);
  record.key = result.text(0, 1);
  record.request_digest = result.text(0, 2);
  record.status = static_cast<int32_t>(result.int64(0, 3));
  record.response_body = result.text(0, 4);
  record.created_at = result.int64(0, 5);
  return record;
}

void PostgresStore::save_idempotent_response(const IdempotencyRecord& record) {
  write(kSaveIdempotentResponse, PgParams()
                                     .add(record.user_id)
                                     .add(record.key)
                                     .add(record.request_digest)
                                     .add(int64_t{record.status})
                                     .add(record.response_body)
                                     .add(record.created_at));
}

void PostgresStore::delete_idempotency_before(int64_t unix_seconds) {
  write(kDeleteIdempotencyBefore, PgParams().add(unix_seconds));
}

void PostgresStore::lock_idempotency_key(int64_t user_id, std::string_view key) {
  // The audit chain's lock first, always: every write appends to the chain, so
  // a transaction that took a key's lock and then waited for the chain while
  // the chain's holder waited for that key would deadlock. Taken in this order,
  // the key's lock is only ever taken by the chain's holder.
  db_.run(kLockAuditChain);
  db_.run(kLockIdempotencyKey, PgParams().add(user_id).add(key));
}

}  // namespace phongdich
