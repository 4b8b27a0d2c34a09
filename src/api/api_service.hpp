// The API: authenticates each request, routes it, runs it against the registry,
// accounts and audit trail, and turns every refusal into a clean JSON answer.
//
// Concurrency. Reads of personal data and reports (routes marked
// StoreUse::reads or store_reads) run beside each other, each on its own read-only store
// connection, under the shared side of a lock whose exclusive side every
// write takes while it changes the store and the index. Everything else
// (writes, and reads through the writer's connection: accounts, audit) runs
// on the writer thread, one request at a time, with the requests that arrive
// meanwhile sharing one commit (api/group_committer). Waiting writes go
// before new reads, so a stream of reads cannot hold a dose back.
//
// The index shows a write from the moment it is made, a few milliseconds
// before its group commits (and forgets it if the commit fails): reports
// always include every acknowledged dose.
//
// Lock order: the writer thread, then state_lock_. A read never waits for the
// writer thread while it holds state_lock_ (authentication happens before,
// and its audit entries are flushed by the flusher thread).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "api/background_audit_indexer.hpp"
#include "api/background_checkpointer.hpp"
#include "api/change_catch_up.hpp"
#include "api/group_committer.hpp"
#include "api/http_message.hpp"
#include "api/http_server.hpp"
#include "api/import_jobs.hpp"
#include "api/login_throttle.hpp"
#include "api/read_write_lock.hpp"
#include "api/reader_pool.hpp"
#include "api/router.hpp"
#include "app/accounts.hpp"
#include "app/audit_log.hpp"
#include "app/registry.hpp"
#include "app/surveillance.hpp"
#include "domain/access_policy.hpp"
#include "domain/date.hpp"

namespace phongdich::api {

struct ApiServiceOptions {
  AccountsOptions accounts;
  int login_attempts_per_minute = 10;  // per client address
  // Unix milliseconds; injectable so tests can move time (expiry, lockout).
  std::function<int64_t()> clock_ms;
  // "Today" for validation and reports; default: the clock's date in Asia/Ho_Chi_Minh.
  std::optional<Date> today;
  // Where uploaded import files, their states and error reports are kept.
  std::string import_dir = "var/imports";
  // Rows of an upload checked and written in one step on the writer thread
  // (api/import_jobs): other requests wait at most for one step, about 20 ms
  // at this size.
  size_t import_batch_rows = 2000;
  // Reads run beside each other on reader connections; false serialises every
  // request on the writer's connection (for comparison in the benchmark).
  bool concurrent_reads = true;
  // Writes that arrive together share a commit, up to this many (1: a commit each).
  size_t max_commit_group = 64;
  // How often the store's log is checkpointed in the background while writes
  // go on (0: never; the writer then checkpoints by itself, and stalls while it
  // does). An idle log is looked at less and less often, down to once a second.
  // Why so often: each checkpoint fsyncs the log, and a commit that writes to
  // the log's last page while that page is being written out waits for the
  // disk. Every 100 ms that was the last 100 ms of commits, up to 45 ms of
  // writing on this machine's disk, and the writer's slowest waits (POST p99
  // 26 to 40 ms against 22 to 24 ms every 5 ms; docs/performance.md).
  std::chrono::milliseconds checkpoint_interval{5};
  // With background checkpoints: once the log holds this many frames (4 KiB
  // pages, 256 MB) after one, the writer copies the rest between two commits
  // and the log starts afresh (api/background_checkpointer). Each time, writes
  // wait for the copy and two fsyncs (5 to 140 ms measured); at 6,000 doses/s
  // this size makes that once every few seconds.
  int64_t writer_checkpoint_frames = 65536;
  // How long the audit entry of a read may wait in memory before it commits
  // with the others waiting, and how many may wait before they commit sooner.
  // Why not every 100 ms: each flush dirties a page of the trail's index by
  // area for nearly every area read from, whatever the entries' number, so
  // larger flushes write fewer pages per entry (at 1,024 entries a flush, about
  // one page written per read; docs/performance.md).
  std::chrono::milliseconds audit_flush_interval{500};  // > 0, or the service refuses to start
  size_t audit_flush_entries = 8192;                    // 0: by time only
  // How often what the audit trail gained is indexed by record, user and area,
  // where the store keeps that index apart (SQLite; 0: never, and searches read
  // the unindexed entries directly).
  std::chrono::milliseconds audit_index_interval{1000};
  // What other servers on the same database commit (PostgreSQL; null: this
  // server is the only writer): taken in before each request (api/change_catch_up).
  std::shared_ptr<ChangeFeed> change_feed;
  // A hot standby of the database (PostgreSQL) for the concurrent reads, and
  // how far behind the primary it may be before reads go to the primary
  // instead (api/reader_pool.hpp). Empty: every read on the primary.
  std::string standby_url;
  int64_t max_standby_lag_ms = 2000;
};

class ApiService;

// What a handler sees.
struct RouteContext {
  ApiService& service;
  const HttpRequest& request;
  PathParams params;
  std::optional<AuthenticatedSession> session;  // set unless the route is public
  int64_t now_ms = 0;
  Date today;
  bool in_write = false;    // inside a POST's transaction: audit entries commit with it
  Store* reader = nullptr;  // set when the route runs beside other reads

