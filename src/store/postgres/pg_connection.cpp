#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <exception>
#include <limits>

namespace phongdich {
namespace {

// Notices ("relation already exists, skipping") are expected and not errors: a
// library must not write them to the program's stderr.
void ignore_notice(void* /*arg*/, const char* /*message*/) {}

// The server's primary message without the trailing newline libpq keeps.
std::string trimmed(const char* message) {
  std::string text = message != nullptr ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// SQLSTATEs that say the server is going away or cannot take the session now,
// rather than that the statement was wrong: class 08 (connection exception),
// 57P01-57P03 (shut down by the administrator, crash shutdown, cannot connect
// now) and 53300 (too many connections).
bool server_unavailable(std::string_view sqlstate) {
  return sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03" || sqlstate == "53300";
}

}  // namespace

// ---- parameters ----

PgParams& PgParams::add(int64_t value) {
  values_.emplace_back(std::to_string(value));
  return *this;
}

PgParams& PgParams::add(std::string_view text) {
  values_.emplace_back(std::string(text));
  return *this;
}

PgParams& PgParams::add_bool(bool value) {
  values_.emplace_back(value ? "t" : "f");
  return *this;
}

PgParams& PgParams::add_count(size_t count) {
  constexpr auto kLargest = static_cast<size_t>(std::numeric_limits<int64_t>::max());
  return add(static_cast<int64_t>(std::min(count, kLargest)));
}

PgParams& PgParams::add_null() {
  values_.emplace_back(std::nullopt);
  return *this;
}

PgParams& PgParams::add_text_or_null(std::string_view text) {
  return text.empty() ? add_null() : add(text);
}

PgParams& PgParams::add(const std::optional<std::string>& text) {
  return text ? add_text_or_null(*text) : add_null();
}

PgParams& PgParams::add(const std::optional<int64_t>& value) {
  return value ? add(*value) : add_null();
}

PgParams& PgParams::add_array(std::span<const int64_t> values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal += ',';
    literal += std::to_string(values[i]);
  }
  literal += '}';
  values_.emplace_back(std::move(literal));
  return *this;
}

PgParams& PgParams::add_text_array(std::span<const std::string> values) {
  std::string literal = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal += ',';
    literal += '"';
    for (const char c : values[i]) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  literal += '}';
  values_.emplace_back(std::move(literal));
  return *this;
}

const char* const* PgParams::values() const {
  pointers_.clear();
  for (const auto& value : values_) pointers_.push_back(value ? value->c_str() : nullptr);
  return pointers_.data();
}

// ---- connection ----

PgConnection::PgConnection(const std::string& conninfo)
    : conninfo_(conninfo), conn_(PQconnectdb(conninfo.c_str())) {
  if (conn_ == nullptr) throw PgError("", "postgres: cannot connect: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    // libpq's message names the host and port, never the password.
    const std::string message = "postgres: cannot connect: " + trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreUnavailable(message);
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

PgConnection::~PgConnection() { PQfinish(conn_); }

void PgConnection::fail_connection(std::string_view what) const {
  const std::string message =
      "postgres: " + std::string(what) + ": " + trimmed(PQerrorMessage(conn_));
  if (PQstatus(conn_) != CONNECTION_OK) throw StoreUnavailable(message);
  throw PgError("", message);
}

void PgConnection::add_session_setup(std::string sql) {
  exec(sql, "session settings");
  session_setup_.push_back(std::move(sql));
}

void PgConnection::reconnect_if_lost() {
  if (PQstatus(conn_) == CONNECTION_OK) return;
  if (lost_in_transaction_) {
    throw StoreUnavailable("postgres: the connection was lost inside a transaction");
  }
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) {
    throw StoreUnavailable("postgres: cannot reconnect: " + trimmed(PQerrorMessage(conn_)));
  }
  // A new server session: nothing prepared, no settings.
  prepared_.clear();
  for (const std::string& sql : session_setup_) {
    check(PgResult(PQexec(conn_, sql.c_str())), "session settings");
  }
}

void PgConnection::note_failure(bool was_in_transaction) {
  if (was_in_transaction && PQstatus(conn_) != CONNECTION_OK) lost_in_transaction_ = true;
}

PgResult PgConnection::check(PgResult result, std::string_view what) const {
  if (result.get() == nullptr) fail_connection(what);
  switch (PQresultStatus(result.get())) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_COPY_IN:
      return result;
    default:
      break;
  }
  const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
  const std::string sqlstate = state != nullptr ? state : "";
  std::string message = "postgres: " + std::string(what) + ": " +
                        trimmed(PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY));
  if (!sqlstate.empty()) message += " (SQLSTATE " + sqlstate + ")";
  if (server_unavailable(sqlstate) || PQstatus(conn_) != CONNECTION_OK) {
    throw StoreUnavailable(message);
  }
  throw PgError(sqlstate, message);
}

// Every call goes through here: reconnects first when the connection was lost,
// and notes a loss in the middle of a transaction.
template <typename Call>
auto PgConnection::guarded(Call call) -> decltype(call()) {
  reconnect_if_lost();
  const bool was_in_transaction = in_transaction();
  try {
    return call();
  } catch (const StoreError&) {
    note_failure(was_in_transaction);
    throw;
  }
}

PgResult PgConnection::exec(std::string_view sql, std::string_view what) {
  return guarded([&] { return check(PgResult(PQexec(conn_, std::string(sql).c_str())), what); });
}

