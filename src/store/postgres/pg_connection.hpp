// A thin RAII layer over one libpq connection: named prepared statements with
// text parameters, ad-hoc parameterised queries, and COPY FROM STDIN.
//
// Errors become PgError (with the SQLSTATE) naming the statement, not its SQL.
// A PgConnection is used from one thread at a time. Nothing here knows the schema.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "store/postgres/pg_result.hpp"

struct pg_conn;

namespace phongdich {

// A statement prepared on first use under `name` and reused afterwards. The
// name is also what an error message shows.
struct PgStatement {
  const char* name;
  const char* sql;
};

// Text parameters $1, $2 ... in order; a missing value is SQL NULL.
class PgParams {
 public:
  PgParams& add(int64_t value);
  PgParams& add(std::string_view text);
  PgParams& add(const std::string& text) { return add(std::string_view(text)); }
  PgParams& add(const char* text) { return add(std::string_view(text)); }
  PgParams& add_bool(bool value);
  // A LIMIT or OFFSET: counts past the largest bigint mean "all", as in SQLite
  // (where a negative LIMIT is no limit) rather than an error.
  PgParams& add_count(size_t count);
  PgParams& add_null();
  // Empty text and nullopt are stored as NULL (as the SQLite store does).
  PgParams& add_text_or_null(std::string_view text);
  PgParams& add(const std::optional<std::string>& text);
  PgParams& add(const std::optional<int64_t>& value);
  // A bigint[] literal: {1,2,3}.
  PgParams& add_array(std::span<const int64_t> values);
  // A text[] literal: {"a","b \"quoted\""}; every element quoted, none NULL.
  PgParams& add_text_array(std::span<const std::string> values);

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers into the parameters; valid until the next add().
  const char* const* values() const;

 private:
  std::vector<std::optional<std::string>> values_;
  mutable std::vector<const char*> pointers_;
};

// One command of a pipeline: a named statement with its parameters, or (when
// `statement` is null) SQL without parameters such as SAVEPOINT.
struct PgCall {
  const PgStatement* statement = nullptr;
  const PgParams* params = nullptr;
  const char* sql = nullptr;
};

class PgConnection {
 public:
  // `conninfo`: a URL (postgres://user@host:port/db?options=...) or key=value pairs.
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // One or more statements without parameters (schema, BEGIN, SET...). `what`
  // names them in an error message.
  PgResult exec(std::string_view sql, std::string_view what);
  // A named statement, prepared on this connection the first time it runs.
  PgResult run(const PgStatement& statement, const PgParams& params = {});
  // A statement built at run time (a search with optional filters): parsed each time.
  PgResult query(const std::string& sql, const PgParams& params, std::string_view what);
  // Sends every call at once and waits once (libpq's pipeline mode): one round trip
  // instead of one per call. A failure skips the calls after it, and throws once
  // all results are in; the caller undoes what the calls before it did (e.g. by
  // running them between SAVEPOINT and RELEASE and rolling back to the savepoint).
  std::vector<PgResult> pipeline(std::span<const PgCall> calls, std::string_view what);
  // COPY ... FROM STDIN with `data` in COPY's text format (copy_field() escapes a value).
  void copy_in(std::string_view copy_sql, std::string_view data, std::string_view what);

  // True inside a transaction block (also when it has failed and awaits ROLLBACK).
  bool in_transaction() const;
  pg_conn* handle() const { return conn_; }

  // Runs `sql` (SET ...) now, and again on every reconnection.
  void add_session_setup(std::string sql);
  const std::vector<std::string>& session_setup() const { return session_setup_; }
  // The owner has given up the transaction that was open when the connection
  // was lost: the next call may reconnect.
  void transaction_abandoned() { lost_in_transaction_ = false; }

 private:
  PgResult check(PgResult result, std::string_view what) const;
  [[noreturn]] void fail_connection(std::string_view what) const;
  // Before each call: a connection found lost is opened again (the server
  // restarted, a network blip), its prepared statements and session settings
  // with it, unless a transaction was open on it: the owner must hear of that
  // transaction's loss first (StoreUnavailable), not go on outside it.
  void reconnect_if_lost();
  template <typename Call>
  auto guarded(Call call) -> decltype(call());
  std::vector<PgResult> run_pipeline(std::span<const PgCall> calls, std::string_view what);
  void run_copy_in(std::string_view copy_sql, std::string_view data, std::string_view what);
  // After a call that failed: remembers a loss in the middle of a transaction.
  void note_failure(bool was_in_transaction);

  std::string conninfo_;
  pg_conn* conn_ = nullptr;
  std::unordered_set<std::string> prepared_;
  std::vector<std::string> session_setup_;
  bool lost_in_transaction_ = false;
};

// Appends `value` to a COPY text-format line, escaping the characters COPY treats
// specially; followed by a tab, or a newline when `last`.
void copy_field(std::string& line, std::string_view value, bool last = false);
void copy_null(std::string& line, bool last = false);
void copy_field(std::string& line, int64_t value, bool last = false);

}  // namespace phongdich