  const User& user() const { return session->user; }
  Subject subject() const;
  Registry& registry();
  Surveillance& surveillance();
  // The store to read from: this request's reader connection, or the writer's
  // when the request runs alone.
  Store& store();
  // Throws ApiError 403 unless the access policy allows it, after auditing the refusal.
  void require(Permission permission, AreaId area, std::optional<PersonId> person = std::nullopt,
               const std::string& action = "", const std::string& target = "");
  // Appends an audit entry for this request's user and address.
  void audit(const std::string& action, const std::string& target, AreaId area,
             const std::string& outcome = "ok", const std::string& detail = "");
};

class ApiService {
 public:
  ApiService(Registry& registry, ApiServiceOptions options = {});
  ~ApiService();
  ApiService(const ApiService&) = delete;
  ApiService& operator=(const ApiService&) = delete;

  // Answers through `reply`: at once for reads, from the writer's teller
  // thread after the commit for writes (api/group_committer). Never throws.
  void handle_async(HttpRequest& request, Reply reply);
  // The same, waiting for the answer (tests, tools).
  HttpResponse handle(HttpRequest& request);
  // Runs `work` alone on the writer thread, as a write would: for tools,
  // tests and imports that touch the registry or its store beside a running
  // service (one SQLite connection is used by one thread at a time). `alone`:
  // in a transaction of its own rather than the group's.
  void run_exclusive(const std::function<void()>& work,
                     GroupCommitter::Grouping grouping = GroupCommitter::Grouping::shared);
  // Commit groups and the requests in them so far (the benchmark reports them).
  size_t commit_groups() const { return writer_.groups(); }
  size_t committed_jobs() const { return writer_.jobs(); }

  const Router& router() const { return router_; }
  Registry& registry() { return registry_; }
  Surveillance& surveillance() { return surveillance_; }
  Accounts& accounts() { return accounts_; }
  ImportJobs& imports() { return *imports_; }
  AuditLog& audit_log() { return audit_; }
  LoginThrottle& login_throttle() { return throttle_; }
  int64_t now_ms() const { return options_.clock_ms(); }
  const ApiServiceOptions& options() const { return options_; }

  // The audit entry of a read waits in memory and is committed with the others
  // waiting (every audit_flush_interval, sooner when audit_flush_entries wait,
  // and before any write), so that a read does not pay a commit of its own; a
  // crash loses at most the last interval's read entries, never a write's.
  // Inside a write (`in_write`) the entry commits with the write (the caller
  // runs on the writer thread).
  void record_audit(const AuditEvent& event, int64_t at_ms, bool in_write);
  void flush_audit_locked();  // handlers on the writer thread
  void flush_audit();         // anyone else; nothing to do when nothing waits