PgResult PgConnection::run(const PgStatement& statement, const PgParams& params) {
  return guarded([&] {
    if (!prepared_.contains(statement.name)) {
      // Parameter types are left to the server to infer from the statement.
      check(PgResult(PQprepare(conn_, statement.name, statement.sql, 0, nullptr)), statement.name);
      prepared_.insert(statement.name);
    }
    return check(PgResult(PQexecPrepared(conn_, statement.name, params.size(), params.values(),
                                         nullptr, nullptr, 0)),
                 statement.name);
  });
}

PgResult PgConnection::query(const std::string& sql, const PgParams& params,
                             std::string_view what) {
  return guarded([&] {
    return check(PgResult(PQexecParams(conn_, sql.c_str(), params.size(), nullptr, params.values(),
                                       nullptr, nullptr, 0)),
                 what);
  });
}

std::vector<PgResult> PgConnection::pipeline(std::span<const PgCall> calls, std::string_view what) {
  return guarded([&] { return run_pipeline(calls, what); });
}

std::vector<PgResult> PgConnection::run_pipeline(std::span<const PgCall> calls,
                                                 std::string_view what) {
  if (PQenterPipelineMode(conn_) != 1) fail_connection(what);
  // What each result read below answers: a PREPARE (named statements not yet on
  // this connection) or a call.
  struct Expected {
    const PgStatement* prepares = nullptr;
    size_t call = 0;
  };
  std::vector<Expected> expected;
  std::vector<std::string> preparing;
  bool sent = true;
  for (size_t i = 0; i < calls.size() && sent; ++i) {
    const PgCall& call = calls[i];
    if (call.statement != nullptr) {
      if (!prepared_.contains(call.statement->name) &&
          std::find(preparing.begin(), preparing.end(), call.statement->name) == preparing.end()) {
        sent = PQsendPrepare(conn_, call.statement->name, call.statement->sql, 0, nullptr) == 1;
        expected.push_back({call.statement, 0});
        preparing.emplace_back(call.statement->name);
      }
      const PgParams none;
      const PgParams& params = call.params != nullptr ? *call.params : none;
      sent = sent && PQsendQueryPrepared(conn_, call.statement->name, params.size(),
                                         params.values(), nullptr, nullptr, 0) == 1;
    } else {
      sent = PQsendQueryParams(conn_, call.sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
    }
    expected.push_back({nullptr, i});
  }
  if (!sent || PQpipelineSync(conn_) != 1) {
    const std::string message =
        "postgres: " + std::string(what) + ": " + trimmed(PQerrorMessage(conn_));
    PQexitPipelineMode(conn_);
    if (PQstatus(conn_) != CONNECTION_OK) throw StoreUnavailable(message);
    throw PgError("", message);
  }

  std::vector<PgResult> results(calls.size());
  std::exception_ptr failure;  // the first, thrown once every result is in
  for (const Expected& e : expected) {
    // Each command's results end with a null result.
    PgResult first(PQgetResult(conn_));
    while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    const ExecStatusType status =
        first.get() != nullptr ? PQresultStatus(first.get()) : PGRES_FATAL_ERROR;
    if (status == PGRES_PIPELINE_ABORTED) continue;  // skipped after the failure below
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      if (!failure) {
        try {
          check(std::move(first), e.prepares != nullptr ? e.prepares->name : what);
        } catch (const StoreError&) {
          failure = std::current_exception();
        }
      }
      continue;
    }
    if (e.prepares != nullptr) {
      prepared_.insert(e.prepares->name);
    } else {
      results[e.call] = std::move(first);
    }
  }
  // The end of the pipeline: its sync point.
  PgResult sync(PQgetResult(conn_));
  if (PQexitPipelineMode(conn_) != 1 && !failure) fail_connection(what);
  if (failure) std::rethrow_exception(failure);
  return results;
}

void PgConnection::copy_in(std::string_view copy_sql, std::string_view data,
                           std::string_view what) {
  guarded([&] { run_copy_in(copy_sql, data, what); });
}

void PgConnection::run_copy_in(std::string_view copy_sql, std::string_view data,
                               std::string_view what) {
  const PgResult started = check(PgResult(PQexec(conn_, std::string(copy_sql).c_str())), what);
  if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
    throw PgError("", "postgres: " + std::string(what) + ": not a COPY FROM STDIN");
  }
  // libpq buffers and sends in its own chunks; large pieces keep calls few.
  constexpr size_t kChunk = 1 << 20;
  for (size_t pos = 0; pos < data.size(); pos += kChunk) {
    const std::string_view piece = data.substr(pos, kChunk);
    if (PQputCopyData(conn_, piece.data(), static_cast<int>(piece.size())) != 1) {
      fail_connection(what);
    }
  }
  if (PQputCopyEnd(conn_, nullptr) != 1) fail_connection(what);
  // The COPY's outcome, then the end of its results.
  PgResult finished(PQgetResult(conn_));
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  check(std::move(finished), what);
}

bool PgConnection::in_transaction() const { return PQtransactionStatus(conn_) != PQTRANS_IDLE; }

// ---- COPY text format ----

void copy_field(std::string& line, std::string_view value, bool last) {
  for (char c : value) {
    switch (c) {
      case '\\':
        line += "\\\\";
        break;
      case '\t':
        line += "\\t";
        break;
      case '\n':
        line += "\\n";
        break;
      case '\r':
        line += "\\r";
        break;
      default:
        line += c;
    }
  }
  line += last ? '\n' : '\t';
}

void copy_null(std::string& line, bool last) {
  line += "\\N";
  line += last ? '\n' : '\t';
}

void copy_field(std::string& line, int64_t value, bool last) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  line.append(digits, end);
  line += last ? '\n' : '\t';
}

}  // namespace phongdich