  // Reports (coverage) computed since the last write are answered again
  // without recomputing: the registry index changes only with a write here.
  std::optional<std::string> cached_report(const std::string& key) const;
  void cache_report(const std::string& key, std::string body);

 private:
  void dispatch(HttpRequest& request, int64_t now_ms, std::string& log_user, const Reply& reply);
  HttpResponse run_idempotent(RouteContext& context, const Route& route);
  // A read beside the others, on a reader connection (the standby's when it is
  // usable; a read the standby fails is run again on the primary); nullopt
  // when it must run alone on the writer (the index is not in memory).
  std::optional<HttpResponse> read_beside_others(const Route& route, RouteContext& context);
  // Sessions are looked up in the store at most every 30 s per token; account
  // changes made here forget them at once, changes made from another process
  // (the CLI) apply within those 30 s.
  // Asks the writer thread on a miss: call it holding no lock.
  std::optional<AuthenticatedSession> authenticate(const std::string& token, int64_t now_s);
  void forget_sessions();
  void flush_periodically(std::stop_token stop);
  // Queues a checkpoint on the writer's connection, between two groups of
  // writes; at most one waits at a time.
  void checkpoint_on_writer();

  Registry& registry_;
  Surveillance surveillance_;  // its writes run on the writer thread, as the registry's do
  ApiServiceOptions options_;
  Accounts accounts_;
  AuditLog audit_;
  LoginThrottle throttle_;
  Router router_;
  ReaderPool readers_;

 public:
  const ReaderPool& readers() const { return readers_; }

 private:
  ReadWriteLock state_lock_;  // the index and the store agree under it

  struct CachedSession {
    AuthenticatedSession session;
    int64_t check_again_at = 0;  // unix seconds
  };
  std::mutex sessions_mutex_;
  std::unordered_map<std::string, CachedSession> sessions_;  // by token hash
  std::mutex audit_queue_mutex_;
  std::vector<std::pair<AuditEvent, int64_t>> pending_audit_;
  std::atomic<uint64_t> writes_{0};  // POSTs committed: the version reports are cached against
  mutable std::mutex reports_mutex_;
  std::unordered_map<std::string, std::pair<uint64_t, std::string>> reports_;
  std::mutex flusher_mutex_;
  std::condition_variable_any flusher_wake_;
  bool flush_requested_ = false;  // under flusher_mutex_: many entries wait
  std::atomic<bool> writer_checkpoint_queued_{false};
  GroupCommitter writer_;  // owns the writer's connection (registry_.store())
  std::unique_ptr<BackgroundCheckpointer> checkpointer_;
  std::unique_ptr<BackgroundAuditIndexer> audit_indexer_;
  std::jthread audit_flusher_;               // last: started after everything it uses
  std::unique_ptr<ChangeCatchUp> catch_up_;  // stopped first: it runs work on the writer thread
  std::unique_ptr<ImportJobs> imports_;      // likewise
};

// Helpers shared by the route files.
Date date_param(const HttpRequest& request, const std::string& name, Date fallback);
size_t size_param(const HttpRequest& request, const std::string& name, size_t fallback, size_t max);
// Resolves "TREE:CODE" (or a bare 2022 code); throws ApiError 404 when unknown.
// `limit` of a page: 1 to 1000 (a page of nothing is a client's mistake: 400).
size_t limit_param(const HttpRequest& request, size_t fallback);
const Area& area_param(Registry& registry, const std::string& spec);
// How audit entries name an area: "area:TREE:CODE".
std::string area_target(const Area& area);
// The area a search of persons covers: `?area=`, else the user's own. Throws
// ApiError 403 (audited as person.search) unless the user may read personal data there.
const Area& search_area(RouteContext& context);
PersonId id_param(const PathParams& params, const std::string& name);
HttpResponse json_response(int status, std::string body);

// Civil date of a unix-milliseconds instant in Asia/Ho_Chi_Minh (UTC+7, no DST).
Date vietnam_date(int64_t unix_ms);

}  // namespace phongdich::api
